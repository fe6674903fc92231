"""A small word-frequency counter with a stop-word list."""

from collections import Counter
from typing import Iterable, List, Tuple

STOP_WORDS = frozenset({"a", "an", "and", "the", "of", "to", "in", "is"})


def tokenize(text: str) -> List[str]:
    """Splits text into lower-case words, keeping letters and digits only."""
    words = []
    current = []
    for char in text.lower():
        if char.isalnum():
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    if current:
        words.append("".join(current))
    return words


def count_words(lines: Iterable[str]) -> Counter:
    """Counts the words of all lines, leaving out stop words."""
    counts: Counter = Counter()
    for line in lines:
        counts.update(w for w in tokenize(line) if w not in STOP_WORDS)
    return counts


def top_words(lines: Iterable[str], n: int = 3) -> List[Tuple[str, int]]:
    """The n most frequent words, ties broken alphabetically."""
    counts = count_words(lines)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def main() -> None:
    text = [
        "The quick brown fox jumps over the lazy dog.",
        "A quick brown dog is quick to bark.",
    ]
    for word, count in top_words(text):
        print(f"{word}: {count}")


if __name__ == "__main__":
    main()
