<?php
/**
 * Verifies an Orleans Licensing license body with nothing but PHP's bundled sodium extension (PHP 7.4 or later).
 *
 *   php verify-license.php [--issuer=NAME] [--activation=PLACE] [--product=ID] [--edition=NAME] [--feature=NAME]
 *                          [--allow-test] [--grace=SECONDS|7d|12h] <jwks-file-or-url> <body-file | ->
 *
 * Prints the claims, then "valid" or "invalid: <why>" as the last line. The checks and their order are those of
 * the .NET verifier (src/Verifier, LicenseVerifier and VerificationPolicy); <why> starts with the name of its
 * VerificationFailure in words ("wrong issuer", "activation mismatch", "expired", …).
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
 * Whether a license's activation binding names the place the application runs, as the .NET verifier's
 * ActivationBinding decides: the same text, or the same IP address, GUID or host name however it is written.
 */
function activation_matches(string $expected, string $bound): bool
{
    if ($expected === $bound) {
        return true;
    }
    // IPv6 text or a dotted quad only: a bare number is not an address here.
    $address = function (string $value): ?string {
        $isAddress = strpos($value, ':') !== false || preg_match('/\A\d{1,3}(\.\d{1,3}){3}\z/', $value) === 1;
        $packed = $isAddress ? @inet_pton($value) : false;
        return $packed === false ? null : $packed;
    };
    $expectedAddress = $address($expected);
    $boundAddress = $address($bound);
    if ($expectedAddress !== null && $boundAddress !== null) {
        return $expectedAddress === $boundAddress;
    }
    $guid = '/\A[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z/';
    if (preg_match($guid, $expected) === 1 && preg_match($guid, $bound) === 1) {
        return strcasecmp($expected, $bound) === 0;
    }
    // Host names are case-insensitive and may be written fully qualified, with a final dot.
    $host = '/\A[A-Za-z0-9.-]+\z/';
    return preg_match($host, $expected) === 1 && preg_match($host, $bound) === 1
        && strcasecmp(rtrim($expected, '.'), rtrim($bound, '.')) === 0;
}

/**
 * Checks a body against a JWKS document (already decoded with json_decode(..., true)) and a policy:
 *   issuer      (required) the service's Licensing:Signing:Issuer: a body with another iss is refused;
 *   activation  where this copy runs (domain, IP address, GUID): the license must be bound to it, and an
 *               unbound license is refused. Leave it out only for products sold without ACTIVATION_DATA;
 *   products, editions   accepted PRODUCT_IDs / editions (any of them; empty: any);
 *   features    features the license must carry with a value other than false;
 *   allow_test  accept KA test-mode licenses (default false: a test purchase costs nothing);
 *   grace       seconds after exp a license is still accepted.
 *
 * @return array{valid: bool, reason: string, kid: ?string, claims: ?array}
 *         claims are set whenever the signature holds, so an expired license still tells when it expired.
 */
function verify_license(string $body, array $jwks, int $now, array $policy): array
{
    $issuer = $policy['issuer'] ?? null;
    if (!is_string($issuer) || $issuer === '') {
        throw new InvalidArgumentException("verify_license: the policy needs 'issuer', the service's Licensing:Signing:Issuer");
    }
    $graceSeconds = (int)($policy['grace'] ?? 0);
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

    // Identity before time, as the .NET verifier: "not a license for this" is the answer to act on.
    $quote = fn ($values) => implode(' or ', array_map(fn ($v) => "'$v'", $values));
    if (($claims['iss'] ?? null) !== $issuer) {
        $result['reason'] = "wrong issuer: issued by '" . (is_string($claims['iss'] ?? null) ? $claims['iss'] : '') . "', expected '$issuer'";
        return $result;
    }
    $products = $policy['products'] ?? [];
    if ($products !== [] && !in_array($claims['product'] ?? null, $products, true)) {
        $result['reason'] = "wrong product: product '" . ($claims['product'] ?? '') . "', expected " . $quote($products);
        return $result;
    }
    $editions = $policy['editions'] ?? [];
    if ($editions !== [] && !in_array($claims['edition'] ?? null, $editions, true)) {
        $result['reason'] = "wrong edition: edition '" . ($claims['edition'] ?? '') . "', expected " . $quote($editions);
        return $result;
    }
    if (($claims['test'] ?? false) === true && !($policy['allow_test'] ?? false)) {
        $result['reason'] = 'test license refused: a test license (KA\'s test mode), and test licenses are not accepted';
        return $result;
    }
    $activation = $policy['activation'] ?? null;
    if (is_string($activation)) {
        $bound = $claims['activation'] ?? null;
        if (!is_string($bound)) {
            $result['reason'] = "activation mismatch: the license is bound to nothing, expected '$activation'";
            return $result;
        }
        if (!activation_matches($activation, $bound)) {
            $result['reason'] = "activation mismatch: bound to '$bound', expected '$activation'";
            return $result;
        }
    }
    foreach ($policy['features'] ?? [] as $feature) {
        if (!array_key_exists($feature, $claims['features'] ?? [])) {
            $result['reason'] = "missing feature: the license has no feature '$feature'";
            return $result;
        }
        $value = $claims['features'][$feature];
        if ($value === false || (is_string($value) && strcasecmp($value, 'false') === 0)) {
            $result['reason'] = "missing feature: the license turns feature '$feature' off";
            return $result;
        }
    }

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
    fwrite(STDERR, "$problem\nUsage: php verify-license.php [--issuer=NAME] [--activation=PLACE] [--product=ID] [--edition=NAME]"
        . " [--feature=NAME] [--allow-test] [--grace=SECONDS|7d|12h] <jwks-file-or-url> <body-file | ->\n");
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
    $options = getopt('', ['grace:', 'issuer:', 'activation:', 'product:', 'edition:', 'feature:', 'allow-test'], $firstArgument);
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
    $many = fn ($name) => isset($options[$name]) ? (array)$options[$name] : [];
    $single = function (string $name) use ($options): ?string {
        if (!isset($options[$name])) {
            return null;
        }
        if (!is_string($options[$name]) || $options[$name] === '') {
            usage("--$name takes one non-empty value.");
        }
        return $options[$name];
    };
    $policy = [
        // The service's default Licensing:Signing:Issuer; give the one your service is configured with.
        'issuer' => $single('issuer') ?? 'orleans-licensing',
        'activation' => $single('activation'),
        'products' => $many('product'),
        'editions' => $many('edition'),
        'features' => $many('feature'),
        'allow_test' => isset($options['allow-test']),
        'grace' => $grace,
    ];
    $jwks = json_decode(read_source($arguments[0]), true);
    if (!is_array($jwks) || !is_array($jwks['keys'] ?? null)) {
        fwrite(STDERR, "verify-license: {$arguments[0]} is not a JWKS document\n");
        exit(2);
    }

    $result = verify_license(read_source($arguments[1]), $jwks, time(), $policy);
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
