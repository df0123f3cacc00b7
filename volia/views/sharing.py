"""Share links that load nothing from anyone: each is a plain <a href>, never a widget or a script.

A share "button" from a network is a script or an iframe that tells that network who read which
page. Here sharing is a link the reader follows only when they choose to: Telegram's share URL,
an e-mail draft (mailto:), and the page's own address to copy. Signal has no web share address,
so the hint points Signal (and WhatsApp) users at "copy link". The copy link is the page's own
URL, so without JavaScript it still works as a link whose address the reader can copy; a tiny
site's script (volia.js) copies it to the clipboard when it can.
"""

from __future__ import annotations

import posixpath
from typing import Any
from urllib.parse import quote, urlencode

from volia.text.i18n import t

TELEGRAM = "https://t.me/share/url"


OG_LOCALES = {"be": "be_BY", "ru": "ru_BY", "en": "en_US"}


def og_view(*, title: str, description: str, url: str | None, image_url: str | None, image_alt: str,
            lang: str, image_size: tuple[int, int]) -> dict[str, Any]:
    """The Open Graph and Twitter card tags of one page (overrides/partials/volia_og.html)."""
    return {
        "type": "article",
        "site_name": t("site_name", lang),
        "title": title,
        "description": description,
        "locale": OG_LOCALES[lang],
        "url": url,
        "image": image_url,
        "image_width": image_size[0],
        "image_height": image_size[1],
        "image_alt": image_alt,
        # A large card only when there is an image to fill it.
        "twitter_card": "summary_large_image" if image_url else "summary",
    }


def share_view(url: str | None, dest_uri: str, title: str, lang: str) -> dict[str, Any]:
    """What the share block shows. Without an absolute URL only "copy link" remains (a relative
    address means nothing in a chat or an e-mail)."""
    links = []
    if url:
        links.append({"kind": "telegram", "label": t("share_telegram", lang),
                      "href": f"{TELEGRAM}?{urlencode({'url': url, 'text': title}, quote_via=quote)}"})
        body = f"{title}\n\n{url}"
        links.append({"kind": "email", "label": t("share_email", lang),
                      "href": "mailto:?" + urlencode({"subject": title, "body": body}, quote_via=quote)})
    return {
        "heading": t("share_heading", lang),
        "links": links,
        "copy_link": {"href": url or posixpath.basename(dest_uri), "label": t("share_copy", lang),
                 "copied": t("share_copied", lang)},
        "hint": t("share_hint", lang),
    }
