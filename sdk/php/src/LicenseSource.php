<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * Where the license body comes from. In Plesk, the service's body is the extension's additional license key:
 * KA hands it to Plesk, and the extension reads it through the SDK as pm_License::getAdditionalKey() and its
 * key-body property. A body is installed, or replaced by a renewed one, only at Plesk's next license key update.
 */
final class LicenseSource
{
    private function __construct()
    {
    }

    /**
     * The body Plesk holds for this extension (or for $moduleId), or null when no additional key is installed.
     *
     * @throws \LogicException outside Plesk (no pm_License class)
     */
    public static function fromPlesk(?string $moduleId = null): ?string
    {
        if (!class_exists('pm_License')) {
            throw new \LogicException('pm_License is not available: fromPlesk() works inside a Plesk extension; use fromFile() or fromString() elsewhere');
        }
        $key = \pm_License::getAdditionalKey($moduleId);
        if ($key === null) {
            return null;
        }
        $body = $key->getProperty('key-body');
        return is_string($body) && trim($body) !== '' ? self::fromString($body) : null;
    }

    /** A body saved as a file (tools, tests, support): null when the file does not exist. */
    public static function fromFile(string $path): ?string
    {
        if (!is_file($path)) {
            return null;
        }
        $text = @file_get_contents($path);
        return $text === false ? null : self::fromString($text);
    }

    /**
     * The body as a JWS compact token. Plesk's key file carries the key body Base64-encoded; when the text is that
     * encoding of a token rather than the token itself, it is decoded here, so either form verifies.
     */
    public static function fromString(string $text): string
    {
        $text = trim($text);
        if (substr_count($text, '.') !== 2) {
            $decoded = base64_decode(preg_replace('/\s+/', '', $text) ?? '', true);
            if (is_string($decoded) && substr_count(trim($decoded), '.') === 2) {
                return trim($decoded);
            }
        }
        return $text;
    }
}
