<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use PHPUnit\Framework\TestCase;

/**
 * examples/plesk-extension as Plesk runs it: its controller and view scripts, wired to this library, on a body the
 * service issued. The service is unreachable here (the sample names licensing.example.com), so the extension's var
 * directory holds the copies an earlier request fetched, as it would on a server.
 */
final class SampleExtensionTest extends TestCase
{
    private const EXTENSION = __DIR__ . '/../../../examples/plesk-extension';

    protected function setUp(): void
    {
        $varDir = Fixtures::scratch();
        \pm_Context::testingSet('acme-tools', $varDir, 'https://store.example.com/buy?kn=PLSK.1', 'https://store.example.com/upgrade?kn=PLSK.1');
        \pm_License::testingRemoveAll();
        // What an earlier request fetched; its attempt just now failed, so this one does not try again.
        // (The sample's SERVICE is licensing.example.com, which does not exist.)
        mkdir($varDir . '/isv-licensing');
        file_put_contents($varDir . '/isv-licensing/jwks.json', Fixtures::jwks());
        file_put_contents($varDir . '/isv-licensing/revocations.jws', Fixtures::revocations());
        file_put_contents($varDir . '/isv-licensing/revocations.jws.attempt', json_encode(['at' => time(), 'error' => 'licensing.example.com: unreachable']));
        require_once self::EXTENSION . '/plib/library/Licensing.php';
        require_once self::EXTENSION . '/plib/controllers/IndexController.php';
    }

    public function testTheStartPageShowsALicensedStatusTheFeaturesAndTheUpgradeLink(): void
    {
        \pm_License::testingInstall('acme-tools', Fixtures::body('pro'));

        $html = $this->render();

        self::assertStringContainsString('data-license-state="licensed"', $html);
        self::assertStringContainsString('Licensed: Pro edition, 30 days left.', $html);
        self::assertStringContainsString('<li>prioritySupport: yes</li>', $html);
        self::assertStringContainsString('href="https://store.example.com/upgrade?kn=PLSK.1"', $html);
        self::assertStringContainsString('The licensed part of Acme Tools', $html);
        self::assertStringContainsString('Priority support is included', $html);
    }

    public function testATerminatedLicenseIsShownRevokedWithTheBuyLinkFromTheCachedRevocationDocument(): void
    {
        \pm_License::testingInstall('acme-tools', Fixtures::body('revoked'));

        $html = $this->render();

        self::assertStringContainsString('data-license-state="revoked"', $html);
        self::assertStringContainsString('>Renew the license</a>', $html);
        self::assertStringNotContainsString('The licensed part of Acme Tools', $html);
    }

    public function testWithoutALicenseTheStartPageOffersTheBuyLink(): void
    {
        $html = $this->render();

        self::assertStringContainsString('data-license-state="unlicensed"', $html);
        self::assertStringContainsString('No license is installed.', $html);
        self::assertStringContainsString('>Buy a license</a>', $html);
    }

    private function render(): string
    {
        $controller = new \IndexController(self::EXTENSION . '/plib/views/scripts');
        $controller->indexAction();
        return $controller->view->render('index/index.phtml');
    }
}
