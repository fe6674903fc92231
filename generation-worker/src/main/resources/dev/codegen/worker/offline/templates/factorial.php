<?php
// {{banner}}

declare(strict_types=1);

namespace CodeGen\Offline;

/** Returns n! for 0 <= n <= 20 (the largest that fits in a 64-bit int). */
function {{name}}(int $n): int
{
    if ($n < 0 || $n > 20) {
        throw new \InvalidArgumentException('n must be between 0 and 20');
    }
    $result = 1;
    for ($i = 2; $i <= $n; $i++) {
        $result *= $i;
    }
    return $result;
}

if (\PHP_SAPI === 'cli') {
    $n = isset($argv[1]) ? (int) $argv[1] : 10;
    echo "{$n}! = ", {{name}}($n), \PHP_EOL;
}
