<?php
// {{banner}}
// Requested: {{summary}}

declare(strict_types=1);

namespace CodeGen\Offline;

/** Offline stand-in: counts the whitespace-separated words of $text. */
function {{name}}(string $text): int
{
    return (int) \preg_match_all('/\S+/', $text);
}

if (\PHP_SAPI === 'cli') {
    $text = \count($argv) > 1 ? \implode(' ', \array_slice($argv, 1)) : 'hello offline world';
    echo {{name}}($text), \PHP_EOL;
}
