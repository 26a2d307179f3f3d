<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * Checks a license body offline: the signature against the published keys, then the policy, in the .NET verifier's
 * order (identity before time: "not a license for this product" is the answer to act on, expired or not).
 */
final class LicenseVerifier
{
    private KeySet $keys;
    private Policy $policy;
    private ?RevocationList $revocations;

    public function __construct(KeySet $keys, Policy $policy, ?RevocationList $revocations = null)
    {
        $this->keys = $keys;
        $this->policy = $policy;
        $this->revocations = $revocations;
    }

    /** @param int $now Unix time to verify as of (time() in production) */
    public function verify(string $body, int $now): VerificationResult
    {
        $token = SignedToken::verify($body, $this->keys);
        if ($token->failure !== Failure::NONE) {
            return new VerificationResult($token->failure, $token->detail, $token->kid, null);
        }
        $claims = $token->payload;
        if ($claims === null || !self::areLicenseClaims($claims)) {
            return new VerificationResult(Failure::BAD_CLAIMS, 'the payload is not license claims', $token->kid, null);
        }
        $age = $this->revocations === null ? null : $this->revocations->age($now);
        $stale = $this->revocations !== null && $this->revocations->isStale($now);
        [$failure, $detail] = $this->checkPolicy($claims, $now);
        return new VerificationResult($failure, $detail, $token->kid, $claims,
            $failure === Failure::NONE && $now >= $claims['exp'], $age, $stale);
    }

    /**
     * @param array<string, mixed> $claims
     * @return array{0: string, 1: string}
     */
    private function checkPolicy(array $claims, int $now): array
    {
        $policy = $this->policy;
        if ($claims['iss'] !== $policy->issuer()) {
            return [Failure::WRONG_ISSUER, "issued by '{$claims['iss']}', expected '{$policy->issuer()}'"];
        }
        // A terminated license is refused whatever else it would have failed: it is the answer to act on.
        $revoked = $this->revocations === null ? null : $this->revocations->find($claims, $now);
        if ($revoked !== null) {
            return [Failure::REVOKED, "license {$claims['sub']} was terminated on {$revoked} (revocation document of "
                . self::moment($this->revocations->issuedAt()) . ')'];
        }
        if ($policy->products() !== [] && !in_array($claims['product'], $policy->products(), true)) {
            return [Failure::WRONG_PRODUCT, "product '{$claims['product']}', expected " . self::oneOf($policy->products())];
        }
        if ($policy->editions() !== [] && !in_array($claims['edition'], $policy->editions(), true)) {
            return [Failure::WRONG_EDITION, "edition '{$claims['edition']}', expected " . self::oneOf($policy->editions())];
        }
        if ($claims['test'] === true && !$policy->allowsTestLicenses()) {
            return [Failure::TEST_LICENSE_REFUSED, "a test license (KA's test mode), and test licenses are not accepted"];
        }
        $activation = $policy->activation();
        if ($activation !== null) {
            $bound = $claims['activation'] ?? null;
            if (!is_string($bound)) {
                return [Failure::ACTIVATION_MISMATCH, "the license is bound to nothing, expected '$activation'"];
            }
            if (!ActivationBinding::matches($activation, $bound)) {
                return [Failure::ACTIVATION_MISMATCH, "bound to '$bound', expected '$activation'"];
            }
        }
        foreach ($policy->requiredFeatures() as $feature) {
            if (!array_key_exists($feature, $claims['features'])) {
                return [Failure::MISSING_FEATURE, "the license has no feature '$feature'"];
            }
            $value = $claims['features'][$feature];
            if (!self::turnsOn($value)) {
                return [Failure::MISSING_FEATURE, "the license turns feature '$feature' off"];
            }
        }
        $notBefore = self::midnight($claims['start']);
        if ($now < $notBefore) {
            return [Failure::NOT_YET_VALID, 'valid from ' . self::moment($notBefore) . ', now ' . self::moment($now)];
        }
        // exp is the first second the license is no longer valid (RFC 7519 section 4.1.4).
        $grace = $policy->gracePeriod();
        if ($now >= $claims['exp'] + $grace) {
            return [Failure::EXPIRED, $grace > 0
                ? 'expired ' . self::moment($claims['exp']) . ', grace ended ' . self::moment($claims['exp'] + $grace) . ', now ' . self::moment($now)
                : 'expired ' . self::moment($claims['exp']) . ', now ' . self::moment($now)];
        }
        return [Failure::NONE, ''];
    }

    /**
     * The members the .NET verifier requires of license claims (LicenseClaims.TryParse), so both call the same
     * payloads BadClaims.
     *
     * @param array<string, mixed> $claims
     */
    private static function areLicenseClaims(array $claims): bool
    {
        foreach (['iss', 'sub', 'product', 'edition'] as $name) {
            if (!is_string($claims[$name] ?? null)) {
                return false;
            }
        }
        return is_int($claims['rev'] ?? null) && is_int($claims['exp'] ?? null) && is_int($claims['iat'] ?? null)
            && is_array($claims['features'] ?? null) && is_bool($claims['test'] ?? null)
            && self::midnight($claims['start'] ?? null) !== null && self::midnight($claims['expiry'] ?? null) !== null;
    }

    /**
     * Whether a feature's value turns it on: anything but false or the string 'false' (any case).
     * Shared with LicenseStatus::allows(); not part of the public API.
     *
     * @internal
     * @param mixed $value
     */
    public static function turnsOn($value): bool
    {
        return !($value === false || (is_string($value) && strcasecmp($value, 'false') === 0));
    }

    /**
     * Shared with RevocationList (termination dates); not part of the public API.
     *
     * @internal
     * @param mixed $date a yyyy-MM-dd date; its midnight UTC, or null when it is not one
     */
    public static function midnight($date): ?int
    {
        if (!is_string($date) || preg_match('/\A(\d{4})-(\d{2})-(\d{2})\z/', $date, $m) !== 1 || !checkdate((int)$m[2], (int)$m[3], (int)$m[1])) {
            return null;
        }
        return gmmktime(0, 0, 0, (int)$m[2], (int)$m[3], (int)$m[1]);
    }

    /** @param string[] $values */
    private static function oneOf(array $values): string
    {
        return implode(' or ', array_map(static function (string $v): string {
            return "'$v'";
        }, $values));
    }

    private static function moment(int $time): string
    {
        return gmdate('Y-m-d\TH:i:s\Z', $time);
    }
}
