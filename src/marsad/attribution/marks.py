"""Quotation marks: which marks pair up, per paragraph, with nesting.

Scraped Arabic news mixes « », “ ” (often typed in either direction) and straight
double quotes, leaves marks unbalanced, and breaks lines inside quotations. The
rules here:

- a quotation never crosses a paragraph (a line break): an unbalanced mark can
  never swallow the rest of an article;
- a straight mark the repair step reported as `unbalanced_quote` is skipped
  unless the paragraph parses cleanly with it (the repair step cannot see nesting:
  `قال "... بتنظيم "الدولة الإسلامية" في سوريا ..."`);
- a straight or curly mark opens when a space, line start, bracket, colon or a
  one-letter clitic (`بـ"`, `ب"`) comes before it and a word follows it, closes
  when a word or punctuation comes before it and a space, punctuation or the line
  end follows; otherwise it closes an open straight quotation, or opens one;
- a paragraph whose straight marks do not parse that way, but are even in number,
  is paired in order (1-2, 3-4 ...): `بـ"قوة "إذا`;
- a mark left open at the paragraph end yields a span with `closed=False` that
  runs to the paragraph end; the caller decides whether to use it (only a
  quotation right after a speech cue is taken, as in multi-paragraph quotes).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

STRAIGHT = '"'
CURLY = "“”"
GUILLEMET_OPEN, GUILLEMET_CLOSE = "«", "»"
OPEN_BEFORE = set(" \n\t([{:ـ\u0640-–—/")
CLITICS = set("بلكوف")
CLOSE_AFTER = set(" \n\t،,.:؛;)]}!?؟…-–—/'")
MARK = re.compile('["“”«»]')


@dataclass
class QuotedSpan:
    open: int            # offset of the opening mark
    close: int           # offset of the closing mark (paragraph end when not closed)
    start: int           # content start (after the mark and any spaces)
    end: int             # content end (before spaces and the closing mark)
    depth: int = 0       # 0 for a top-level quotation, 1 inside another ...
    closed: bool = True

    def contains(self, i: int) -> bool:
        return self.open <= i <= self.close


def _direction(text: str, i: int) -> str:
    """"open", "close" or "either" for the symmetric mark at text[i]."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    opens_after = after.isalnum() or after in "«“(" or "\u0600" <= after <= "\u06ff"
    opens_before = before in OPEN_BEFORE or (before in CLITICS and (i < 2 or text[i - 2] in " \n"))
    if opens_before and opens_after:
        return "open"
    if not opens_before and (after in CLOSE_AFTER or after == STRAIGHT):
        return "close"
    if opens_before and after in CLOSE_AFTER:
        return "close" if before not in " \n" else "either"
    return "either"


def _make(text: str, o: int, c: int, depth: int, closed: bool) -> QuotedSpan:
    s, e = o + 1, c
    while s < e and text[s] in " \t\u0640":
        s += 1
    while e > s and text[e - 1] in " \t":
        e -= 1
    return QuotedSpan(o, c, s, e, depth, closed)


def _parse(text: str, marks: list[int], p_end: int) -> tuple[list[QuotedSpan], bool]:
    """Stack parse of one paragraph's marks; the bool says whether every straight mark paired."""
    spans: list[QuotedSpan] = []
    stack: list[tuple[int, str]] = []  # (offset, kind) with kind "g" (guillemet) or "s" (symmetric)
    clean = True
    for i in marks:
        ch = text[i]
        if ch == GUILLEMET_OPEN:
            stack.append((i, "g"))
            continue
        if ch == GUILLEMET_CLOSE:
            for k in range(len(stack) - 1, -1, -1):
                if stack[k][1] == "g":
                    o = stack[k][0]
                    del stack[k:]
                    spans.append(_make(text, o, i, len(stack), True))
                    break
            continue
        d = _direction(text, i)
        top_sym = bool(stack) and stack[-1][1] == "s"
        if d == "open" or (d == "either" and not top_sym):
            stack.append((i, "s"))
        elif top_sym:
            o = stack.pop()[0]
            spans.append(_make(text, o, i, len(stack), True))
        else:
            clean = False  # a closing mark with nothing open
    for o, kind in stack:
        if kind == "s":
            clean = False
    unclosed = [_make(text, o, p_end, depth, False) for depth, (o, _) in enumerate(stack)]
    return spans + unclosed, clean


def quoted_spans(text: str, stray: set[int] | frozenset[int] = frozenset()) -> list[QuotedSpan]:
    """Every quotation in the text, in order of its opening mark."""
    out: list[QuotedSpan] = []
    pos = 0
    for para in text.split("\n"):
        base, p_end = pos, pos + len(para)
        pos = p_end + 1
        marks = [base + m.start() for m in MARK.finditer(para)]
        if not marks:
            continue
        while p_end > base and text[p_end - 1] in " \t":
            p_end -= 1
        spans = _paragraph(text, marks, [i for i in marks if i not in stray], p_end)
        out.extend(spans)
    out.sort(key=lambda s: (s.open, -s.close))
    return out


def _paragraph(text: str, marks: list[int], kept: list[int], p_end: int) -> list[QuotedSpan]:
    """The best reading of one paragraph's marks: a clean parse of all of them (nesting the
    repair step cannot see), else all the marks paired in order when they are even, else the
    same two without the marks the repair step reported, else the parse without those."""
    spans, clean = _parse(text, marks, p_end)
    if clean:
        return spans
    paired = _in_order(text, marks, p_end)
    if paired is not None:
        return paired
    if kept:
        spans, clean = _parse(text, kept, p_end)
        if clean:
            return spans
        paired = _in_order(text, kept, p_end)
        if paired is not None:
            return paired
    spans = _parse(text, kept, p_end)[0]
    # an opener left open (which the repair step reports) still bounds a quotation to its
    # paragraph end, for a cue right before it to use
    opened = [u for u in _parse(text, marks, p_end)[0] if not u.closed]
    spans += [u for u in opened if not any(k.open <= u.open <= k.close for k in spans)]
    return sorted(spans, key=lambda x: (x.open, -x.close))


def _in_order(text: str, marks: list[int], p_end: int) -> list[QuotedSpan] | None:
    """Guillemets parsed, symmetric marks paired in order (1-2, 3-4 ...) if they are even."""
    sym = [i for i in marks if text[i] in '"“”']
    if not sym or len(sym) % 2:
        return None
    paired = _parse(text, [i for i in marks if text[i] in "«»"], p_end)[0]
    paired += [_make(text, sym[k], sym[k + 1], 0, True) for k in range(0, len(sym), 2)]
    return _renest(paired)


def _renest(spans: list[QuotedSpan]) -> list[QuotedSpan]:
    spans.sort(key=lambda s: (s.open, -s.close))
    for k, s in enumerate(spans):
        s.depth = sum(1 for t in spans[:k] if t.open < s.open and s.close < t.close)
    return spans
