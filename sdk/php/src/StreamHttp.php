<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * GET through PHP's own stream wrappers: no curl needed (HTTPS needs ext-openssl, which Plesk's PHP has). Peer
 * certificates are verified; redirects are not followed, so a document comes only from the address configured.
 */
final class StreamHttp implements Http
{
    public function get(string $url, int $timeoutSeconds): string
    {
        $scheme = strtolower((string)parse_url($url, PHP_URL_SCHEME));
        if ($scheme !== 'https' && $scheme !== 'http') {
            throw new FetchFailed("$url: only http(s) addresses are fetched");
        }
        $context = stream_context_create([
            'http' => [
                'method' => 'GET',
                'timeout' => $timeoutSeconds,
                'follow_location' => 0,
                'ignore_errors' => true,
                'header' => "Accept: application/jose, application/json\r\nUser-Agent: isv-licensing-plesk-license\r\n",
            ],
            'ssl' => ['verify_peer' => true, 'verify_peer_name' => true],
        ]);
        $error = null;
        set_error_handler(static function (int $level, string $message) use (&$error): bool {
            $error = $message;
            return true;
        });
        try {
            $body = file_get_contents($url, false, $context);
        } finally {
            restore_error_handler();
        }
        if ($body === false) {
            throw new FetchFailed("$url: " . ($error ?? 'no answer'));
        }
        // The status line of the last answer: PHP fills $http_response_header in this scope.
        $status = isset($http_response_header[0]) && preg_match('#\AHTTP/\S+\s+(\d{3})#', $http_response_header[0], $m) === 1 ? (int)$m[1] : 0;
        if ($status !== 200) {
            throw new FetchFailed("$url answered " . ($http_response_header[0] ?? 'nothing'));
        }
        return $body;
    }
}
