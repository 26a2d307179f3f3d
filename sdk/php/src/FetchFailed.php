<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/** The service could not be reached, or did not answer 200; the cached copy stays in use. */
final class FetchFailed extends \RuntimeException
{
}
