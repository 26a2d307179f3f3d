<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** A JWS compact token (RFC 7515) checked against the key set: form, alg (EdDSA only), kid and signature. */
final class SignedToken
{
    /** @var string a Failure constant: NONE or one of the first four token checks */
    public string $failure;
    public ?string $kid;
    /** @var array<string, mixed>|null the decoded JSON payload, when the signature holds */
    public ?array $payload;
    public string $detail;

    /** @param array<string, mixed>|null $payload */
    private function __construct(string $failure, ?string $kid, ?array $payload, string $detail)
    {
        $this->failure = $failure;
        $this->kid = $kid;
        $this->payload = $payload;
        $this->detail = $detail;
    }

    public static function verify(string $token, KeySet $keys): self
    {
        $parts = explode('.', trim($token));
        if (count($parts) !== 3) {
            return new self(Failure::MALFORMED, null, null, 'not a JWS compact token (three base64url parts with a JSON header)');
        }
        [$headerPart, $payloadPart, $signaturePart] = $parts;
        $headerJson = Base64Url::decode($headerPart);
        $payloadJson = Base64Url::decode($payloadPart);
        $signature = Base64Url::decode($signaturePart);
        $header = $headerJson === null ? null : json_decode($headerJson, true);
        if (!is_array($header) || $payloadJson === null || $signature === null) {
            return new self(Failure::MALFORMED, null, null, 'not a JWS compact token (three base64url parts with a JSON header)');
        }
        $kid = is_string($header['kid'] ?? null) ? $header['kid'] : null;
        // Only EdDSA: never let the token choose a weaker algorithm ("none", HS256 with the public key).
        if (($header['alg'] ?? null) !== 'EdDSA') {
            return new self(Failure::UNSUPPORTED_ALGORITHM, $kid, null, "the header's alg is not EdDSA");
        }
        $publicKey = $kid === null ? null : $keys->find($kid);
        if ($publicKey === null) {
            return new self(Failure::UNKNOWN_KEY, $kid, null, $kid === null
                ? 'the header names no key (kid)'
                : "key '$kid' is not among the published keys");
        }
        // The signature covers the two encoded parts exactly as they travel, dot included.
        if (strlen($signature) !== SODIUM_CRYPTO_SIGN_BYTES
            || !sodium_crypto_sign_verify_detached($signature, $headerPart . '.' . $payloadPart, $publicKey)) {
            return new self(Failure::BAD_SIGNATURE, $kid, null, "the signature does not verify with key '$kid'");
        }
        $payload = json_decode($payloadJson, true);
        return new self(Failure::NONE, $kid, is_array($payload) ? $payload : null, '');
    }
}
