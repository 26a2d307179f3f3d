<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** RFC 4648 section 5 without padding, strictly: anything else is not a token the service signed. */
final class Base64Url
{
    public static function decode(string $text): ?string
    {
        if ($text === '' || preg_match('/\A[A-Za-z0-9_-]+\z/', $text) !== 1 || strlen($text) % 4 === 1) {
            return null;
        }
        $decoded = base64_decode(strtr($text, '-_', '+/') . str_repeat('=', (4 - strlen($text) % 4) % 4), true);
        return $decoded === false ? null : $decoded;
    }
}
