<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** The one word an extension's UI needs. */
final class LicenseState
{
    /** Valid: run with the edition and features the license names. */
    public const LICENSED = 'licensed';
    /** Expired, but within the grace period (the renewed body may still be on its way through Plesk): run, and warn. */
    public const IN_GRACE = 'grace';
    /** Expired beyond the grace period: offer to renew (the buy link). */
    public const EXPIRED = 'expired';
    /** KA terminated it (the revocation document lists it): run unlicensed. */
    public const REVOKED = 'revoked';
    /** No license, or one that is not for this extension or this server, or not genuine. */
    public const UNLICENSED = 'unlicensed';

    private function __construct()
    {
    }
}
