<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * What the extension accepts beyond a good signature, as the .NET verifier's VerificationPolicy: the issuer (always
 * checked here), products, editions and features (empty: not checked), test licenses (refused unless allowed), the
 * activation binding (null: not checked) and the grace period. Immutable: each with…() returns a copy.
 */
final class Policy
{
    /**
     * The default grace: Plesk installs a renewed body only at its next license key update, days to a month after
     * KA renewed the license, so the old body must keep working that long after its expiry. A license KA terminated
     * is refused through the revocation document instead.
     */
    public const DEFAULT_GRACE_SECONDS = 31 * 86400;

    private string $issuer;
    /** @var string[] */
    private array $products = [];
    /** @var string[] */
    private array $editions = [];
    /** @var string[] */
    private array $features = [];
    private bool $allowTest = false;
    private ?string $activation = null;
    private int $graceSeconds = self::DEFAULT_GRACE_SECONDS;

    /** @param string $issuer the service's Licensing:Signing:Issuer (default orleans-licensing): a key may be published by more than one service */
    public function __construct(string $issuer)
    {
        if ($issuer === '') {
            throw new \InvalidArgumentException("the policy needs the service's issuer (Licensing:Signing:Issuer)");
        }
        $this->issuer = $issuer;
    }

    /** @param string[] $products the PRODUCT_IDs accepted (any of them), compared exactly */
    public function withProducts(array $products): self
    {
        $copy = clone $this;
        $copy->products = array_values($products);
        return $copy;
    }

    /** @param string[] $editions the editions accepted (any of them), compared exactly */
    public function withEditions(array $editions): self
    {
        $copy = clone $this;
        $copy->editions = array_values($editions);
        return $copy;
    }

    /** @param string[] $features features the license must name, each with a value other than false */
    public function withRequiredFeatures(array $features): self
    {
        $copy = clone $this;
        $copy->features = array_values($features);
        return $copy;
    }

    /** Accept licenses issued in KA's test mode (a test purchase costs nothing: not for production). */
    public function allowingTestLicenses(bool $allow = true): self
    {
        $copy = clone $this;
        $copy->allowTest = $allow;
        return $copy;
    }

    /**
     * Where this copy runs (a domain, an IP address, a GUID): the license's activation binding must name it, and an
     * unbound license is refused. Set it only for products sold with ACTIVATION_DATA.
     */
    public function withActivation(?string $activation): self
    {
        $copy = clone $this;
        $copy->activation = $activation;
        return $copy;
    }

    /** How long after exp a license is still accepted (in grace); 0 for none. */
    public function withGracePeriod(int $seconds): self
    {
        if ($seconds < 0) {
            throw new \InvalidArgumentException('the grace period cannot be negative');
        }
        $copy = clone $this;
        $copy->graceSeconds = $seconds;
        return $copy;
    }

    public function issuer(): string
    {
        return $this->issuer;
    }

    /** @return string[] */
    public function products(): array
    {
        return $this->products;
    }

    /** @return string[] */
    public function editions(): array
    {
        return $this->editions;
    }

    /** @return string[] */
    public function requiredFeatures(): array
    {
        return $this->features;
    }

    public function allowsTestLicenses(): bool
    {
        return $this->allowTest;
    }

    public function activation(): ?string
    {
        return $this->activation;
    }

    public function gracePeriod(): int
    {
        return $this->graceSeconds;
    }
}
