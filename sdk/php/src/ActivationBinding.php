<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * Whether a license's activation binding names the place the extension runs, as the .NET verifier decides: the
 * same text, or the same IP address, GUID or host name however it is written.
 */
final class ActivationBinding
{
    public static function matches(string $expected, string $bound): bool
    {
        if ($expected === $bound) {
            return true;
        }
        $expectedAddress = self::address($expected);
        $boundAddress = self::address($bound);
        if ($expectedAddress !== null && $boundAddress !== null) {
            return $expectedAddress === $boundAddress;
        }
        $guid = '/\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z/';
        if (preg_match($guid, $expected) === 1 && preg_match($guid, $bound) === 1) {
            return strcasecmp($expected, $bound) === 0;
        }
        // Host names are case-insensitive and may be written fully qualified, with a final dot.
        $host = '/\A[A-Za-z0-9.-]+\z/';
        return preg_match($host, $expected) === 1 && preg_match($host, $bound) === 1
            && strcasecmp(rtrim($expected, '.'), rtrim($bound, '.')) === 0;
    }

    /** IPv6 text or a dotted quad only: a bare number is not an address here. */
    private static function address(string $value): ?string
    {
        $isAddress = strpos($value, ':') !== false || preg_match('/\A\d{1,3}(\.\d{1,3}){3}\z/', $value) === 1;
        $packed = $isAddress ? @inet_pton($value) : false;
        return $packed === false ? null : $packed;
    }
}
