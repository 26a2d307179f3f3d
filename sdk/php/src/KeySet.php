<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** The service's public keys (OKP/Ed25519, RFC 8037), by kid, read from a JWKS document. */
final class KeySet
{
    /** @var array<string, string> raw 32-byte public keys by kid */
    private array $keys;

    /** @param array<string, string> $keys */
    private function __construct(array $keys)
    {
        $this->keys = $keys;
    }

    /**
     * Reads a JWKS document; keys that are not OKP/Ed25519 are skipped.
     *
     * @throws InvalidDocument the text is not a JWKS, or an Ed25519 key in it is broken
     */
    public static function fromJwks(string $json): self
    {
        $document = json_decode($json, true);
        if (!is_array($document) || !is_array($document['keys'] ?? null)) {
            throw new InvalidDocument('not a JWKS document (no "keys" array)');
        }
        $keys = [];
        foreach ($document['keys'] as $jwk) {
            if (!is_array($jwk) || ($jwk['kty'] ?? null) !== 'OKP' || ($jwk['crv'] ?? null) !== 'Ed25519') {
                continue;
            }
            $kid = $jwk['kid'] ?? null;
            $raw = is_string($jwk['x'] ?? null) ? Base64Url::decode($jwk['x']) : null;
            if (!is_string($kid) || $raw === null || strlen($raw) !== SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES) {
                throw new InvalidDocument('JWKS: an Ed25519 key without a kid or a 32-byte x');
            }
            $keys[$kid] = $raw;
        }
        return new self($keys);
    }

    /** Both sets: the shipped keys and the fetched ones. A kid in both keeps this set's key. */
    public function merge(self $other): self
    {
        return new self($this->keys + $other->keys);
    }

    public function find(string $kid): ?string
    {
        return $this->keys[$kid] ?? null;
    }
}
