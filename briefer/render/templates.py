"""The one Jinja environment factory: card, batch index and web page share its settings.

Every template, the user's own from ``--template-dir`` included, renders in Jinja's
immutable sandbox: a template can read the values handed to it and nothing else (no
attribute walk to ``os`` or ``__globals__``, no mutation of the briefing), so a template
folder cannot reach beyond its files.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from briefer._resources import templates_dir

__all__ = ["environment"]


def environment(
    folders: Sequence[Path] = (),
    *,
    markdown: bool = False,
    default_prefix: bool = False,
) -> jinja2.Environment:
    """A sandboxed environment over ``folders`` (searched first), then the shipped templates.

    ``default_prefix`` also serves the shipped ones as ``default:NAME``, so an override
    template can extend the built-in one.
    """
    builtin = jinja2.FileSystemLoader(templates_dir())
    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(f) for f in folders]
    loaders.append(builtin)
    if default_prefix:
        loaders.append(jinja2.PrefixLoader({"default": builtin}))
    return ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        # Explicit: select_autoescape() would skip "*.html.j2" (it checks the last suffix).
        autoescape=not markdown,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
