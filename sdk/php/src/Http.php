<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** How the library fetches the JWKS and the revocation document; StreamHttp unless the extension brings its own. */
interface Http
{
    /**
     * The body of a 200 answer to GET $url.
     *
     * @throws FetchFailed no answer within $timeoutSeconds, or an answer other than 200
     */
    public function get(string $url, int $timeoutSeconds): string;
}
