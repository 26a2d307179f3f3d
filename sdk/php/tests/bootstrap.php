<?php

declare(strict_types=1);

// Composer's autoloader when the package was installed with it; the library's own otherwise (no Composer here).
if (is_file(__DIR__ . '/../vendor/autoload.php')) {
    require __DIR__ . '/../vendor/autoload.php';
} else {
    require __DIR__ . '/../autoload.php';
    spl_autoload_register(static function (string $class): void {
        $prefix = 'IsvLicensing\\PleskLicense\\Tests\\';
        if (strncmp($class, $prefix, strlen($prefix)) === 0) {
            $file = __DIR__ . '/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
}

// The Plesk SDK cannot be installed outside Plesk: stand-ins with its documented API.
require __DIR__ . '/StandIns/pm_License.php';
require __DIR__ . '/StandIns/pm_Context.php';
require __DIR__ . '/StandIns/pm_Controller_Action.php';
