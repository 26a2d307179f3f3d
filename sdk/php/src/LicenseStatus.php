<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** What the extension shows and acts on; everything a view needs, already worked out. */
final class LicenseStatus
{
    /** @var string a LicenseState constant */
    public string $state;
    /** @var string a Failure constant: why the license is not simply licensed (NONE when it is, or in grace) */
    public string $failure;
    /** Why, in words for the administrator or a support ticket; empty when licensed. */
    public string $detail;
    /** Whole days the extension may still run: to the expiry when licensed, to the end of the grace when in grace; 0 otherwise. */
    public int $daysLeft;
    public ?int $expiresAt;
    public ?string $purchaseId;
    public ?string $product;
    public ?string $edition;
    /** @var array<string, mixed> feature name => value (numbers, booleans, strings) */
    public array $features;
    public bool $test;
    /** pm_Context::getBuyUrl(): where to buy or renew (never hard-coded: resellers replace it). */
    public ?string $buyUrl;
    /** pm_Context::getUpgradeLicenseUrl(): where to move to another edition. */
    public ?string $upgradeUrl;
    /** Seconds since the revocation document checked against was issued; null when none could be had. */
    public ?int $revocationsAge;
    /** Why the service could not be reached for the JWKS or the revocation document (cached copies were used). */
    public ?string $serviceProblem;

    /**
     * @param array<string, mixed> $features
     */
    public function __construct(string $state, string $failure, string $detail, int $daysLeft, ?int $expiresAt, ?string $purchaseId, ?string $product,
        ?string $edition, array $features, bool $test, ?string $buyUrl, ?string $upgradeUrl, ?int $revocationsAge, ?string $serviceProblem)
    {
        $this->state = $state;
        $this->failure = $failure;
        $this->detail = $detail;
        $this->daysLeft = $daysLeft;
        $this->expiresAt = $expiresAt;
        $this->purchaseId = $purchaseId;
        $this->product = $product;
        $this->edition = $edition;
        $this->features = $features;
        $this->test = $test;
        $this->buyUrl = $buyUrl;
        $this->upgradeUrl = $upgradeUrl;
        $this->revocationsAge = $revocationsAge;
        $this->serviceProblem = $serviceProblem;
    }

    /** Whether the extension may run its licensed features: licensed, or in grace. */
    public function isUsable(): bool
    {
        return $this->state === LicenseState::LICENSED || $this->state === LicenseState::IN_GRACE;
    }

    /** A feature's value, or $default when the license does not name it (or there is no usable license). */
    public function feature(string $name, $default = null)
    {
        return $this->isUsable() && array_key_exists($name, $this->features) ? $this->features[$name] : $default;
    }

    /**
     * Whether a feature is licensed: the license is usable and names the feature with a value other than false
     * (or 'false', in any case), the same test a Policy's required features pass.
     */
    public function allows(string $name): bool
    {
        return $this->isUsable() && array_key_exists($name, $this->features) && LicenseVerifier::turnsOn($this->features[$name]);
    }

    /** One sentence for the UI. */
    public function message(): string
    {
        switch ($this->state) {
            case LicenseState::LICENSED:
                return sprintf('Licensed: %s edition, %d day%s left.', $this->edition, $this->daysLeft, $this->daysLeft === 1 ? '' : 's');
            case LicenseState::IN_GRACE:
                return sprintf('The license expired on %s; it keeps working for %d more day%s while the renewal reaches this server.',
                    gmdate('Y-m-d', (int)$this->expiresAt), $this->daysLeft, $this->daysLeft === 1 ? '' : 's');
            case LicenseState::EXPIRED:
                return sprintf('The license expired on %s. Renew it to go on using the extension.', gmdate('Y-m-d', (int)$this->expiresAt));
            case LicenseState::REVOKED:
                return 'The license was terminated. Buy a license to go on using the extension.';
            default:
                return $this->detail === '' ? 'No license is installed.' : 'No valid license: ' . $this->detail . '.';
        }
    }
}
