<?php
/**
 * For an extension without Composer: require this file once (e.g. from plib/library/) and the library's classes
 * load on first use, as Composer's PSR-4 autoloader would load them.
 */

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    $prefix = 'IsvLicensing\\PleskLicense\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
