"""Which characters every reader's fonts have: the status marks that never show as an empty box.

A diagram, a table or a Word file is read on a default Windows desktop (Arial, Segoe
UI, Segoe UI Symbol) or a default Linux desktop (DejaVu Sans).  :data:`SAFE_RANGES`
lists the characters all of them can show; the tests check each one against the
DejaVu Sans that matplotlib ships, and Segoe UI Symbol covers the whole of these
blocks (Geometric Shapes, Dingbats check marks, arrows).  A status mark outside them
is said on the terminal when the report is made.
"""

from __future__ import annotations

__all__ = ["SAFE_RANGES", "safe_text"]

#: Inclusive code point ranges that default Windows and Linux fonts both cover.
SAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x20, 0x7E),  # Basic Latin
    (0xA0, 0xFF),  # Latin-1: é, ×, ·, «»
    (0x100, 0x17F),  # Latin Extended-A
    (0x2010, 0x2027),  # dashes, quotes, bullet •, ellipsis
    (0x2030, 0x203C),  # per mille, ‹ ›, ‼
    (0x2190, 0x2199),  # arrows ← ↑ → ↓
    (0x2212, 0x2212),  # minus
    (0x221A, 0x221A),  # √
    (0x2260, 0x2265),  # ≠ ≤ ≥
    (0x25A0, 0x25FF),  # Geometric Shapes: ■ □ ▲ ● ○ ◐ ◆
    (0x2605, 0x2606),  # ★ ☆
    (0x2713, 0x2718),  # ✓ ✔ ✕ ✖ ✗ ✘
)


def safe_text(text: str) -> bool:
    """Whether every character of ``text`` is in :data:`SAFE_RANGES`.

    >>> safe_text("✓ op schema"), safe_text("◐"), safe_text("🟢")
    (True, True, False)
    """
    return all(any(lo <= ord(ch) <= hi for lo, hi in SAFE_RANGES) for ch in text)
