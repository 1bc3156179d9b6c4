"""Word-level similarity of two texts: how update-po and the translation memory match msgids.

Similarity is computed on words and punctuation marks, so a one-word edit in a long
paragraph is still recognised (Babel's own matcher misses such cases, babel#969).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

_WORD_RE = re.compile(r"\w+|[^\w\s]")


def words(text: str) -> list[str]:
    """The words and punctuation marks of ``text``, the units that similarity compares."""
    return _WORD_RE.findall(text)


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts, from 0 (nothing shared) to 1 (same words)."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


def best_pairs(new: Sequence[str], old: Sequence[str],
               threshold: float) -> list[tuple[int, int, float]]:
    """Pair texts of ``new`` with texts of ``old``, most similar pairs first.

    Each text is used at most once. Returns ``(new index, old index, similarity)`` for the
    pairs whose similarity is at least ``threshold``.
    """
    scored: list[tuple[float, int, int]] = []
    new_words = [words(text) for text in new]
    matcher = difflib.SequenceMatcher(None, autojunk=False)
    for j, text in enumerate(old):
        matcher.set_seq2(words(text))
        for i, tokens in enumerate(new_words):
            matcher.set_seq1(tokens)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            score = matcher.ratio()
            if score >= threshold:
                scored.append((score, i, j))
    scored.sort(key=lambda item: (-item[0], item[1], item[2]))
    used_new: set[int] = set()
    used_old: set[int] = set()
    pairs: list[tuple[int, int, float]] = []
    for score, i, j in scored:
        if i not in used_new and j not in used_old:
            used_new.add(i)
            used_old.add(j)
            pairs.append((i, j, score))
    return pairs


