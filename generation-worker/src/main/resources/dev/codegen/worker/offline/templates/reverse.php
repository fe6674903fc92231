<?php
// {{banner}}

declare(strict_types=1);

namespace CodeGen\Offline;

/** Returns the characters of $text in reverse order (UTF-8 aware). */
function {{name}}(string $text): string
{
    $chars = \preg_split('//u', $text, -1, \PREG_SPLIT_NO_EMPTY) ?: [];
    return \implode('', \array_reverse($chars));
}

if (\PHP_SAPI === 'cli') {
    $text = \count($argv) > 1 ? \implode(' ', \array_slice($argv, 1)) : 'hello world';
    echo {{name}}($text), \PHP_EOL;
}
