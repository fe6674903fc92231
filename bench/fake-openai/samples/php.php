<?php

declare(strict_types=1);

/**
 * A tiny in-memory key-value store with expiry.
 */
final class ExpiringStore
{
    /** @var array<string, array{value: string, expires: int}> */
    private array $entries = [];

    public function set(string $key, string $value, int $ttlSeconds, int $now): void
    {
        if ($ttlSeconds <= 0) {
            throw new InvalidArgumentException('ttl must be positive');
        }
        $this->entries[$key] = ['value' => $value, 'expires' => $now + $ttlSeconds];
    }

    public function get(string $key, int $now): ?string
    {
        if (!isset($this->entries[$key])) {
            return null;
        }
        $entry = $this->entries[$key];
        if ($entry['expires'] <= $now) {
            unset($this->entries[$key]);
            return null;
        }
        return $entry['value'];
    }

    public function purge(int $now): int
    {
        $removed = 0;
        foreach ($this->entries as $key => $entry) {
            if ($entry['expires'] <= $now) {
                unset($this->entries[$key]);
                $removed++;
            }
        }
        return $removed;
    }
}

$store = new ExpiringStore();
$store->set('session', 'abc123', 10, 100);
$store->set('token', 'xyz', 5, 100);
echo 'session at 104: ', $store->get('session', 104) ?? 'expired', PHP_EOL;
echo 'token at 106: ', $store->get('token', 106) ?? 'expired', PHP_EOL;
echo 'purged: ', $store->purge(120), PHP_EOL;
