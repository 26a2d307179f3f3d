<?php

declare(strict_types=1);

namespace IsvLicensing\PleskLicense;

/**
 * One document fetched from the service and kept in a file: its copy, when it was fetched, and when a fetch was
 * last tried and why it failed. Writes replace the file whole (rename), so a request never reads half a copy.
 */
final class CachedDocument
{
    private string $file;

    public function __construct(string $file)
    {
        $this->file = $file;
    }

    public function read(): ?string
    {
        if (!is_file($this->file)) {
            return null;
        }
        $text = @file_get_contents($this->file);
        return $text === false ? null : $text;
    }

    /** Unix time of the copy held, or null. */
    public function fetchedAt(): ?int
    {
        clearstatcache(true, $this->file);
        $time = is_file($this->file) ? @filemtime($this->file) : false;
        return $time === false ? null : $time;
    }

    public function write(string $document, int $now): void
    {
        $this->replace($this->file, $document);
        @touch($this->file, $now);
        $this->recordAttempt($now, null);
    }

    /** @return array{at: int, error: ?string}|null the last fetch tried */
    public function lastAttempt(): ?array
    {
        $state = is_file($this->file . '.attempt') ? json_decode((string)@file_get_contents($this->file . '.attempt'), true) : null;
        return is_array($state) && is_int($state['at'] ?? null)
            ? ['at' => $state['at'], 'error' => is_string($state['error'] ?? null) ? $state['error'] : null]
            : null;
    }

    public function recordAttempt(int $now, ?string $error): void
    {
        $this->replace($this->file . '.attempt', (string)json_encode(['at' => $now, 'error' => $error]));
    }

    private function replace(string $path, string $content): void
    {
        $directory = dirname($path);
        if (!is_dir($directory) && !@mkdir($directory, 0700, true) && !is_dir($directory)) {
            throw new FetchFailed("cannot create the cache directory $directory");
        }
        $temporary = $path . '.' . bin2hex(random_bytes(6)) . '.tmp';
        if (@file_put_contents($temporary, $content) === false || !@rename($temporary, $path)) {
            @unlink($temporary);
            throw new FetchFailed("cannot write $path");
        }
    }
}
