<?php
/**
 * The extension's one place for licensing: what it accepts and where the service is. Plesk autoloads classes named
 * Modules_<ExtensionId in CamelCase>_<File> from plib/library, so rename the class with your extension id.
 */

declare(strict_types=1);

use IsvLicensing\PleskLicense\LicenseStatus;
use IsvLicensing\PleskLicense\PleskLicensing;

// The library: Composer's autoloader if the extension was built with Composer, else the copy in plib/vendor
// (sdk/php copied as plib/vendor/isv-licensing/plesk-license), else, to try the sample inside this repository,
// the repository's sdk/php. Keep the first two in your extension.
foreach ([
    __DIR__ . '/../vendor/autoload.php',
    __DIR__ . '/../vendor/isv-licensing/plesk-license/autoload.php',
    __DIR__ . '/../../../../sdk/php/autoload.php',
] as $autoload) {
    if (is_file($autoload)) {
        require_once $autoload;
        break;
    }
}

final class Modules_AcmeTools_Licensing
{
    /** The licensing service: its JWKS and revocation document are fetched from here (HTTPS). */
    private const SERVICE = 'https://licensing.example.com';

    /** Its Licensing:Signing:Issuer. */
    private const ISSUER = 'orleans-licensing';

    /**
     * The PRODUCT_IDs of this extension in the service's catalog (one per edition). These are the Development
     * catalog's, so the sample runs against a Development instance of the service: put yours.
     */
    private const PRODUCTS = ['someproduct1', 'someproduct1-pro'];

    /**
     * The status: reads the key Plesk holds and checks it, fetching the JWKS (daily) and the revocation document
     * (when the cached copy is past its next update) from the service. Call it once per request and pass it on.
     */
    public static function status(): LicenseStatus
    {
        return PleskLicensing::create([
            'service' => self::SERVICE,
            'issuer' => self::ISSUER,
            'jwks' => __DIR__ . '/../resources/jwks.json',
            'products' => self::PRODUCTS,
            // For a product sold with ACTIVATION_DATA, where this server is: 'activation' => <its domain or IP>.
        ])->status();
    }

    /** Whether a feature is licensed: the license is usable and names the feature with a value other than false. */
    public static function allows(LicenseStatus $status, string $feature): bool
    {
        return $status->allows($feature);
    }
}
