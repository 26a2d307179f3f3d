<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * The service's revocation document, kept in a file and fetched again once the copy passes its own next update
 * (no more often than the retry delay while fetches fail). A copy that does not verify, or is older than the one
 * held (a replay), is refused and the one held stays; without the service the last good copy is used and its age
 * reported (RevocationList::age()).
 */
final class RevocationSource
{
    private string $url;
    private CachedDocument $cache;
    private Http $http;
    private int $timeout;
    private int $retryDelay;
    private ?string $lastError = null;

    public function __construct(string $url, CachedDocument $cache, Http $http, int $timeoutSeconds = 5, int $retryDelaySeconds = 300)
    {
        $this->url = $url;
        $this->cache = $cache;
        $this->http = $http;
        $this->timeout = $timeoutSeconds;
        $this->retryDelay = $retryDelaySeconds;
    }

    /** The copy to check against, or null when no good copy was ever had. */
    public function current(KeySet $keys, string $issuer, int $now): ?RevocationList
    {
        $held = $this->held($keys, $issuer);
        $attempt = $this->cache->lastAttempt();
        $this->lastError = $attempt['error'] ?? $this->lastError;
        $waiting = $attempt !== null && $attempt['error'] !== null && $now < $attempt['at'] + $this->retryDelay;
        if (($held !== null && !$held->isStale($now)) || $waiting) {
            return $held;
        }
        try {
            $document = $this->http->get($this->url, $this->timeout);
            $fetched = RevocationList::verify($document, $keys, $issuer);
            if ($held !== null && $fetched->issuedAt() < $held->issuedAt()) {
                throw new InvalidDocument('revocation document refused: issued ' . gmdate('Y-m-d\TH:i:s\Z', $fetched->issuedAt())
                    . ', older than the copy held (' . gmdate('Y-m-d\TH:i:s\Z', $held->issuedAt()) . ')');
            }
            $this->cache->write($document, $now);
            $this->lastError = null;
            return $fetched;
        } catch (FetchFailed | InvalidDocument $e) {
            $this->lastError = $e->getMessage();
            $this->cache->recordAttempt($now, $this->lastError);
            return $held;
        }
    }

    /** Why the last fetch failed (the copy held was used); null after a good one. */
    public function lastError(): ?string
    {
        return $this->lastError;
    }

    private function held(KeySet $keys, string $issuer): ?RevocationList
    {
        $cached = $this->cache->read();
        if ($cached === null) {
            return null;
        }
        try {
            return RevocationList::verify($cached, $keys, $issuer);
        } catch (InvalidDocument $e) {
            // A broken or foreign cache file is as good as none: the next fetch replaces it.
            $this->lastError = 'cached copy: ' . $e->getMessage();
            return null;
        }
    }
}
