<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use IsvLicensing\PleskLicense\FetchFailed;
use IsvLicensing\PleskLicense\Http;
use IsvLicensing\PleskLicense\StreamHttp;

/** The network between the extension and the service: passes requests to the real one, fails them, or answers a recorded document. */
final class ScriptedHttp implements Http
{
    public bool $down = false;
    public ?string $answer = null;
    /** @var string[] */
    public array $requested = [];

    public function get(string $url, int $timeoutSeconds): string
    {
        $this->requested[] = $url;
        if ($this->down) {
            throw new FetchFailed("$url: connection refused (the service is down)");
        }
        return $this->answer ?? (new StreamHttp())->get($url, $timeoutSeconds);
    }
}
