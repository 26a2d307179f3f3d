<?php
// phpcs:ignoreFile -- Plesk's class names.

declare(strict_types=1);

/**
 * Stand-in for the Plesk SDK's pm_Controller_Action (a Zend Framework 1 action controller): what the sample
 * extension's controller uses, a $view whose properties its view scripts read, with escape() and render().
 */
class pm_Controller_Action
{
    public pm_TestingView $view;

    public function __construct(string $viewScripts)
    {
        $this->view = new pm_TestingView($viewScripts);
    }
}

/** Zend_View as far as the sample's scripts use it: variables, escape() (htmlspecialchars, UTF-8) and render(). */
final class pm_TestingView
{
    private string $scripts;
    /** @var array<string, mixed> */
    private array $variables = [];

    public function __construct(string $scripts)
    {
        $this->scripts = $scripts;
    }

    public function __set(string $name, $value): void
    {
        $this->variables[$name] = $value;
    }

    public function __get(string $name)
    {
        return $this->variables[$name] ?? null;
    }

    public function __isset(string $name): bool
    {
        return isset($this->variables[$name]);
    }

    public function escape($value): string
    {
        return htmlspecialchars((string)$value, ENT_COMPAT, 'UTF-8');
    }

    public function render(string $name): string
    {
        ob_start();
        try {
            include $this->scripts . '/' . $name;
        } finally {
            $output = (string)ob_get_clean();
        }
        return $output;
    }
}
