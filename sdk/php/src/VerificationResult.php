<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * What verifying a body found. $claims is set whenever the signature holds, even when a later check failed, so the
 * extension can say why (an expired license still tells when it expired).
 */
final class VerificationResult
{
    /** @var string a Failure constant */
    public string $failure;
    public string $detail;
    public ?string $kid;
    /** @var array<string, mixed>|null the body's claims (sub, product, edition, features, exp, …) */
    public ?array $claims;
    /** Valid only thanks to the grace period: the license has expired, tell the administrator to renew. */
    public bool $inGracePeriod;
    /** Seconds since the revocation document checked against was issued; null when none was. */
    public ?int $revocationsAge;
    /** The revocation document was past its announced next update: newer terminations may be missing from it. */
    public bool $revocationsStale;

    /** @param array<string, mixed>|null $claims */
    public function __construct(string $failure, string $detail, ?string $kid, ?array $claims, bool $inGracePeriod = false, ?int $revocationsAge = null, bool $revocationsStale = false)
    {
        $this->failure = $failure;
        $this->detail = $detail;
        $this->kid = $kid;
        $this->claims = $claims;
        $this->inGracePeriod = $inGracePeriod;
        $this->revocationsAge = $revocationsAge;
        $this->revocationsStale = $revocationsStale;
    }

    public function isValid(): bool
    {
        return $this->failure === Failure::NONE;
    }
}
