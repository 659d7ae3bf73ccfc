"""The word-level diff: anchor on what is unique, diff-match-patch on the gaps, then cleanup.

1. Paragraphs. Lines that occur once in each version (in the stretch being compared) are
   anchors when the two lines on one side of them match too; the heaviest chain of anchors
   in the same order is kept (patience diff), common lines at the edges of every gap are
   matched, and each gap between anchors is anchored again with the lines unique to it
   (the recursion of histogram diff). A moved paragraph is therefore one deletion and one
   insertion; its neighbours stay matched.
2. Words. Each paragraph gap is tokenized (tokens.py) and anchored the same way on the
   tokens unique to it that have at least five characters.
3. What is left between word anchors goes to diff-match-patch, each token mapped to one
   character (the linesToChars technique applied to tokens), tokens found on one side only
   left out, with `Diff_Timeout = 0`: the diff is always the exact one, never a coarse
   fallback.
4. Cleanup (`absorb_short_equalities`): short unchanged fragments between changes are
   absorbed, so the redline reads as phrases, and paragraph changes take whole paragraphs.

The result is the list of unchanged stretches `(old_start, new_start, length)`, in order;
everything between them is a change.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Hashable, Sequence
from itertools import accumulate
from typing import TypeVar

from diff_match_patch import diff_match_patch

from .tokens import is_word, tokenize

try:  # the C++ port of the same algorithm, when installed (pip install 'brackets[fast]')
    from fast_diff_match_patch import diff as _fast_diff
except ImportError:  # pragma: no cover - depends on the environment
    _fast_diff = None

#: Use fast-diff-match-patch when it is installed; the pure-Python port otherwise. Both
#: compute the same exact diff (no time limit); the benchmark measures both.
USE_ACCELERATOR = _fast_diff is not None

T = TypeVar("T", bound=Hashable)

#: (old_start, new_start, length) of an unchanged stretch.
Run = tuple[int, int, int]

_FAST_OPS = {"=": 0, "-": -1, "+": 1}
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

#: Anchors are trusted by length or by context (see `anchor`). Tuned on the COP21 pair, a
#: heavy rewrite: a unique paragraph is trusted only when the two lines on one side of it
#: match too (a unique heading such as "Article 4" is often not the same article after a
#: renumbering), and a unique word when it has at least five characters.
LINE_ANCHOR = sys.maxsize
LINE_CONTEXT = 2
WORD_ANCHOR = 5
WORD_CONTEXT = 0
#: The longest stretch of tokens a side that is diffed in one piece; longer gaps with no
#: anchors are diffed window by window (`_WordDiff.diff_kept`), which keeps the cost linear.
WINDOW = 512
#: How many distinct tokens one token-to-character table holds: the characters below
#: U+110000 less the surrogates.
_MAX_CODES = 0x10FFFF - 0x800
#: A word of at most this many characters is "short" for the cleanup.
SHORT_WORD = 4
#: At most this many short words in an unchanged stretch that the cleanup absorbs.
ABSORBED_WORDS = 2


def equal_runs(old: str, new: str) -> list[Run]:
    """The unchanged stretches between `old` and `new`, after the word-level cleanup."""
    runs = _raw_runs(old, new)
    return absorb_short_equalities(old, new, runs)


def _raw_runs(old: str, new: str) -> list[Run]:
    old_lines = _LINE.findall(old)
    new_lines = _LINE.findall(new)
    old_starts = [0, *accumulate(map(len, old_lines))]
    new_starts = [0, *accumulate(map(len, new_lines))]
    runs: list[Run] = []
    words = _WordDiff()

    def on_line_match(i: int, j: int, count: int) -> None:
        start = old_starts[i]
        _append(runs, start, new_starts[j], old_starts[i + count] - start)

    def on_line_gap(i0: int, i1: int, j0: int, j1: int) -> None:
        if i0 == i1 or j0 == j1:
            return
        words.diff(
            old[old_starts[i0] : old_starts[i1]],
            new[new_starts[j0] : new_starts[j1]],
            old_starts[i0],
            new_starts[j0],
            runs,
        )

    anchor(old_lines, new_lines, on_line_match, on_line_gap, LINE_ANCHOR, LINE_CONTEXT)
    return runs


def _append(runs: list[Run], old_start: int, new_start: int, length: int) -> None:
    """Add a run, merging it with the previous one when they touch."""
    if length <= 0:
        return
    if runs:
        o, n, size = runs[-1]
        if o + size == old_start and n + size == new_start:
            runs[-1] = (o, n, size + length)
            return
    runs.append((old_start, new_start, length))


class _WordDiff:
    """Token-level diff of one paragraph gap; one token-to-character table per comparison."""

    def __init__(self) -> None:
        self.codes: dict[str, str] = {}
        self.dmp = diff_match_patch()
        self.dmp.Diff_Timeout = 0

    def code(self, token: str) -> str:
        found = self.codes.get(token)
        if found is None:
            number = len(self.codes) + 1
            if number >= 0xD800:  # skip the surrogate block: the codes are real characters
                number += 0x800
            found = self.codes[token] = chr(number)
        return found

    def diff_chars(self, text1: str, text2: str) -> list[tuple[int, int]]:
        """diff-match-patch on two strings: (operation, length) pairs, -1 delete, 1 insert."""
        if USE_ACCELERATOR and _fast_diff is not None:
            found = _fast_diff(text1, text2, timelimit=0, checklines=False, cleanup="No")
            return [(_FAST_OPS[op], count) for op, count in found]
        return [(op, len(chars)) for op, chars in self.dmp.diff_main(text1, text2, False)]

    def diff_kept(
        self,
        a: list[str],
        b: list[str],
        index_a: list[int],
        index_b: list[int],
        on_match: Callable[[int, int, int], None],
    ) -> None:
        """Diff token lists `a` and `b` (a gap with no anchors), reporting each matched token
        pair by its index in `index_a` / `index_b`.

        Up to `WINDOW` tokens a side the diff is the minimal one. A longer gap is diffed
        window by window: a window of at most `WINDOW` tokens of each side (in proportion to
        what is left of each), of which only the matches in the first half are kept, and the
        next window starts where they end; a window whose kept matches cover less than a
        quarter of it moves on by half a window, what it skips being a change. Each window
        costs at most WINDOW² and moves on by at least a quarter of a window, so the whole
        gap costs time linear in its length: a coarser diff on long gaps with nothing unique
        to anchor on (random text over a few words), still an exact edit script.
        """
        whole = self.encode(a, b)  # None when the gap has more distinct tokens than characters
        x = y = 0
        size_a, size_b = len(a), len(b)
        while x < size_a and y < size_b:
            left_a, left_b = size_a - x, size_b - y
            final = left_a <= WINDOW and left_b <= WINDOW
            if final:
                width_a, width_b = left_a, left_b
            elif left_a >= left_b:
                width_a = WINDOW
                width_b = min(left_b, max(WINDOW // 4, WINDOW * left_b // left_a))
            else:
                width_b = WINDOW
                width_a = min(left_a, max(WINDOW // 4, WINDOW * left_a // left_b))
            if final:
                limit_a, limit_b = size_a, size_b
            else:
                limit_a, limit_b = x + width_a // 2, y + width_b // 2
            at_a, at_b = x, y
            end_a, end_b = x, y
            if whole is not None:
                text1, text2 = whole[0][x : x + width_a], whole[1][y : y + width_b]
            else:
                # a window has at most 2 * WINDOW tokens: always fewer than the characters
                text1, text2 = self.encode(a[x : x + width_a], b[y : y + width_b]) or ("", "")
            for op, count in self.diff_chars(text1, text2):
                if op == 0:
                    take = min(count, limit_a - at_a, limit_b - at_b)
                    if take <= 0:
                        break
                    _report(index_a, index_b, at_a, at_b, take, on_match)
                    end_a, end_b = at_a + take, at_b + take
                    if take < count:
                        break
                    at_a += count
                    at_b += count
                elif op < 0:
                    at_a += count
                else:
                    at_b += count
            if final:
                return
            if (end_a - x) + (end_b - y) < (width_a + width_b) // 4:
                end_a, end_b = max(end_a, limit_a), max(end_b, limit_b)
            x, y = end_a, end_b

    def encode(self, a: list[str], b: list[str]) -> tuple[str, str] | None:
        """Both token lists as strings, a character a token (the same token, the same one),
        or None when they hold more distinct tokens than there are characters."""
        if len(self.codes) + len(a) + len(b) > _MAX_CODES:
            distinct = len(set(a).union(b))
            if distinct > _MAX_CODES:
                return None
            if len(self.codes) + distinct > _MAX_CODES:
                self.codes.clear()  # codes need to agree only within one diff
        code = self.code
        return "".join([code(token) for token in a]), "".join([code(token) for token in b])

    def diff(self, old: str, new: str, old_base: int, new_base: int, runs: list[Run]) -> None:
        a = tokenize(old)
        b = tokenize(new)
        a_starts = list(accumulate(map(len, a), initial=old_base))
        b_starts = list(accumulate(map(len, b), initial=new_base))

        def on_match(i: int, j: int, count: int) -> None:
            _append(runs, a_starts[i], b_starts[j], a_starts[i + count] - a_starts[i])

        def on_gap(i0: int, i1: int, j0: int, j1: int) -> None:
            if i0 == i1 or j0 == j1:
                return
            # Tokens found on one side only can never match: leave them out of the diff
            # (GNU diff's "discard" step), and map the matches back to token indices.
            in_b = set(b[j0:j1])
            keep_a = [i for i in range(i0, i1) if a[i] in in_b]
            in_a = {a[i] for i in keep_a}
            keep_b = [j for j in range(j0, j1) if b[j] in in_a]
            if not keep_a or not keep_b:
                return
            self.diff_kept(
                [a[i] for i in keep_a], [b[j] for j in keep_b], keep_a, keep_b, on_match
            )

        anchor(a, b, on_match, on_gap, WORD_ANCHOR, WORD_CONTEXT)


def _report(
    index_a: list[int],
    index_b: list[int],
    at_a: int,
    at_b: int,
    count: int,
    on_match: Callable[[int, int, int], None],
) -> None:
    """Report `count` matched pairs from (at_a, at_b), one call per stretch of neighbours."""
    start = 0
    for k in range(1, count + 1):
        if (
            k == count
            or index_a[at_a + k] != index_a[at_a + k - 1] + 1
            or index_b[at_b + k] != index_b[at_b + k - 1] + 1
        ):
            on_match(index_a[at_a + start], index_b[at_b + start], k - start)
            start = k


def anchor(
    a: Sequence[T],
    b: Sequence[T],
    on_match: Callable[[int, int, int], None],
    on_gap: Callable[[int, int, int, int], None],
    min_length: int,
    context: int,
) -> None:
    """Patience/histogram anchoring of `a` against `b`, reporting matches and gaps in order.

    `on_match(i, j, count)`: a[i:i+count] == b[j:j+count]. `on_gap(i0, i1, j0, j1)`: a
    stretch left without anchors (either side may be empty). Iterative, any size.

    A unique item is trusted as an anchor when it is at least `min_length` characters long
    or when the `context` items on one side of it match too: a short heading or word that
    happens to be unique in both versions ("Article 4", "(a)") is often not the same place.
    """
    # Work items: (False, i0, i1, j0, j1), a gap to examine, or (True, i, count, j, 0), a
    # match to report; popped left to right.
    stack: list[tuple[bool, int, int, int, int]] = [(False, 0, len(a), 0, len(b))]
    while stack:
        is_match, i0, i1, j0, j1 = stack.pop()
        if is_match:
            on_match(i0, j0, i1)
            continue
        prefix = 0
        limit = min(i1 - i0, j1 - j0)
        while prefix < limit and a[i0 + prefix] == b[j0 + prefix]:
            prefix += 1
        suffix = 0
        limit -= prefix
        while suffix < limit and a[i1 - 1 - suffix] == b[j1 - 1 - suffix]:
            suffix += 1
        if prefix:
            on_match(i0, j0, prefix)
        lo_a, hi_a, lo_b, hi_b = i0 + prefix, i1 - suffix, j0 + prefix, j1 - suffix
        pending: list[tuple[bool, int, int, int, int]] = []
        if suffix:
            pending.append((True, hi_a, suffix, hi_b, 0))
        anchors = (
            _unique_anchors(a, b, lo_a, hi_a, lo_b, hi_b, min_length, context)
            if lo_a < hi_a and lo_b < hi_b
            else []
        )
        if not anchors:
            if lo_a < hi_a or lo_b < hi_b:
                on_gap(lo_a, hi_a, lo_b, hi_b)
            if suffix:
                on_match(hi_a, hi_b, suffix)
            continue
        # Pushed in reverse so that they are handled left to right.
        next_a, next_b = hi_a, hi_b
        for i, j in reversed(anchors):
            pending.append((False, i + 1, next_a, j + 1, next_b))
            pending.append((True, i, 1, j, 0))
            next_a, next_b = i, j
        pending.append((False, lo_a, next_a, lo_b, next_b))
        stack.extend(pending)


def _unique_anchors(
    a: Sequence[T],
    b: Sequence[T],
    i0: int,
    i1: int,
    j0: int,
    j1: int,
    min_length: int,
    context: int,
) -> list[tuple[int, int]]:
    """Items unique to a[i0:i1] and to b[j0:j1], as (i, j): the heaviest increasing chain.

    A chain is weighed by the length of its items, so that long words and whole
    paragraphs win over short words that happen to be unique.
    """
    seen_a: dict[T, int] = {}
    for i in range(i0, i1):
        item = a[i]
        seen_a[item] = -1 if item in seen_a else i
    seen_b: dict[T, int] = {}
    for j in range(j0, j1):
        item = b[j]
        if item in seen_a:
            seen_b[item] = -1 if item in seen_b else j
    pairs = sorted(
        (seen_a[item], j)
        for item, j in seen_b.items()
        if j >= 0
        and seen_a[item] >= 0
        and (
            _weight(item) >= min_length
            or _in_context(a, b, seen_a[item], j, i0, i1, j0, j1, context)
        )
    )
    return _heaviest_chain(pairs, [_weight(a[i]) for i, _ in pairs])


def _in_context(
    a: Sequence[T], b: Sequence[T], i: int, j: int, i0: int, i1: int, j0: int, j1: int, n: int
) -> bool:
    """True when the n items before, or the n items after, a[i] and b[j] are equal too."""
    if n <= 0:
        return False
    if i - n >= i0 and j - n >= j0 and all(a[i - d] == b[j - d] for d in range(1, n + 1)):
        return True
    return i + n < i1 and j + n < j1 and all(a[i + d] == b[j + d] for d in range(1, n + 1))


def _weight(item: object) -> int:
    return len(item) if isinstance(item, str) else 1


def _heaviest_chain(pairs: list[tuple[int, int]], weights: list[int]) -> list[tuple[int, int]]:
    """The chain of pairs increasing in both members with the largest total weight.

    `pairs` is sorted by its first member and its second members are distinct. A Fenwick
    tree over the ranks of the second member gives the best chain ending below a rank in
    O(log n), so the whole is O(n log n).
    """
    if len(pairs) <= 1:
        return pairs
    ranks = {j: rank for rank, j in enumerate(sorted(j for _, j in pairs), start=1)}
    size = len(pairs)
    tree_weight = [0] * (size + 1)
    tree_index = [-1] * (size + 1)
    previous = [-1] * size
    best_weight, best_index = 0, -1
    for index, (_, j) in enumerate(pairs):
        rank = ranks[j]
        # best chain among ranks < rank
        weight, before = 0, -1
        k = rank - 1
        while k > 0:
            if tree_weight[k] > weight:
                weight, before = tree_weight[k], tree_index[k]
            k -= k & -k
        total = weight + weights[index]
        previous[index] = before
        if total > best_weight:
            best_weight, best_index = total, index
        k = rank
        while k <= size:
            if tree_weight[k] < total:
                tree_weight[k], tree_index[k] = total, index
            k += k & -k
    chain: list[tuple[int, int]] = []
    index = best_index
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def absorb_short_equalities(old: str, new: str, runs: list[Run]) -> list[Run]:
    """Absorb into the changes the unchanged fragments a reader would not keep apart.

    - An unchanged stretch between two changes, on one line, holding at most two short
      words (`the big cat` -> `a big dog` reads `{~~the big cat~>a big dog~~}`): the spirit
      of diff-match-patch's semantic cleanup, applied to words. It is left alone when the
      two changes only delete (or only insert), as when brackets go and their text stays
      (`{--[--}this{--] (-CHN)--}`), and next to a change of line breaks.
    - Beside a change that adds or removes a line break (a paragraph removed, added or
      merged), the fragment of at most two short words that the change leaves on its line
      (a number `12` kept from a deleted paragraph `12. …` for the next one): the change
      then takes whole paragraphs.
    """
    kept: list[Run] = []
    total = len(runs)
    end_o, end_n = 0, 0  # where the last kept run ends
    for index, (o, n, size) in enumerate(runs):
        if index + 1 < total:
            after_o, after_n = runs[index + 1][0], runs[index + 1][1]
        else:
            after_o, after_n = len(old), len(new)
        before = max(o - end_o, n - end_n)
        after = max(after_o - o - size, after_n - n - size)
        text = old[o : o + size]
        if (
            before
            and after
            and _absorbable(text)
            and _absorbs(old, new, end_o, o, end_n, n, o + size, after_o, n + size, after_n)
        ):
            continue
        if before and _breaks_line(old, new, end_o, o, end_n, n):
            head = len(_LINE_HEAD.match(text).group())  # type: ignore[union-attr]
            if head and _absorbable(text[:head]):
                o, n, size, text = o + head, n + head, size - head, text[head:]
        if after and size and _breaks_line(old, new, o + size, after_o, n + size, after_n):
            tail = len(text) - max(text.rfind("\n"), text.rfind("\r")) - 1
            if tail and _absorbable(text[-tail:]):
                size -= tail
        if size:
            kept.append((o, n, size))
            end_o, end_n = o + size, n + size
    return kept


def _absorbs(old: str, new: str, *bounds: int) -> bool:
    """Whether the changes before and after a stretch would rather be one replacement.

    `bounds` are the old and new extents of the change before (o0, o1, n0, n1) and after
    (o2, o3, n2, n3). Both must stay on their line, and together delete and insert.
    """
    o0, o1, n0, n1, o2, o3, n2, n3 = bounds
    deletes, inserts = o1 > o0 or o3 > o2, n1 > n0 or n3 > n2
    return (
        deletes
        and inserts
        and not _has_line_break(old, o0, o1)
        and not _has_line_break(old, o2, o3)
        and not _has_line_break(new, n0, n1)
        and not _has_line_break(new, n2, n3)
    )


def _has_line_break(text: str, start: int, end: int) -> bool:
    return text.find("\n", start, end) >= 0 or text.find("\r", start, end) >= 0


_LINE_HEAD = re.compile(r"[^\r\n]*")


def _breaks_line(old: str, new: str, o0: int, o1: int, n0: int, n1: int) -> bool:
    """True when the change old[o0:o1] -> new[n0:n1] removes or adds line breaks."""
    return _line_breaks(old, o0, o1) != _line_breaks(new, n0, n1)


def _line_breaks(text: str, start: int, end: int) -> int:
    return (
        text.count("\n", start, end) + text.count("\r", start, end) - text.count("\r\n", start, end)
    )


def _absorbable(text: str) -> bool:
    if len(text) > (SHORT_WORD + 2) * ABSORBED_WORDS + 2 or "\n" in text or "\r" in text:
        return False
    words = [token for token in tokenize(text) if is_word(token)]
    return len(words) <= ABSORBED_WORDS and all(len(word) <= SHORT_WORD for word in words)
