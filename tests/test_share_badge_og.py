"""Letters, share links, the badge and Open Graph cards, read from real builds.

Two builds: the session's `site` (no site URL, as an offline copy is built) and one here with
VOLIA_SITE_URL set, as the published site is built. Browser tests (marked) drive Debian's Chromium
and record every request: sharing and the badge must not make a single one leave the machine.
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from browser import chromium, http_server, is_local, watch_requests  # noqa: F401 - fixtures
from conftest import FIXTURES, ROOT, content, read_html
from PIL import Image
from playwright.sync_api import expect

from volia.cli.build import build_all, environment
from volia.outputs import cards as og_images
from volia.outputs import offline_copy as offline_zip
from volia.text.translit import transliterate

SITE_URL = "https://volia.example/"
ALES = "prisoners/fictional-ales-testovich.html"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def url_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site built as the published site is: with its URL known."""
    site = tmp_path_factory.mktemp("url-site")
    with environment(VOLIA_SITE_URL=SITE_URL, VOLIA_OG_CACHE=str(tmp_path_factory.mktemp("og-cache"))):
        assert build_all(site, data_dir=FIXTURES / "data") == 0
    return site


def _meta(soup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    return tag["content"] if tag else None


def _share(soup):
    return soup.select_one("aside.volia-share")


# ---- Letters: guide, record pages, facility pages ----

def test_the_letter_guide_is_honest_in_every_language(site: Path) -> None:
    for folder, said in (("", "траўні 2023"), ("ru/", "мае 2023"), ("en/", "May 2023")):
        page = read_html(site / folder / "letters.html")
        text = content(page).get_text(" ", strip=True)
        assert said in text
        # The report itself, which says the rule holds across the institutions, not in "many".
        assert "https://spring96.org/en/news/111705" in {a.get("href") for a in content(page).select("a")}
        assert not page.select(".admonition.note")  # a real translation, not the English fallback
        nav = [a.get("href") for a in page.select("nav.md-nav--primary a")]
        assert "letters.html" in nav and "open-data.html" in nav
        for target in ("dates/birthdays.html", "dates/releases.html", "facilities/index.html"):
            assert target in {a.get("href") for a in content(page).select("a")}
            assert (site / folder / target).exists()


def test_a_held_full_record_says_whether_letters_arrive_and_gives_a_filled_label(site: Path) -> None:
    page = content(read_html(site / ALES))
    letters = page.select_one("#letters")
    assert letters.select_one("p").get_text(" ", strip=True).startswith("Лісты даходзяць толькі ад блізкіх сваякоў.")
    assert "../letters.html" in {a["href"] for a in letters.select("a")}
    labels = letters.select("figure.volia-envelope")
    # Both labels in Cyrillic, surname first, as the prison's post office reads them; from abroad
    # only the country is added, in Latin letters.
    assert [label.select_one("address")["lang"] for label in labels] == ["be", "be"]
    first, second = (label.select_one("address").get_text("|", strip=True).split("|") for label in labels)
    assert first == ["Тэставіч Алесь, 1990 г. н.", "230000, г. Тэставы, вул. Выдуманая, 1"]
    assert second == [*first, "BELARUS"]
    assert labels[1].select_one("[lang=en]").get_text() == "BELARUS"
    assert "../facilities/colony-99-testtown.html" in {a.get("href") for a in page.select("a")}


def test_minimal_and_released_records_have_no_letter_details(site: Path) -> None:
    for record in ("fictional-minimal-person", "fictional-hanna-prykladava"):
        page = content(read_html(site / "en" / "prisoners" / f"{record}.html"))
        assert not page.select("figure.volia-envelope") and not page.select("#letters")
        assert "../letters.html" not in {a.get("href") for a in page.select("a")}


def test_every_facility_page_has_printable_labels_with_a_blank_name(site: Path) -> None:
    page = content(read_html(site / "en" / "facilities" / "colony-99-testtown.html"))
    labels = page.select("figure.volia-envelope")
    assert [label.select_one("figcaption").get_text() for label in labels] == ["Posted within Belarus",
                                                                                 "Posted from abroad"]
    assert all(label.select_one(".volia-envelope__blank") for label in labels)
    assert labels[0].select_one(".volia-envelope__blank").get_text() == "Surname, first name, patronymic, year of birth"
    assert "230000, г. Тэставы, вул. Выдуманая, 1" in labels[0].get_text()
    assert "BELARUS" in labels[1].get_text() and "BELARUS" not in labels[0].get_text()
    # A facility with a Latin address only still gets its labels, in the one script the data has.
    other = content(read_html(site / "en" / "facilities" / "sizo-98-testtown.html"))
    assert [a["lang"] for a in other.select("figure.volia-envelope address")] == ["be-Latn", "be-Latn"]


def test_the_real_facilities_have_names_and_addresses_in_every_form_a_letter_needs() -> None:
    facilities = yaml.safe_load((ROOT / "data" / "facilities.yaml").read_text(encoding="utf-8"))
    for facility in facilities:
        assert set(facility["name"]) >= {"be", "ru", "en"}, facility["id"]
        be, latin = facility["address"]["be"], facility["address"]["latin"]
        # Mechanical: the project's own official-romanisation table turns the Cyrillic form back into
        # the Latin one (Cyrillic puts a comma before the house number).
        assert re.sub(r", (\d+\S*)$", r" \1", transliterate(be, "national")) == latin, facility["id"]


def test_labels_print_large_and_sharing_does_not_print() -> None:
    css = (ROOT / "docs" / "assets" / "stylesheets" / "volia.css").read_text(encoding="utf-8")
    ours = css[css.index("/* ==== Take action (issue 8)"):]
    printed = ours[ours.index("@media print"):]
    assert ".volia-envelope {" in printed and "break-inside: avoid" in printed
    assert ".volia-share" in printed and "display: none" in printed


# ---- Share links ----

def test_without_a_site_url_only_copy_link_is_offered(site: Path) -> None:
    block = _share(read_html(site / "en" / ALES))
    links = block.select("a")
    assert [a["href"] for a in links] == ["fictional-ales-testovich.html"]  # the page itself
    assert "t.me" not in str(block) and "mailto:" not in str(block)


def test_share_links_carry_the_page_address_in_its_language(url_site: Path) -> None:
    for folder, prefix in (("en/", "en/"), ("", "")):
        block = _share(read_html(url_site / folder / ALES))
        page_url = f"{SITE_URL}{prefix}{ALES}"
        telegram = urlsplit(block.select_one("a.volia-share__telegram")["href"])
        assert (telegram.scheme, telegram.netloc, telegram.path) == ("https", "t.me", "/share/url")
        query = parse_qs(telegram.query)
        assert query["url"] == [page_url]
        assert query["text"] == ["Ales Testovich" if folder else "Алесь Тэставіч"]
        mail = urlsplit(block.select_one("a.volia-share__email")["href"])
        assert mail.scheme == "mailto" and page_url in parse_qs(mail.query)["body"][0]
        assert block.select_one("a.volia-share__copy")["href"] == page_url


def test_essays_share_too_and_list_pages_do_not(url_site: Path) -> None:
    essay = _share(read_html(url_site / "en" / "strategies" / "act.html"))
    assert parse_qs(urlsplit(essay.select_one("a.volia-share__telegram")["href"]).query)["url"] == [
        SITE_URL + "en/strategies/act.html"]
    # In Belarusian the essay comes from its translation (act.be.md), served as act.md: still an essay.
    translated = _share(read_html(url_site / "strategies" / "act.html"))
    assert parse_qs(urlsplit(translated.select_one("a.volia-share__telegram")["href"]).query)["url"] == [
        SITE_URL + "strategies/act.html"]
    for page in ("prisoners/index.html", "facilities/index.html", "dates/birthdays.html", "data/index.html"):
        assert _share(read_html(url_site / "en" / page)) is None, page
        assert _share(read_html(url_site / page)) is None, page


def test_share_links_are_links_only(url_site: Path) -> None:
    block = _share(read_html(url_site / "en" / ALES))
    assert not block.select("[src], img, iframe, link, object, embed")
    schemes = {urlsplit(a["href"]).scheme or "relative" for a in block.select("a")}
    assert schemes == {"https", "mailto"}
    hosts = {urlsplit(a["href"]).netloc for a in block.select("a") if a["href"].startswith("https")}
    assert hosts == {"t.me", "volia.example"}  # Telegram's share page, and the page's own address
    assert not block.select("script")  # copying is the site's own volia.js, not an inline script
    copy = block.select_one("a[data-volia-copy-href]")
    assert copy["href"] == SITE_URL + "en/" + ALES  # without a script, still the page's own link


# ---- Open Graph ----

def test_og_tags_without_a_site_url_have_no_image(site: Path) -> None:
    page = read_html(site / "en" / ALES)
    assert _meta(page, "og:title") == "Ales Testovich"
    assert _meta(page, "og:image") is None and _meta(page, "twitter:card") == "summary"
    assert not (site / "og").exists() and not (site / "en" / "og").exists()


def test_records_and_essays_get_cards_that_exist_and_differ(url_site: Path) -> None:
    cards = {}
    for page_path in ("en/" + ALES, "en/prisoners/fictional-hanna-prykladava.html", "en/letters.html",
                      ALES):
        page = read_html(url_site / page_path)
        assert _meta(page, "twitter:card") == "summary_large_image"
        assert _meta(page, "og:url") == SITE_URL + page_path
        image = _meta(page, "og:image")
        assert image.startswith(SITE_URL) and _meta(page, "twitter:image") is None  # X reads og:image
        data = (url_site / image.removeprefix(SITE_URL)).read_bytes()
        with Image.open(io.BytesIO(data)) as picture:
            assert (picture.format, picture.size) == ("PNG", (1200, 630))
        cards[page_path] = data
    assert len(set(cards.values())) == len(cards)  # each card is drawn for its own page
    ales = read_html(url_site / "en" / ALES)
    assert _meta(ales, "og:title") == "Ales Testovich"
    assert _meta(ales, "og:description") == "Fictional teacher for the test suite. Imprisoned · Information as of June 1, 2024"
    minimal = read_html(url_site / "en" / "prisoners" / "fictional-minimal-person.html")
    assert "WITHHELD" not in str(minimal.head)
    assert _meta(minimal, "og:description") == "Imprisoned · Information as of June 1, 2024"
    assert _meta(read_html(url_site / "en" / "prisoners" / "index.html"), "og:title") is None  # lists: none


def test_cards_stay_out_of_the_offline_zip(url_site: Path) -> None:
    assert any((url_site / "en" / "og").rglob("*.png"))
    with zipfile.ZipFile(url_site / offline_zip.ZIP_NAME) as archive:
        names = archive.namelist()
    assert not [n for n in names if "/og/" in n]
    assert any(n.endswith("/en/" + ALES) for n in names)  # negative control: the pages are there


def test_a_card_is_drawn_once_and_then_read_from_the_cache(tmp_path: Path) -> None:
    card = og_images.Card("Ales Testovich", "Imprisoned", "Volia")
    first = og_images.cached_png(card, tmp_path)
    assert first == og_images.render_png(card)  # same card, same bytes
    [cached] = list(tmp_path.rglob("*.png"))
    cached.write_bytes(b"from the cache")
    assert og_images.cached_png(card, tmp_path) == b"from the cache"
    assert og_images.cached_png(og_images.Card("Another", "Imprisoned", "Volia"), tmp_path) != b"from the cache"


# ---- The badge ----

def external_references(svg_text: str) -> list[str]:
    """Everything in an SVG that could make a viewer fetch something: links, images, scripts, styles."""
    found = []
    root = ET.fromstring(svg_text)
    for element in root.iter():
        tag = element.tag.removeprefix(SVG)
        if tag in ("image", "script", "foreignObject", "style", "use", "a", "feImage"):
            found.append(tag)
        for name, value in element.attrib.items():
            if name.endswith("href") or name == "src":
                found.append(f"{name}={value}")
            for ref in re.findall(r"url\(([^)]*)\)", value):
                if not ref.strip("'\"").startswith("#"):
                    found.append(f"url({ref})")
    return found


def test_the_reference_finder_catches_what_it_looks_for() -> None:
    hostile = ('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://x.example/a.png"/>'
               '<rect fill="url(https://x.example/p)"/><g clip-path="url(#ok)"/></svg>')
    assert external_references(hostile) == ["image", "href=https://x.example/a.png", "url(https://x.example/p)"]


def test_the_badge_is_self_contained_and_shows_the_latest_count_with_its_date(site: Path) -> None:
    expected = {"en/": ("Political prisoners in Belarus", "1,140", "March 5, 2026", "Human Rights Center Viasna"),
                "ru/": ("Политзаключённые в Беларуси", "1\xa0140", "5 марта 2026", "Правозащитный центр «Весна»"),
                "": ("Палітвязні ў Беларусі", "1\xa0140", "5 сакавіка 2026", "Праваабарончы цэнтр «Вясна»")}
    for folder, (label, count, date, publisher) in expected.items():
        text = (site / folder / "badge.svg").read_text(encoding="utf-8")
        assert external_references(text) == []
        root = ET.fromstring(text)
        words = [t.text for t in root.iter(SVG + "text")]
        assert words[0] == label and words[1].replace("\u202f", "\xa0") == count
        assert words[2].startswith(f"{publisher}, ") and date in words[2]  # named in the badge's language
        # every box is wide enough for its text
        rects = [r for r in root.iter(SVG + "rect") if r.get("fill", "").startswith("#")]
        for rect, word in zip(rects, root.iter(SVG + "text"), strict=True):
            assert float(rect.get("width")) >= float(word.get("textLength"))
    open_data = content(read_html(site / "en" / "open-data.html"))
    assert "badge.svg" in {img.get("src") for img in open_data.select("img")}
    snippet = open_data.select("pre code")[-1].get_text()
    assert 'en/badge.svg"' in snippet and "<img" in snippet and "<script" not in snippet


def test_the_badge_snippet_uses_the_site_address_when_known(url_site: Path) -> None:
    snippet = content(read_html(url_site / "en" / "open-data.html")).select("pre code")[-1].get_text()
    assert f'src="{SITE_URL}en/badge.svg"' in snippet


# ---- In a real browser ----

@pytest.mark.browser
def test_sharing_and_the_badge_make_no_request_off_the_machine(chromium, url_site: Path,  # noqa: F811
                                                                tmp_path: Path) -> None:
    embed = tmp_path / "embed.html"
    with http_server(url_site) as base:
        embed.write_text(f'<!doctype html><title>x</title><img id="b" src="{base}en/badge.svg" alt="badge">',
                         encoding="utf-8")
        context = chromium.new_context()
        requests = watch_requests(context)
        page = context.new_page()
        page.goto(base + "en/" + ALES)
        page.wait_for_load_state("networkidle")
        assert page.locator("aside.volia-share a.volia-share__telegram").count() == 1
        page.goto(embed.as_uri())
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.getElementById('b').naturalWidth") > 100  # it did render
        context.close()
    # Third party: neither this machine nor the site's own address (with a site URL, Material's
    # language switcher looks up the site's own sitemaps there; that is the site, not a third party).
    third_party = [u for u in requests if not is_local(u) and not u.startswith(SITE_URL)]
    assert requests and third_party == []
    assert not [u for u in requests if "t.me" in u or u.startswith("mailto:")]
    assert sum(u.endswith("badge.svg") for u in requests) == 1


@pytest.mark.browser
def test_copy_link_copies_with_javascript_and_is_a_plain_link_without(chromium, url_site: Path) -> None:  # noqa: F811
    with http_server(url_site) as base:
        context = chromium.new_context(permissions=["clipboard-read", "clipboard-write"])
        page = context.new_page()
        page.goto(base + "en/" + ALES)
        link = page.locator("a.volia-share__copy")
        link.click()
        expect(link).to_have_text("Link copied")  # the clipboard write is asynchronous: wait for it
        assert page.evaluate("navigator.clipboard.readText()") == SITE_URL + "en/" + ALES
        assert page.url == base + "en/" + ALES  # the click did not navigate
        context.close()

        context = chromium.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(base + "en/" + ALES)
        assert page.locator("a.volia-share__copy").get_attribute("href") == SITE_URL + "en/" + ALES
        assert page.locator("a.volia-share__copy").inner_text() == "Copy link"
        context.close()


@pytest.mark.browser
def test_a_printed_facility_page_shows_the_labels_and_hides_sharing(chromium, url_site: Path) -> None:  # noqa: F811
    with http_server(url_site) as base:
        context = chromium.new_context()
        page = context.new_page()
        page.goto(base + "en/facilities/colony-99-testtown.html")
        page.emulate_media(media="print")
        label = page.locator("figure.volia-envelope").first
        assert label.is_visible()
        width = label.evaluate("e => e.getBoundingClientRect().width")
        assert 400 < width < 430  # 11 cm at 96 px per inch is 416 px
        assert page.locator(".volia-envelopes__hint").is_hidden()
        page.goto(base + "en/" + ALES)
        page.emulate_media(media="print")
        assert page.locator("aside.volia-share").is_hidden()
        page.emulate_media(media="screen")
        assert page.locator("aside.volia-share").is_visible()  # negative control
        context.close()


def test_the_not_found_page_links_home_by_the_sites_address(url_site: Path) -> None:
    sections = read_html(url_site / "404.html").select("section.volia-not-found")
    assert [a["href"] for s in sections for a in s.select("a")] == [SITE_URL] * 3
