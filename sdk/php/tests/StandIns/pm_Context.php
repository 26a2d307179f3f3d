<?php
// phpcs:ignoreFile -- Plesk's class names.

declare(strict_types=1);

/**
 * Stand-in for the Plesk SDK's pm_Context with the methods the library uses, as documented: init($moduleId),
 * getModuleId(), getVarDir() (the extension's writable data directory), getBuyUrl() (the store URL Plesk derives
 * from meta.xml's buy_url) and getUpgradeLicenseUrl(). testingSet() is the tests' own.
 */
class pm_Context
{
    private static ?string $moduleId = null;
    private static string $varDir = '';
    private static ?string $buyUrl = null;
    private static ?string $upgradeUrl = null;

    public static function init($moduleId): void
    {
        self::$moduleId = $moduleId;
    }

    public static function getModuleId()
    {
        if (self::$moduleId === null) {
            throw new LogicException('pm_Context::init() was not called');
        }
        return self::$moduleId;
    }

    public static function getVarDir(): string
    {
        return self::$varDir;
    }

    public static function getBuyUrl(): string
    {
        return (string)self::$buyUrl;
    }

    public static function getUpgradeLicenseUrl(): string
    {
        return (string)self::$upgradeUrl;
    }

    public static function testingSet(string $moduleId, string $varDir, string $buyUrl, string $upgradeUrl): void
    {
        self::$moduleId = $moduleId;
        self::$varDir = rtrim($varDir, '/') . '/';
        self::$buyUrl = $buyUrl;
        self::$upgradeUrl = $upgradeUrl;
    }
}
