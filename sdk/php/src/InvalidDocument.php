<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** A JWKS or revocation document that cannot be used: malformed, badly signed, from another issuer, or older than the one held. */
final class InvalidDocument extends \RuntimeException
{
}
