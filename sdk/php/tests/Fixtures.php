<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense\Tests;

use PHPUnit\Framework\Assert;

/**
 * What the real service issued for this run, as tests/IntegrationTests/Isv/PhpSdkTests.cs writes it:
 *   ISV_SDK_FIXTURES  a directory with jwks.json, revocations.jws (published after the "revoked" body was
 *                     terminated) and bodies/<kind>.jws (the kinds verdicts.json names);
 *   ISV_SDK_VERDICTS  tests/IntegrationTests/Isv/verdicts.json;
 *   ISV_SDK_SERVICE   the running service's base URL (http://127.0.0.1:<port>).
 * Without them the tests are skipped, and the xunit test that runs PHPUnit fails on any skip.
 */
final class Fixtures
{
    public static function directory(): string
    {
        return self::variable('ISV_SDK_FIXTURES');
    }

    public static function service(): string
    {
        return rtrim(self::variable('ISV_SDK_SERVICE'), '/');
    }

    public static function jwks(): string
    {
        return self::read(self::directory() . '/jwks.json');
    }

    public static function revocations(): string
    {
        return self::read(self::directory() . '/revocations.jws');
    }

    public static function body(string $kind): string
    {
        return self::read(self::directory() . "/bodies/$kind.jws");
    }

    /** @return array<int, array<string, mixed>> */
    public static function verdicts(): array
    {
        $table = json_decode(self::read(self::variable('ISV_SDK_VERDICTS')), true);
        Assert::assertIsArray($table['cases'] ?? null, 'verdicts.json has no cases');
        return $table['cases'];
    }

    /** A scratch directory, as an extension's var directory. */
    public static function scratch(): string
    {
        $directory = sys_get_temp_dir() . '/plesk-license-test-' . bin2hex(random_bytes(6));
        mkdir($directory, 0700, true);
        return $directory;
    }

    /** An address where nothing listens: the service, unreachable. */
    public static function unreachable(): string
    {
        return 'http://127.0.0.1:9';
    }

    private static function variable(string $name): string
    {
        $value = getenv($name);
        if (!is_string($value) || $value === '') {
            Assert::markTestSkipped("$name is not set: run through tests/IntegrationTests/Isv/PhpSdkTests.cs (dotnet test), which issues real bodies");
        }
        return $value;
    }

    private static function read(string $path): string
    {
        $text = file_get_contents($path);
        Assert::assertIsString($text, "cannot read $path");
        return $text;
    }
}
