"""Mend the known breakages of scraped Arabic text, and say what was mended where.

What is repaired (each recorded as a `Repair(kind, at)` with `at` an offset into the
repaired text):

- `removed_control`: invisible direction and format marks (LRM, RLM, embeddings,
  isolates, zero-width space, a stray BOM, a zero-width joiner between letters) are removed;
- `line_endings`: CR LF and lone CR become LF;
- `collapsed_spaces`: runs of spaces, tabs and no-break spaces become one space;
  spaces before a line end and blank-line runs are trimmed;
- `joined_line`: a line break inside a sentence is joined: after an opening quote
  mark cut from its content (`صحيفة "` / `إسرائيل اليوم"`) the break is removed, and
  a break in mid-clause (the line ends without final punctuation and the next line
  goes on with the same clause) becomes a space;
- `unbalanced_quote`: a double quote mark with no partner in its paragraph is
  *reported*, not removed, so later stages do not pair across it.

Nothing else in the text changes.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..doc import Repair
from ..settings import DATA_DIR
from .normalize import normalize
from .words import load_function_words

CONTROL_MARKS = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]+|(?<=[^\\W\\d_])\u200d+(?=[^\\W\\d_])")
# Any character CONTROL_MARKS can match: a plain character class is scanned fast, where the pattern's
# look-behind branch is tried at every position (most articles have no mark at all).
ANY_CONTROL_MARK = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
SPACE_RUN = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]{2,}|[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
TRAILING_SPACE = re.compile(" +(?=\n)")
BLANK_RUN = re.compile("\n{3,}")

# A line that ends in one of these ends a sentence (or a heading): never joined.
TERMINAL = set(".!?؟…:؛;)]}»”'\"-–—*#_|")
CLAUSE_END = re.compile(r"[،,.:؛;؟?!]")
WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+")


def _apply(text: str, pattern: re.Pattern, repl: str, kind: str, repairs: list[Repair]) -> str:
    """Replace every match, recording one repair per match at its offset in the new text, and move
    the offsets of the repairs made before this step into the new text."""
    earlier = len(repairs)
    out, pos, shift = [], 0, 0
    ends: list[int] = []     # old offsets where a change ended ...
    shifts: list[int] = []   # ... and the total length change up to and including it
    for m in pattern.finditer(text):
        out.append(text[pos:m.start()])
        out.append(repl)
        repairs.append(Repair(kind, m.start() + shift))
        shift += len(repl) - (m.end() - m.start())
        ends.append(m.end())
        shifts.append(shift)
        pos = m.end()
    if not ends:
        return text
    out.append(text[pos:])
    for r in repairs[:earlier]:
        k = bisect_right(ends, r.at)
        if k:
            r.at += shifts[k - 1]
    return "".join(out)


def _join_lines(text: str, repairs: list[Repair]) -> str:
    lines = text.split("\n")
    out = [lines[0]]
    for nxt in lines[1:]:
        prev = out[-1]
        join = _join_kind(prev, nxt)
        if join == "glue":  # an opening quote cut from its content: the break goes away
            at = len("\n".join(out))
            out[-1] = prev + nxt
            repairs.append(Repair("joined_line", at, "break after an opening quote mark removed"))
        elif join == "space":  # a break in mid-clause becomes a space (same length: no offsets move)
            at = len("\n".join(out))
            out[-1] = prev + " " + nxt
            repairs.append(Repair("joined_line", at, "line break inside a sentence"))
        else:
            out.append(nxt)
    return "\n".join(out)


def _join_kind(prev: str, nxt: str) -> str | None:
    p, n = prev.rstrip(), nxt.lstrip()
    if not p or not n:
        return None
    if p.endswith('"') and (len(p) == 1 or p[-2] in " ـ\u0640") and p.count('"') % 2 == 1:
        # `صحيفة "` + `إسرائيل اليوم"`: the mark opens a quotation that the next line holds
        return "glue"
    if p[-1] in TERMINAL or len(p) < 60:
        return None
    words = WORD.findall(p)
    last = words[-1] if words else ""
    first_clause = CLAUSE_END.split(n, 1)
    next_words = WORD.findall(first_clause[0])
    if not next_words or n[0] in "وف" and len(next_words[0]) > 2:
        return None  # a new paragraph opens with و/ف + word far more often than a clause goes on
    if len(first_clause) > 1 and len(next_words) <= 3:
        return "space"  # `...لإيذاء` / `إيران، رغم أن ...`: the clause goes on briefly, then a comma
    if normalize(last) in load_function_words(DATA_DIR).of("preposition"):
        return "space"
    return None


def _is_opening(text: str, i: int) -> bool:
    """A straight double quote opens when it follows a space, a line start, a bracket or a
    clitic (`بـ"`, `ب"`), and is followed by a word character."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    if after in " \n،,.:؛;)":
        return False
    return before in " \n([ـ\u0640:" or before in "بلكوف" and (i < 2 or text[i - 2] in " \n")


def unbalanced_quotes(text: str) -> list[int]:
    """Offsets of straight double quotes that have no partner in their paragraph."""
    stray: list[int] = []
    start = 0
    for para in text.split("\n"):
        marks = [m.start() for m in re.finditer('"', para)]
        if len(marks) % 2 == 0:
            # An even count pairs up: spacing slips (`بـ"قوة "إذا`) and nesting (`"... "الدولة" ..."`)
            # make single marks look unpartnered, but nothing is left over.
            start += len(para) + 1
            continue
        open_at: int | None = None
        for offset in marks:
            i = start + offset
            if _is_opening(text, i):
                if open_at is not None:
                    stray.append(open_at)  # an opener never closed before the next opened
                open_at = i
            elif open_at is not None:
                open_at = None
            else:
                stray.append(i)  # a closer with nothing open
        if open_at is not None:
            stray.append(open_at)
        start += len(para) + 1
    return stray


def repair(text: str) -> tuple[str, list[Repair]]:
    """The repaired text and the list of repairs, in text order."""
    repairs: list[Repair] = []
    steps = [
        (CONTROL_MARKS, "", "removed_control"),
        (re.compile(r"\r\n?"), "\n", "line_endings"),
        (SPACE_RUN, " ", "collapsed_spaces"),
        (TRAILING_SPACE, "", "collapsed_spaces"),
        (BLANK_RUN, "\n\n", "collapsed_spaces"),
    ]
    if not ANY_CONTROL_MARK.search(text):
        steps = steps[1:]
    for pattern, repl, kind in steps:
        text = _apply(text, pattern, repl, kind, repairs)
    stripped = text.strip()
    if stripped != text:
        lead = len(text) - len(text.lstrip())
        for r in repairs:
            r.at = max(0, min(r.at - lead, len(stripped)))
        text = stripped
    before = len(repairs)
    joined = _join_lines(text, repairs)
    if len(joined) != len(text):  # glued breaks removed characters: move earlier repairs
        removed = [r.at for r in repairs[before:] if r.detail and r.detail.startswith("break after")]
        for r in repairs[:before]:
            r.at -= sum(1 for at in removed if at < r.at)
    text = joined
    repairs.extend(Repair("unbalanced_quote", i, "left in place, not paired") for i in unbalanced_quotes(text))
    repairs.sort(key=lambda r: r.at)
    return text, repairs
