<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * The service's revocation document (GET /.well-known/revocations.jws): a JWS signed like the bodies whose payload
 * names the issuer, its issue time (iat), its next update (next_update) and the licenses KA terminated, by
 * PURCHASE_ID (sub) with the termination date.
 */
final class RevocationList
{
    private string $issuer;
    private int $issuedAt;
    private int $nextUpdate;
    /** @var array<string, string> termination dates (yyyy-MM-dd) by PURCHASE_ID */
    private array $revoked;

    /** @param array<string, string> $revoked */
    private function __construct(string $issuer, int $issuedAt, int $nextUpdate, array $revoked)
    {
        $this->issuer = $issuer;
        $this->issuedAt = $issuedAt;
        $this->nextUpdate = $nextUpdate;
        $this->revoked = $revoked;
    }

    /**
     * Checks the document's signature against the key set and its issuer, then reads it.
     *
     * @throws InvalidDocument tampered, signed by a key the set does not hold, of another issuer, or not a revocation document
     */
    public static function verify(string $jws, KeySet $keys, string $issuer): self
    {
        $token = SignedToken::verify($jws, $keys);
        if ($token->failure !== Failure::NONE) {
            throw new InvalidDocument("revocation document refused: {$token->failure}: {$token->detail}");
        }
        $payload = $token->payload;
        // A license body is signed by the same keys: the type keeps one from being read as the other.
        if ($payload === null || ($payload['typ'] ?? null) !== 'revocations' || !is_string($payload['iss'] ?? null)
            || !is_int($payload['iat'] ?? null) || !is_int($payload['next_update'] ?? null) || !is_array($payload['revoked'] ?? null)) {
            throw new InvalidDocument('revocation document refused: well signed, but its payload is not a revocation list');
        }
        if ($payload['iss'] !== $issuer) {
            throw new InvalidDocument("revocation document refused: issued by '{$payload['iss']}', expected '$issuer'");
        }
        $revoked = [];
        foreach ($payload['revoked'] as $entry) {
            if (!is_array($entry) || !is_string($entry['sub'] ?? null) || LicenseVerifier::midnight($entry['terminated'] ?? null) === null) {
                throw new InvalidDocument('revocation document refused: an entry without sub and terminated date');
            }
            $revoked[$entry['sub']] = $entry['terminated'];
        }
        return new self($payload['iss'], $payload['iat'], $payload['next_update'], $revoked);
    }

    /**
     * The termination date (yyyy-MM-dd) revoking this license at $now, or null: same issuer, same PURCHASE_ID, and
     * its termination date (midnight UTC) reached.
     *
     * @param array<string, mixed> $claims
     */
    public function find(array $claims, int $now): ?string
    {
        if (($claims['iss'] ?? null) !== $this->issuer || !is_string($claims['sub'] ?? null)) {
            return null;
        }
        $date = $this->revoked[$claims['sub']] ?? null;
        if ($date === null) {
            return null;
        }
        return $now >= LicenseVerifier::midnight($date) ? $date : null;
    }

    public function issuedAt(): int
    {
        return $this->issuedAt;
    }

    /** Seconds since it was issued: what the extension reports when it cannot get a newer copy. */
    public function age(int $now): int
    {
        return $now - $this->issuedAt;
    }

    public function isStale(int $now): bool
    {
        return $now >= $this->nextUpdate;
    }
}
