<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * The keys bodies are checked against: the JWKS shipped with the extension, plus a copy fetched from the service
 * (so a new signing key reaches installed extensions without a release). The fetched copy is kept in a file and
 * fetched again once it is older than the cache lifetime; while the service cannot be reached the cached copy,
 * and always the shipped keys, stay in use.
 */
final class JwksSource
{
    private KeySet $shipped;
    private ?string $url;
    private CachedDocument $cache;
    private Http $http;
    private int $lifetime;
    private int $timeout;
    private int $retryDelay;
    private ?string $lastError = null;

    public function __construct(KeySet $shipped, ?string $url, CachedDocument $cache, Http $http, int $lifetimeSeconds = 86400, int $timeoutSeconds = 5, int $retryDelaySeconds = 300)
    {
        $this->shipped = $shipped;
        $this->url = $url;
        $this->cache = $cache;
        $this->http = $http;
        $this->lifetime = $lifetimeSeconds;
        $this->timeout = $timeoutSeconds;
        $this->retryDelay = $retryDelaySeconds;
    }

    /**
     * @param bool $unknownKey a body names a key this set lacks: fetch now if the copy is older than the retry
     *                         delay, rather than waiting out the lifetime (a key the service started signing with
     *                         before extensions had fetched it)
     */
    public function keys(int $now, bool $unknownKey = false): KeySet
    {
        $fetchedAt = $this->cache->fetchedAt();
        $attempt = $this->cache->lastAttempt();
        $this->lastError = $attempt['error'] ?? null;
        $age = $fetchedAt === null ? PHP_INT_MAX : $now - $fetchedAt;
        $due = $age >= ($unknownKey ? $this->retryDelay : $this->lifetime);
        $held = $attempt !== null && $attempt['error'] !== null && $now < $attempt['at'] + $this->retryDelay;
        $fetched = null;
        if ($this->url !== null && $due && !$held) {
            try {
                $json = $this->http->get($this->url, $this->timeout);
                $fetched = KeySet::fromJwks($json);
                $this->cache->write($json, $now);
                $this->lastError = null;
            } catch (FetchFailed | InvalidDocument $e) {
                $this->lastError = $e->getMessage();
                $this->cache->recordAttempt($now, $this->lastError);
            }
        }
        if ($fetched !== null) {
            return $this->shipped->merge($fetched);
        }
        $cached = $this->cache->read();
        if ($cached === null) {
            return $this->shipped;
        }
        try {
            return $this->shipped->merge(KeySet::fromJwks($cached));
        } catch (InvalidDocument $e) {
            return $this->shipped;
        }
    }

    /** Why the last fetch failed (the cached and shipped keys were used); null after a good one. */
    public function lastError(): ?string
    {
        return $this->lastError;
    }
}
