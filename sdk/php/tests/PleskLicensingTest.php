<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use IsvLicensing\PleskLicense\Failure;
use IsvLicensing\PleskLicense\LicenseState;
use IsvLicensing\PleskLicense\PleskLicensing;
use PHPUnit\Framework\TestCase;

/**
 * The status an extension shows, from a body installed as Plesk installs additional keys (the pm_License stand-in),
 * the links pm_Context gives, and the keys and revocation document of the real service.
 */
final class PleskLicensingTest extends TestCase
{
    private const MODULE = 'acme-tools';
    private string $varDir;

    protected function setUp(): void
    {
        $this->varDir = Fixtures::scratch();
        \pm_Context::testingSet(self::MODULE, $this->varDir, 'https://store.example.com/buy?kn=PLSK.1', 'https://store.example.com/upgrade?kn=PLSK.1');
        \pm_License::testingRemoveAll();
    }

    /** @param array<string, mixed> $options */
    private function licensing(array $options = []): PleskLicensing
    {
        return PleskLicensing::create($options + [
            'service' => Fixtures::service(),
            'jwks' => Fixtures::jwks(),
            'products' => ['someproduct1', 'someproduct1-pro'],
        ]);
    }

    public function testAValidLicenseIsLicensedWithItsEditionFeaturesDaysLeftAndTheLinks(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('pro'));

        $status = $this->licensing()->status();

        self::assertSame(LicenseState::LICENSED, $status->state, $status->detail);
        self::assertTrue($status->isUsable());
        self::assertSame('Pro', $status->edition);
        self::assertSame('someproduct1-pro', $status->product);
        self::assertTrue($status->feature('prioritySupport'));
        self::assertSame(1000, $status->feature('maxAccounts'));
        self::assertSame(30, $status->daysLeft);
        self::assertSame('https://store.example.com/buy?kn=PLSK.1', $status->buyUrl);
        self::assertSame('https://store.example.com/upgrade?kn=PLSK.1', $status->upgradeUrl);
        self::assertNotNull($status->revocationsAge, 'the revocation document was fetched and checked');
        self::assertNull($status->serviceProblem);
        self::assertStringStartsWith('Licensed: Pro edition, 30 days left', $status->message());
        // The fetched copies are kept in the extension's var directory, for the requests that follow.
        self::assertFileExists($this->varDir . '/isv-licensing/revocations.jws');
        self::assertFileExists($this->varDir . '/isv-licensing/jwks.json');
    }

    public function testAKeyBodyPleskHoldsBase64EncodedReadsTheSame(): void
    {
        \pm_License::testingInstall(self::MODULE, base64_encode(Fixtures::body('pro')));

        self::assertSame(LicenseState::LICENSED, $this->licensing()->status()->state);
    }

    public function testWithoutAnAdditionalKeyTheExtensionIsUnlicensedAndOffersTheBuyLink(): void
    {
        $status = $this->licensing()->status();

        self::assertSame(LicenseState::UNLICENSED, $status->state);
        self::assertFalse($status->isUsable());
        self::assertNull($status->feature('prioritySupport'));
        self::assertSame('https://store.example.com/buy?kn=PLSK.1', $status->buyUrl);
        self::assertSame('No license is installed.', $status->message());
    }

    public function testAnotherExtensionsKeyIsNotThisOnes(): void
    {
        \pm_License::testingInstall('another-extension', Fixtures::body('pro'));

        self::assertSame(LicenseState::UNLICENSED, $this->licensing()->status()->state);
    }

    public function testALicenseExpiredDaysAgoRunsInGraceWhileTheRenewalReachesPlesk(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('expired3DaysAgo'));

        $status = $this->licensing()->status();

        self::assertSame(LicenseState::IN_GRACE, $status->state, $status->detail);
        self::assertTrue($status->isUsable());
        // The default grace is 31 days; 3 are gone (less a part of a day: the expiry has a time of day).
        self::assertContains($status->daysLeft, [28, 29]);
    }

    public function testALicenseExpiredLongAgoIsExpired(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('expired2016'));

        $status = $this->licensing()->status();

        self::assertSame(LicenseState::EXPIRED, $status->state);
        self::assertSame(0, $status->daysLeft);
        self::assertStringContainsString('expired on 2016-04-22', $status->message());
    }

    public function testALicenseKaTerminatedIsRevoked(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('revoked'));

        $status = $this->licensing()->status();

        self::assertSame(LicenseState::REVOKED, $status->state, $status->detail);
        self::assertSame(Failure::REVOKED, $status->failure);
        self::assertFalse($status->isUsable());
    }

    public function testALicenseForAnotherProductOrBoundElsewhereIsUnlicensedAndSaysWhy(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('bound'));

        $status = $this->licensing(['activation' => 'other.example.com'])->status();

        self::assertSame(LicenseState::UNLICENSED, $status->state);
        self::assertSame(Failure::ACTIVATION_MISMATCH, $status->failure);
        self::assertStringContainsString("bound to 'shop.example.com'", $status->message());
    }

    public function testKeysFetchedFromTheServiceVerifyBodiesTheShippedJwksDoesNotKnowAndStayCachedWhenItIsDown(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('unbound'));
        $oldRelease = '{"keys":[]}';
        $http = new ScriptedHttp();

        $online = $this->licensing(['jwks' => $oldRelease, 'http' => $http])->status();
        $http->down = true;
        $offline = $this->licensing(['jwks' => $oldRelease, 'http' => $http, 'jwks_lifetime' => 0])->status();

        self::assertSame(LicenseState::LICENSED, $online->state, $online->detail);
        self::assertSame(LicenseState::LICENSED, $offline->state, $offline->detail);
        self::assertStringContainsString('connection refused', (string)$offline->serviceProblem);
    }

    public function testABodySignedByAKeyTheCachedJwksLacksFetchesItAgainBeforeItsLifetimeIsOver(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('unbound'));
        // A copy fetched ten minutes ago, from before the service started signing with its key.
        $cached = $this->varDir . '/isv-licensing/jwks.json';
        mkdir(dirname($cached));
        file_put_contents($cached, '{"keys":[]}');
        touch($cached, time() - 600);
        $http = new ScriptedHttp();

        $status = $this->licensing(['jwks' => '{"keys":[]}', 'http' => $http])->status();

        self::assertSame(LicenseState::LICENSED, $status->state, $status->detail);
        self::assertContains(Fixtures::service() . '/.well-known/jwks.json', $http->requested);
    }

    public function testWithoutTheServiceOrACachedCopyOnlyTheShippedKeysCount(): void
    {
        \pm_License::testingInstall(self::MODULE, Fixtures::body('unbound'));

        $status = $this->licensing(['jwks' => '{"keys":[]}', 'service' => Fixtures::unreachable(), 'timeout' => 2])->status();

        self::assertSame(LicenseState::UNLICENSED, $status->state);
        self::assertSame(Failure::UNKNOWN_KEY, $status->failure);
        self::assertNotNull($status->serviceProblem);
        self::assertNull($status->revocationsAge);
    }

    public function testUnknownOptionsAreRefusedByName(): void
    {
        $this->expectException(\InvalidArgumentException::class);
        $this->expectExceptionMessage('unknown option(s): grace');

        PleskLicensing::create(['jwks' => Fixtures::jwks(), 'grace' => 7]);
    }
}
