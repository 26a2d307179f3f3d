<?php
// phpcs:ignoreFile -- Plesk's class names.

declare(strict_types=1);

/**
 * Stand-in for the Plesk SDK's pm_License ("Panel license keys management class"), with the methods its reference
 * documents: getAdditionalKey(string $moduleId = null): null|static, hasAdditionalKey(string $moduleId = null): bool,
 * getProperty($name) and getProperties(). An extension's additional key is the license KA issued for it; its
 * key-body property holds the body. The testing* methods are the tests' own: they install keys as Plesk would.
 */
class pm_License
{
    /** @var array<string, array<string, mixed>> properties of the installed additional keys, by module id */
    private static array $installed = [];

    /** @var array<string, mixed> */
    private array $properties;

    /** @param array<string, mixed> $properties */
    private function __construct(array $properties)
    {
        $this->properties = $properties;
    }

    /** @return static|null the additional key of the extension (default: the current one, pm_Context::getModuleId()) */
    public static function getAdditionalKey($moduleId = null)
    {
        $moduleId = $moduleId ?? pm_Context::getModuleId();
        return isset(self::$installed[$moduleId]) ? new static(self::$installed[$moduleId]) : null;
    }

    public static function hasAdditionalKey($moduleId = null): bool
    {
        return self::getAdditionalKey($moduleId) !== null;
    }

    /** @return array<string, mixed> */
    public function getProperties(): array
    {
        return $this->properties;
    }

    /** @return null|string|bool|int */
    public function getProperty($propertyName)
    {
        return $this->properties[$propertyName] ?? null;
    }

    /** As Plesk's license key update installs an additional key holding $body. */
    public static function testingInstall(string $moduleId, string $body): void
    {
        self::$installed[$moduleId] = ['key-body' => $body, 'key-number' => 'EXT.' . substr(md5($body), 0, 8)];
    }

    public static function testingRemoveAll(): void
    {
        self::$installed = [];
    }
}
