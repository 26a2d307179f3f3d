<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use IsvLicensing\PleskLicense\LicenseSource;
use PHPUnit\Framework\TestCase;

/** Where bodies come from: the pm_License stand-in, a file, a string, in either form Plesk may hold them. */
final class LicenseSourceTest extends TestCase
{
    public function testTheBodyComesFromThisExtensionsAdditionalKey(): void
    {
        $body = Fixtures::body('pro');
        \pm_Context::testingSet('acme-tools', Fixtures::scratch(), 'https://buy', 'https://upgrade');
        \pm_License::testingRemoveAll();
        \pm_License::testingInstall('acme-tools', $body);

        self::assertSame(trim($body), LicenseSource::fromPlesk());
        self::assertSame(trim($body), LicenseSource::fromPlesk('acme-tools'));
        self::assertNull(LicenseSource::fromPlesk('another-extension'));
    }

    public function testAFileOrAStringInEitherFormGivesTheToken(): void
    {
        $body = Fixtures::body('unbound');
        $file = Fixtures::scratch() . '/license.jws';
        file_put_contents($file, $body . "\n");

        self::assertSame(trim($body), LicenseSource::fromFile($file));
        self::assertNull(LicenseSource::fromFile($file . '.missing'));
        self::assertSame(trim($body), LicenseSource::fromString(chunk_split(base64_encode($body), 76)));
        self::assertSame('not a token', LicenseSource::fromString(' not a token '));
    }
}
