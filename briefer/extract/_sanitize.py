"""What an HTML page loses before parsing: what lxml or trafilatura cannot hold.

One stray character reference or one huge inline blob used to empty a whole page; both
are removed here, in linear time, and the page is read as usual.
"""

from __future__ import annotations

import re

__all__ = ["drop_blobs", "drop_invalid_references"]

# A numeric character reference to a C0 control other than tab, newline and carriage
# return, or to U+FFFE or U+FFFF: lxml puts the character into the tree, trafilatura cannot
# write it into its XML output and returns no text at all, so one "&#1;" emptied a page.
# The characters are dropped, as the reader drops such characters written out raw.
_CHAR_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
_NOT_XML_CODES = frozenset([*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF])
_MAX_REFERENCE_DIGITS = 7  # U+10FFFF is 1114111
# libxml2 refuses a text or attribute value over 10,000,000 bytes (its huge-text limit), and
# trafilatura then finds no text, so one inline data: image of 10 MB emptied a page (a
# 9 MB one took 7 s). A run this long without a space, tag or quote is such a blob (base64
# in a data: URI, a script string), never prose; trafilatura gets the page without it.
# The lookbehind lets a run be tried from its first character only (linear time).
_MAX_BLOB_CHARS = 1_000_000
_BLOB = re.compile(rf"(?<![^\s<>\"'()])[^\s<>\"'()]{{{_MAX_BLOB_CHARS},}}")


def drop_invalid_references(html: str) -> str:
    """Remove character references to characters XML 1.0 forbids ("&#1;", "&#xFFFE;")."""
    if "&#" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        hexadecimal, decimal = match[1], match[2]
        digits = (hexadecimal or decimal).lstrip("0")
        if len(digits) > _MAX_REFERENCE_DIGITS:
            return match[0]  # beyond Unicode: lxml reads it as U+FFFD
        code = int(digits or "0", 16 if hexadecimal else 10)
        return "" if code in _NOT_XML_CODES else match[0]

    return _CHAR_REFERENCE.sub(replace, html)


def drop_blobs(html: str) -> str:
    """Remove runs of _MAX_BLOB_CHARS or more characters without a space, tag or quote."""
    return _BLOB.sub("", html) if len(html) >= _MAX_BLOB_CHARS else html
