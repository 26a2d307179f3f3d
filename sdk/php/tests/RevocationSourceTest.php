<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use IsvLicensing\PleskLicense\Base64Url;
use IsvLicensing\PleskLicense\CachedDocument;
use IsvLicensing\PleskLicense\Failure;
use IsvLicensing\PleskLicense\InvalidDocument;
use IsvLicensing\PleskLicense\KeySet;
use IsvLicensing\PleskLicense\LicenseVerifier;
use IsvLicensing\PleskLicense\Policy;
use IsvLicensing\PleskLicense\RevocationList;
use IsvLicensing\PleskLicense\RevocationSource;
use PHPUnit\Framework\TestCase;

/** The revocation document from the real service: fetched, cached, kept when the service is down, refused when it does not verify. */
final class RevocationSourceTest extends TestCase
{
    private KeySet $keys;
    private ScriptedHttp $http;
    private RevocationSource $source;
    private string $cacheFile;

    protected function setUp(): void
    {
        $this->keys = KeySet::fromJwks(Fixtures::jwks());
        $this->http = new ScriptedHttp();
        $this->cacheFile = Fixtures::scratch() . '/revocations.jws';
        $this->source = new RevocationSource(Fixtures::service() . '/.well-known/revocations.jws', new CachedDocument($this->cacheFile), $this->http, 5, 0);
    }

    public function testWhenTheServiceIsDownTheCachedCopyIsUsedItsAgeReportedAndARevokedLicenseStillRefused(): void
    {
        $now = time();
        $fetched = $this->source->current($this->keys, 'orleans-licensing', $now);
        $this->http->down = true;
        $later = $now + 3 * 3600;
        $kept = $this->source->current($this->keys, 'orleans-licensing', $later);
        $result = (new LicenseVerifier($this->keys, new Policy('orleans-licensing'), $kept))->verify(Fixtures::body('revoked'), $later);

        self::assertNotNull($fetched);
        self::assertNotNull($kept);
        self::assertSame($fetched->issuedAt(), $kept->issuedAt());
        self::assertStringContainsString('connection refused', (string)$this->source->lastError());
        self::assertSame(Failure::REVOKED, $result->failure, $result->detail);
        self::assertTrue($result->revocationsStale);
        self::assertGreaterThanOrEqual(3 * 3600, $result->revocationsAge);
        self::assertLessThan(3 * 3600 + 120, $result->revocationsAge);
    }

    public function testATamperedDocumentIsRefusedAndTheCopyHeldKept(): void
    {
        $now = time();
        $held = $this->source->current($this->keys, 'orleans-licensing', $now);
        $this->http->answer = self::tampered(Fixtures::revocations());

        $after = $this->source->current($this->keys, 'orleans-licensing', $now + 3600);

        self::assertNotNull($held);
        self::assertSame($held->issuedAt(), $after->issuedAt());
        self::assertStringContainsString('BadSignature', (string)$this->source->lastError());
    }

    public function testDocumentsSignedByAnotherKeyOrForAnotherIssuerAreRefused(): void
    {
        $kid = json_decode((string)Base64Url::decode(explode('.', Fixtures::revocations())[0]), true)['kid'];
        $impostor = self::signedByAnotherKey($kid, ['iss' => 'orleans-licensing', 'typ' => 'revocations', 'iat' => time(), 'next_update' => time() + 60, 'revoked' => []]);
        $foreign = self::signedByAnotherKey('someone-else', ['iss' => 'orleans-licensing', 'typ' => 'revocations', 'iat' => time(), 'next_update' => time() + 60, 'revoked' => []]);

        self::assertRefused('BadSignature', $impostor, 'orleans-licensing');
        self::assertRefused('UnknownKey', $foreign, 'orleans-licensing');
        self::assertRefused("expected 'someone-else'", Fixtures::revocations(), 'someone-else');
        self::assertRefused('not a revocation list', Fixtures::body('unbound'), 'orleans-licensing');
        self::assertNull((new RevocationSource('http://unused', new CachedDocument($this->cacheFile), self::answering($foreign), 5, 0))
            ->current($this->keys, 'orleans-licensing', time()));
    }

    public function testAnOlderDocumentReplayedAfterANewerOneIsRefused(): void
    {
        $older = Fixtures::revocations();
        $olderIssuedAt = RevocationList::verify($older, $this->keys, 'orleans-licensing')->issuedAt();
        // The service renews its document every second here; the frontend serves the old copy while it renews.
        for ($tries = 0; $tries < 40; $tries++) {
            $now = time();
            $newer = $this->source->current($this->keys, 'orleans-licensing', $now);
            if ($newer !== null && $newer->issuedAt() > $olderIssuedAt) {
                break;
            }
            usleep(250000);
        }
        self::assertGreaterThan($olderIssuedAt, $newer->issuedAt(), 'the service published no newer document');
        $this->http->answer = $older;

        $after = $this->source->current($this->keys, 'orleans-licensing', $now + 600);

        self::assertSame($newer->issuedAt(), $after->issuedAt());
        // The replay was not written over the copy held: the cache still holds the newer document.
        self::assertSame($newer->issuedAt(), RevocationList::verify((string)file_get_contents($this->cacheFile), $this->keys, 'orleans-licensing')->issuedAt());
        self::assertStringContainsString('older than the copy held', (string)$this->source->lastError());
    }

    public function testAFreshCopyIsNotFetchedAgainBeforeItsNextUpdate(): void
    {
        $now = time();
        $first = $this->source->current($this->keys, 'orleans-licensing', $now);
        $this->source->current($this->keys, 'orleans-licensing', $now);

        self::assertNotNull($first);
        self::assertCount(1, $this->http->requested);
    }

    public function testWhileTheServiceIsDownItIsAskedAgainOnlyAfterTheRetryDelay(): void
    {
        $this->http->down = true;
        $source = new RevocationSource(Fixtures::service() . '/.well-known/revocations.jws', new CachedDocument($this->cacheFile), $this->http, 5, 300);
        $now = time();

        $first = $source->current($this->keys, 'orleans-licensing', $now);
        $second = $source->current($this->keys, 'orleans-licensing', $now + 299);

        self::assertNull($first);
        self::assertNull($second);
        self::assertCount(1, $this->http->requested);
        self::assertStringContainsString('connection refused', (string)$source->lastError());
        $source->current($this->keys, 'orleans-licensing', $now + 300);
        self::assertCount(2, $this->http->requested);
    }

    private static function assertRefused(string $why, string $document, string $issuer): void
    {
        try {
            RevocationList::verify($document, KeySet::fromJwks(Fixtures::jwks()), $issuer);
            self::fail("a document that should fail with '$why' was accepted");
        } catch (InvalidDocument $e) {
            self::assertStringContainsString($why, $e->getMessage());
        }
    }

    private static function tampered(string $jws): string
    {
        $at = strpos($jws, '.') + 10;
        $jws[$at] = $jws[$at] === 'A' ? 'B' : 'A';
        return $jws;
    }

    /** @param array<string, mixed> $payload */
    private static function signedByAnotherKey(string $kid, array $payload): string
    {
        $pair = sodium_crypto_sign_keypair();
        $encode = static function (string $bytes): string {
            return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
        };
        $input = $encode((string)json_encode(['alg' => 'EdDSA', 'typ' => 'JWT', 'kid' => $kid])) . '.' . $encode((string)json_encode($payload));
        return $input . '.' . $encode(sodium_crypto_sign_detached($input, sodium_crypto_sign_secretkey($pair)));
    }

    private static function answering(string $document): ScriptedHttp
    {
        $http = new ScriptedHttp();
        $http->answer = $document;
        return $http;
    }
}
