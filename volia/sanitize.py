"""Turn a contributor's biography (a small Markdown subset) into safe HTML.

Python-Markdown passes raw HTML and any link scheme straight through, so its output is cleaned by
Ammonia (nh3): only a few formatting tags survive, and links keep only http, https and mailto.
"""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "em", "strong", "ul", "ol", "li", "a", "br", "blockquote"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"http", "https", "mailto"}


def bio_html(text: str) -> Markup:
    """Markdown → HTML → sanitized HTML, marked safe for the (autoescaping) templates."""
    rendered = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer",
        strip_comments=True,
    )
    return Markup(cleaned)
