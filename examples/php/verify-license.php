<?php
/**
 * Verifies an Orleans Licensing license body with nothing but PHP's bundled sodium extension (PHP 7.4 or later).
 *
 *   php verify-license.php [--grace=SECONDS|7d|12h] <jwks-file-or-url> <body-file | ->
 *
 * Prints the claims, then "valid" or "invalid: <why>" as the last line.
 * Exit codes: 0 valid, 1 invalid, 2 usage or I/O error.
 *
 * A Plesk extension copies verify_license() (and base64url_decode()) and calls it with the body Plesk holds
 * and the JWKS it shipped or fetched; the command-line part below is only for trying it out and for CI.
 */

declare(strict_types=1);

/** RFC 4648 section 5 without padding, strictly: anything else is not a token we signed. */
function base64url_decode(string $text): ?string
{
    if ($text === '' || preg_match('/\A[A-Za-z0-9_-]+\z/', $text) !== 1 || strlen($text) % 4 === 1) {
        return null;
    }
    $decoded = base64_decode(strtr($text, '-_', '+/') . str_repeat('=', (4 - strlen($text) % 4) % 4), true);
    return $decoded === false ? null : $decoded;
}

/**
 * Checks a body against a JWKS document (already decoded with json_decode(..., true)).
 *
 * @return array{valid: bool, reason: string, kid: ?string, claims: ?array}
 *         claims are set whenever the signature holds, so an expired license still tells when it expired.
 */
function verify_license(string $body, array $jwks, int $now, int $graceSeconds = 0): array
{
    $result = ['valid' => false, 'reason' => '', 'kid' => null, 'claims' => null];
    $parts = explode('.', trim($body));
    if (count($parts) !== 3) {
        $result['reason'] = 'malformed: not three dot-separated parts';
        return $result;
    }
    [$headerPart, $payloadPart, $signaturePart] = $parts;
    $headerJson = base64url_decode($headerPart);
    $payloadJson = base64url_decode($payloadPart);
    $signature = base64url_decode($signaturePart);
    $header = $headerJson === null ? null : json_decode($headerJson, true);
    if (!is_array($header) || $payloadJson === null || $signature === null) {
        $result['reason'] = 'malformed: not base64url parts with a JSON header';
        return $result;
    }

    // Only EdDSA: never let the token choose a weaker algorithm ("none", HS256 with the public key).
    if (($header['alg'] ?? null) !== 'EdDSA') {
        $result['reason'] = 'unsupported algorithm: alg is not EdDSA';
        return $result;
    }
    $kid = $header['kid'] ?? null;
    $result['kid'] = is_string($kid) ? $kid : null;
    $publicKey = null;
    foreach ($jwks['keys'] ?? [] as $jwk) {
        if (is_array($jwk) && ($jwk['kty'] ?? null) === 'OKP' && ($jwk['crv'] ?? null) === 'Ed25519'
            && is_string($kid) && ($jwk['kid'] ?? null) === $kid && is_string($jwk['x'] ?? null)) {
            $publicKey = base64url_decode($jwk['x']);
            break;
        }
    }
    if ($publicKey === null || strlen($publicKey) !== SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES) {
        $result['reason'] = is_string($kid) ? "unknown key: '$kid' is not among the published keys" : 'unknown key: the header names no kid';
        return $result;
    }

    // The signature covers the two encoded parts exactly as they travel, dot included.
    if (strlen($signature) !== SODIUM_CRYPTO_SIGN_BYTES
        || !sodium_crypto_sign_verify_detached($signature, $headerPart . '.' . $payloadPart, $publicKey)) {
        $result['reason'] = "bad signature: it does not verify with key '$kid'";
        return $result;
    }

    $claims = json_decode($payloadJson, true);
    if (!is_array($claims) || !is_int($claims['exp'] ?? null) || !is_string($claims['sub'] ?? null)) {
        $result['reason'] = 'bad claims: the payload is not license claims';
        return $result;
    }
    $result['claims'] = $claims;

    if (is_int($claims['nbf'] ?? null) && $now < $claims['nbf']) {
        $result['reason'] = 'not yet valid: starts ' . gmdate('Y-m-d\TH:i:s\Z', $claims['nbf']);
        return $result;
    }
    // exp is the first second the license is no longer valid (RFC 7519 section 4.1.4).
    if ($now >= $claims['exp'] + $graceSeconds) {
        $result['reason'] = 'expired: ' . gmdate('Y-m-d\TH:i:s\Z', $claims['exp'])
            . ($graceSeconds > 0 ? ', grace ended ' . gmdate('Y-m-d\TH:i:s\Z', $claims['exp'] + $graceSeconds) : '');
        return $result;
    }

    $result['valid'] = true;
    $result['reason'] = $now >= $claims['exp'] ? 'expired, within the grace period' : '';
    return $result;
}

function parse_duration(string $text): ?int
{
    if (preg_match('/\A(\d{1,9})([dhms]?)\z/', $text, $m) !== 1) {
        return null;
    }
    $unit = ['' => 1, 's' => 1, 'm' => 60, 'h' => 3600, 'd' => 86400][$m[2]];
    return (int)$m[1] * $unit;
}

function usage(string $problem): void
{
    fwrite(STDERR, "$problem\nUsage: php verify-license.php [--grace=SECONDS|7d|12h] <jwks-file-or-url> <body-file | ->\n");
    exit(2);
}

function read_source(string $source): string
{
    $text = @file_get_contents($source === '-' ? 'php://stdin' : $source);
    if ($text === false) {
        fwrite(STDERR, "verify-license: cannot read $source\n");
        exit(2);
    }
    return $text;
}

if (PHP_SAPI === 'cli' && realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    if (!extension_loaded('sodium')) {
        fwrite(STDERR, "verify-license: PHP's sodium extension is not loaded\n");
        exit(2);
    }
    $options = getopt('', ['grace:'], $firstArgument);
    $arguments = array_slice($argv, $firstArgument);
    if (count($arguments) !== 2) {
        usage('Give the JWKS and the body.');
    }
    $grace = 0;
    if (isset($options['grace'])) {
        $grace = is_string($options['grace']) ? parse_duration($options['grace']) : null;
        if ($grace === null) {
            usage('--grace takes a number of seconds or 7d, 12h, 30m.');
        }
    }
    $jwks = json_decode(read_source($arguments[0]), true);
    if (!is_array($jwks) || !is_array($jwks['keys'] ?? null)) {
        fwrite(STDERR, "verify-license: {$arguments[0]} is not a JWKS document\n");
        exit(2);
    }

    $result = verify_license(read_source($arguments[1]), $jwks, time(), $grace);
    if ($result['kid'] !== null) {
        echo str_pad('kid:', 12), $result['kid'], "\n";
    }
    foreach ($result['claims'] ?? [] as $name => $value) {
        $text = is_array($value)
            ? implode(', ', array_map(fn ($k, $v) => $k . '=' . (is_bool($v) ? ($v ? 'true' : 'false') : $v), array_keys($value), $value))
            : (is_bool($value) ? ($value ? 'true' : 'false') : (string)$value);
        echo str_pad("$name:", 12), $text, "\n";
    }
    echo $result['valid'] ? 'valid' . ($result['reason'] === '' ? '' : " ({$result['reason']})") : "invalid: {$result['reason']}", "\n";
    exit($result['valid'] ? 0 : 1);
}
