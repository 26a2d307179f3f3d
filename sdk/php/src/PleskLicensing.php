<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * The one object an extension builds: where the license is, the keys it must be signed with, the revocation
 * document, and what the extension accepts; status() answers with a LicenseStatus.
 *
 *   $status = PleskLicensing::create([
 *       'service' => 'https://licensing.example.com',    // the JWKS and revocation document come from here
 *       'jwks' => __DIR__ . '/../resources/jwks.json',   // the keys shipped with the extension
 *       'products' => ['acme-tools', 'acme-tools-pro'],
 *   ])->status();
 */
final class PleskLicensing
{
    private const OPTIONS = [
        'issuer', 'service', 'jwks', 'jwks_url', 'revocations_url', 'products', 'editions', 'features', 'allow_test',
        'activation', 'grace_days', 'cache_dir', 'timeout', 'jwks_lifetime', 'retry_delay', 'module_id', 'license',
        'http', 'clock', 'buy_url', 'upgrade_url',
    ];

    private Policy $policy;
    private JwksSource $keys;
    private ?RevocationSource $revocations;
    /** @var callable(): ?string */
    private $license;
    /** @var callable(): int */
    private $clock;
    private ?string $buyUrl;
    private ?string $upgradeUrl;

    /**
     * @param callable(): ?string $license
     * @param callable(): int $clock
     */
    public function __construct(Policy $policy, JwksSource $keys, ?RevocationSource $revocations, callable $license, callable $clock, ?string $buyUrl, ?string $upgradeUrl)
    {
        $this->policy = $policy;
        $this->keys = $keys;
        $this->revocations = $revocations;
        $this->license = $license;
        $this->clock = $clock;
        $this->buyUrl = $buyUrl;
        $this->upgradeUrl = $upgradeUrl;
    }

    /**
     * Options (all but 'jwks' optional):
     *   jwks              the JWKS shipped with the extension: a file path, or the JSON itself
     *   service           the licensing service's base URL; the JWKS and revocation URLs default to its /.well-known/ ones
     *   jwks_url, revocations_url   those URLs, when they live elsewhere (null: not fetched)
     *   issuer            the service's Licensing:Signing:Issuer (default orleans-licensing)
     *   products, editions, features, allow_test, activation   what is accepted (see Policy)
     *   grace_days        days after expiry a license still runs (default 31: Plesk delivers renewals late)
     *   cache_dir         where fetched copies are kept (default pm_Context::getVarDir())
     *   timeout           seconds one fetch may take (default 5)
     *   jwks_lifetime     seconds before the cached JWKS is fetched again (default 86400)
     *   retry_delay       seconds between fetches while the service cannot be reached (default 300)
     *   module_id         whose additional key to read (default: this extension's)
     *   license           a callable returning the body (default: pm_License, through LicenseSource::fromPlesk)
     *   buy_url, upgrade_url   the links (default: pm_Context::getBuyUrl() / getUpgradeLicenseUrl())
     *   http, clock       an Http and a callable returning Unix time, for tests
     *
     * @param array<string, mixed> $options
     */
    public static function create(array $options): self
    {
        $unknown = array_diff(array_keys($options), self::OPTIONS);
        if ($unknown !== []) {
            throw new \InvalidArgumentException('unknown option(s): ' . implode(', ', $unknown) . '; known: ' . implode(', ', self::OPTIONS));
        }
        if (!is_string($options['jwks'] ?? null)) {
            throw new \InvalidArgumentException("'jwks' is required: the JWKS shipped with the extension (a file, or its JSON)");
        }
        $jwks = $options['jwks'];
        if (strpos(ltrim($jwks), '{') !== 0) {
            $text = @file_get_contents($jwks);
            if ($text === false) {
                throw new \InvalidArgumentException("'jwks': cannot read $jwks");
            }
            $jwks = $text;
        }
        $shipped = KeySet::fromJwks($jwks);

        $policy = (new Policy((string)($options['issuer'] ?? 'orleans-licensing')))
            ->withProducts($options['products'] ?? [])
            ->withEditions($options['editions'] ?? [])
            ->withRequiredFeatures($options['features'] ?? [])
            ->allowingTestLicenses((bool)($options['allow_test'] ?? false))
            ->withActivation($options['activation'] ?? null);
        if (isset($options['grace_days'])) {
            // Unset, the Policy's own default (Policy::DEFAULT_GRACE_SECONDS) holds.
            $policy = $policy->withGracePeriod((int)round(86400 * (float)$options['grace_days']));
        }

        $service = isset($options['service']) ? rtrim((string)$options['service'], '/') : null;
        $jwksUrl = array_key_exists('jwks_url', $options) ? $options['jwks_url'] : ($service === null ? null : $service . '/.well-known/jwks.json');
        $revocationsUrl = array_key_exists('revocations_url', $options)
            ? $options['revocations_url']
            : ($service === null ? null : $service . '/.well-known/revocations.jws');
        $cacheDir = rtrim((string)($options['cache_dir'] ?? self::pleskVarDir()), '/') . '/isv-licensing';
        $http = $options['http'] ?? new StreamHttp();
        $timeout = (int)($options['timeout'] ?? 5);
        $retryDelay = (int)($options['retry_delay'] ?? 300);

        $keys = new JwksSource($shipped, $jwksUrl, new CachedDocument($cacheDir . '/jwks.json'), $http, (int)($options['jwks_lifetime'] ?? 86400), $timeout, $retryDelay);
        $revocations = $revocationsUrl === null
            ? null
            : new RevocationSource($revocationsUrl, new CachedDocument($cacheDir . '/revocations.jws'), $http, $timeout, $retryDelay);
        $moduleId = $options['module_id'] ?? null;
        $license = $options['license'] ?? static function () use ($moduleId): ?string {
            return LicenseSource::fromPlesk($moduleId);
        };
        $clock = $options['clock'] ?? static function (): int {
            return time();
        };
        $buyUrl = array_key_exists('buy_url', $options) ? $options['buy_url'] : self::pleskUrl('getBuyUrl');
        $upgradeUrl = array_key_exists('upgrade_url', $options) ? $options['upgrade_url'] : self::pleskUrl('getUpgradeLicenseUrl');
        return new self($policy, $keys, $revocations, $license, $clock, $buyUrl, $upgradeUrl);
    }

    public function status(): LicenseStatus
    {
        // Without a license there is nothing to verify: no key or revocation fetch may hold the page up.
        $body = ($this->license)();
        if ($body === null) {
            return new LicenseStatus(LicenseState::UNLICENSED, Failure::NONE, '', 0, null, null, null, null, [], false,
                $this->buyUrl, $this->upgradeUrl, null, null);
        }
        $now = ($this->clock)();
        $keys = $this->keys->keys($now);
        $revocations = $this->revocations === null ? null : $this->revocations->current($keys, $this->policy->issuer(), $now);
        $age = $revocations === null ? null : $revocations->age($now);
        $result = (new LicenseVerifier($keys, $this->policy, $revocations))->verify($body, $now);
        if ($result->failure === Failure::UNKNOWN_KEY) {
            $keys = $this->keys->keys($now, true);
            $result = (new LicenseVerifier($keys, $this->policy, $revocations))->verify($body, $now);
        }
        // After the last keys() call, so a refetch's outcome is what is reported.
        $problems = array_filter([$this->keys->lastError(), $this->revocations === null ? null : $this->revocations->lastError()]);
        $problem = $problems === [] ? null : implode('; ', $problems);
        $claims = $result->claims ?? [];
        $expiresAt = is_int($claims['exp'] ?? null) ? $claims['exp'] : null;
        switch ($result->failure) {
            case Failure::NONE:
                $state = $result->inGracePeriod ? LicenseState::IN_GRACE : LicenseState::LICENSED;
                $until = $result->inGracePeriod ? $expiresAt + $this->policy->gracePeriod() : $expiresAt;
                $daysLeft = (int)ceil(($until - $now) / 86400);
                break;
            case Failure::EXPIRED:
                $state = LicenseState::EXPIRED;
                $daysLeft = 0;
                break;
            case Failure::REVOKED:
                $state = LicenseState::REVOKED;
                $daysLeft = 0;
                break;
            default:
                $state = LicenseState::UNLICENSED;
                $daysLeft = 0;
        }
        return new LicenseStatus($state, $result->failure, $result->detail, $daysLeft, $expiresAt,
            $claims['sub'] ?? null, $claims['product'] ?? null, $claims['edition'] ?? null,
            is_array($claims['features'] ?? null) ? $claims['features'] : [], ($claims['test'] ?? false) === true,
            $this->buyUrl, $this->upgradeUrl, $age, $problem);
    }

    private static function pleskVarDir(): string
    {
        if (!class_exists('pm_Context')) {
            throw new \InvalidArgumentException("'cache_dir' is required outside Plesk (inside, it defaults to pm_Context::getVarDir())");
        }
        return \pm_Context::getVarDir();
    }

    private static function pleskUrl(string $method): ?string
    {
        if (!class_exists('pm_Context')) {
            return null;
        }
        $url = \pm_Context::$method();
        return is_string($url) && $url !== '' ? $url : null;
    }
}
