"""What a thread keeps warm between card layouts: font configurations and the card's CSS.

WeasyPrint loads an ``@font-face`` by copying the file into a ``weasyprint-*`` folder under
TMPDIR that only ``FontConfiguration.__del__`` removes (which never runs in a process that
leaves through ``os._exit``: the CLI, pool workers), and a new configuration starts
fontconfig and Pango cold: on the sample that was a quarter of a card's 0.45 s. So the
packaged files are registered with fontconfig where they lie, as system fonts are: nothing
is copied or written, and one configuration serves every card of a thread. fontconfig reads
each file's own family, weight and style, which are the names ``card.css`` uses (the
sample's PDF is byte-identical to the ``@font-face`` one).

A configuration holds exactly the faces a card needs (the fallback faces only for the
scripts on it): a face registered for an earlier card could otherwise supply a glyph to a
later one, and the same card would render differently after different ones.

The built-in ``card.css`` is parsed once per configuration too (about a tenth of a layout).
Pango's font maps are not safe to share between threads, so each thread keeps its own.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefer._resources import FontFace, asset_roots, templates_dir
from briefer.errors import RenderError

if TYPE_CHECKING:
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

# Distinct face sets a thread keeps: Latin, and a few other scripts. Each holds a Pango
# font map; one with the CJK collection maps 19 MB.
KEPT = 4
CARD_CSS = "card.css"

_local = threading.local()


@dataclass(frozen=True, slots=True)
class Warm:
    """A font configuration and the built-in card stylesheet parsed with it."""

    fonts: FontConfiguration
    card_css: str  # the stylesheet's text, as the card template includes it
    sheet: CSS


def warm(faces: Iterable[FontFace]) -> Warm:
    """This thread's font configuration holding exactly ``faces`` (made on first use)."""
    key = tuple(sorted({str(face.path) for face in faces}))
    if not hasattr(_local, "kept"):
        _local.kept = OrderedDict()
    kept: OrderedDict[tuple[str, ...], Warm] = _local.kept
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    kept[key] = _made(key)
    while len(kept) > KEPT:
        kept.popitem(last=False)
    return kept[key]


def _made(paths: tuple[str, ...]) -> Warm:
    import weasyprint
    from weasyprint import CSS
    from weasyprint.text.ffi import ffi, fontconfig, pangoft2
    from weasyprint.text.fonts import FontConfiguration

    from briefer.render.sealed import SealedFetcher

    fonts = FontConfiguration()
    # ``_config`` is the fontconfig configuration WeasyPrint's own add_font_face adds to
    # (WeasyPrint 60-70); the font map holds a reference to it.
    config = getattr(fonts, "_config", None)
    if config is None:
        raise RenderError(
            f"WeasyPrint {weasyprint.__version__} keeps its fonts in a way briefer does not "
            "know; install the WeasyPrint version briefer was tested with (70)"
        )
    for path in paths:
        if not fontconfig.FcConfigAppFontAddFile(config, os.fsencode(path)):
            raise RenderError(f"the font file {path} could not be loaded; reinstall briefer")
    pangoft2.pango_fc_font_map_config_changed(ffi.cast("PangoFcFontMap *", fonts.font_map))
    base = templates_dir().resolve()
    # Jinja's include drops the file's last newline; the text is what the card carries.
    text = (base / CARD_CSS).read_text(encoding="utf-8").rstrip("\n")
    fetcher = SealedFetcher(asset_roots())
    sheet = CSS(string=text, base_url=base.as_uri() + "/", url_fetcher=fetcher, font_config=fonts)
    return Warm(fonts=fonts, card_css=text, sheet=sheet)
