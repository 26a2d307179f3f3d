<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * Which check a body failed: the names of the .NET verifier's VerificationFailure, so a support ticket reads the
 * same whichever verifier wrote it. The checks run in the order listed from MALFORMED to EXPIRED below.
 */
final class Failure
{
    public const NONE = 'None';
    /** Not three base64url parts with a JSON header. */
    public const MALFORMED = 'Malformed';
    /** The header's alg is not EdDSA. */
    public const UNSUPPORTED_ALGORITHM = 'UnsupportedAlgorithm';
    /** No kid, or no published key by that id. */
    public const UNKNOWN_KEY = 'UnknownKey';
    /** The signature does not verify with the key its kid names. */
    public const BAD_SIGNATURE = 'BadSignature';
    /** Well signed, but not license claims. */
    public const BAD_CLAIMS = 'BadClaims';
    public const WRONG_ISSUER = 'WrongIssuer';
    /** KA terminated the license: the service's revocation document lists it. */
    public const REVOKED = 'Revoked';
    public const WRONG_PRODUCT = 'WrongProduct';
    public const WRONG_EDITION = 'WrongEdition';
    public const TEST_LICENSE_REFUSED = 'TestLicenseRefused';
    public const ACTIVATION_MISMATCH = 'ActivationMismatch';
    public const MISSING_FEATURE = 'MissingFeature';
    public const NOT_YET_VALID = 'NotYetValid';
    /** At or after exp plus the grace period. */
    public const EXPIRED = 'Expired';

    private function __construct()
    {
    }
}
