"""The private channel for removal and safety requests, configured once (mkdocs.yml: extra.private_contact).

Until launch it is a placeholder under a reserved example domain (RFC 2606). A build for the real
site — one with an address (site_url) that is not itself an example — must not publish a
placeholder where a family looks for a safe way to ask for a page to come down.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

# Domains reserved for documentation and tests (RFC 2606, RFC 6761): never a real address.
_RESERVED = re.compile(r"(^|\.)(example|invalid|test|localhost)$|(^|\.)example\.(com|net|org)$")


def is_placeholder(address: str) -> bool:
    """True for an empty address or one under a reserved domain (privacy@volia.example, https://x.test/)."""
    text = address.strip()
    host = urlsplit(text).hostname if "://" in text else text.rpartition("@")[2]
    return not host or bool(_RESERVED.search(host.lower().rstrip(".")))


def is_local(site_url: str) -> bool:
    """True for an address on this machine or a private network: `mkdocs serve` sets site_url to its
    own (http://127.0.0.1:8000/), and a preview there is not the site readers get."""
    host = urlsplit(site_url.strip()).hostname or ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_private or address.is_unspecified


def production_problem(site_url: str | None, private_contact: str | None) -> str | None:
    """Why a build for `site_url` must stop: the private channel is still the placeholder; else None."""
    if not site_url or is_placeholder(site_url) or is_local(site_url):
        return None  # a local, preview or test build: the placeholder is fine there
    if private_contact and not is_placeholder(private_contact):
        return None
    return (f"extra.private_contact in mkdocs.yml is {private_contact or 'empty'!s}, a placeholder, but this build "
            f"is for {site_url}: write the maintainers' real private address for removal and safety requests "
            "there before building the site for readers")
