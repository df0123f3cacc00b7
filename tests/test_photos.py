"""Photos: only a new, small JPEG without any metadata reaches the site, and only for full pages.

The photos are drawn in the tests and carry what a phone writes into a file: GPS coordinates,
camera and lens serial numbers, the owner's name, software, an ICC profile, XMP and comments.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from conftest import read_html
from hostile.images import MARKERS, camera_jpeg, camera_png
from hostile.output import find, walk
from hostile.sites import (
    FULL_CREDIT,
    FULL_ID,
    FULL_PHOTO,
    MINIMAL_CREDIT,
    MINIMAL_ID,
    MINIMAL_PHOTO,
    copy_fixture_data,
    edit_records,
    line_of,
    published_site,
)
from PIL import Image

from volia.addresses import photo_uri
from volia.data import photo_files as photos
from volia.data.loading import load_dataset
from volia.data.problems import DataError

# Bytes that name metadata blocks: EXIF, GPS tags, ICC profiles, XMP, Photoshop resources.
METADATA_BYTES = (b"Exif", b"GPS", b"ICC_PROFILE", b"http://ns.adobe.com", b"xmpmeta", b"Photoshop")


def jpeg_segments(data: bytes) -> list[int]:
    """The marker of every JPEG segment before the image data (0xE0 APP0 … 0xFE COM)."""
    assert data[:2] == b"\xff\xd8", "not a JPEG"
    markers, position = [], 2
    while position < len(data):
        assert data[position] == 0xFF
        marker = data[position + 1]
        if marker == 0xDA:  # start of scan: the compressed image follows
            break
        length = struct.unpack(">H", data[position + 2:position + 4])[0]
        markers.append(marker)
        position += 2 + length
    return markers


def assert_clean(data: bytes) -> None:
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert len(image.getexif()) == 0
    assert not {"exif", "icc_profile", "xmp", "comment", "photoshop"} & set(image.info)
    assert max(image.size) <= photos.MAX_SIDE
    assert len(data) <= photos.BUDGET
    # Only APP0 (JFIF: density) and the tables needed to decode: no APP1–APP15, no comment.
    assert [hex(m) for m in jpeg_segments(data) if 0xE1 <= m <= 0xEF or m == 0xFE] == []
    assert [m for m in MARKERS if m.encode() in data] == []
    assert [b for b in METADATA_BYTES if b in data] == []


# ---- photos.process ----

@pytest.mark.parametrize("make", [camera_jpeg, camera_png], ids=["jpeg", "png"])
def test_processing_keeps_the_picture_and_drops_every_piece_of_metadata(tmp_path: Path, make) -> None:
    source = make(tmp_path / f"photo{'.jpg' if make is camera_jpeg else '.png'}")
    raw = source.read_bytes()
    # The negative control: the source really carries GPS, serials and the rest.
    original = Image.open(source)
    assert original.getexif().get_ifd(0x8825), "the source has no GPS block"
    assert original.getexif().get_ifd(0x8769)[0xA431] == "SERIAL-MARKER-4711"
    assert "icc_profile" in original.info
    assert [m for m in MARKERS if m.encode() in raw], "the source carries no markers"

    out = photos.process(source)
    assert_clean(out)
    assert photos.process(raw) == out  # bytes in, the same bytes out: nothing depends on the file name


def test_the_orientation_is_applied_before_the_tag_is_dropped(tmp_path: Path) -> None:
    # Stored 1200 wide and 1600 high, tagged "rotate 90°": people see it 1600 wide and 1200 high.
    upright = photos.processed(camera_jpeg(tmp_path / "turned.jpg", size=(1200, 1600), orientation=6))
    assert (upright.width, upright.height) == (photos.MAX_SIDE, photos.MAX_SIDE * 1200 // 1600)
    plain = photos.processed(camera_jpeg(tmp_path / "plain.jpg", size=(1200, 1600), orientation=1))
    assert (plain.width, plain.height) == (photos.MAX_SIDE * 1200 // 1600, photos.MAX_SIDE)


def test_a_photo_full_of_detail_still_fits_the_budget(tmp_path: Path) -> None:
    import random

    rng = random.Random(4)
    noise = Image.frombytes("RGB", (1000, 1000), bytes(rng.getrandbits(8) for _ in range(3_000_000)))
    noise.save(tmp_path / "noise.png")
    assert (tmp_path / "noise.png").stat().st_size > 10 * photos.BUDGET  # the control: a heavy source
    result = photos.processed(tmp_path / "noise.png")
    assert len(result.data) <= photos.BUDGET
    assert_clean(result.data)


# ---- Validation ----

def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge image (a decompression bomb's first step)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + \
        chunk(b"IEND", b"")


def _gif() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "GIF")
    return out.getvalue()


def _truncated_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (400, 400), (10, 200, 30)).save(out, "JPEG")
    return out.getvalue()[:600]


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("missing.jpg", None, "the file photos/missing.jpg is missing; put the photo there or fix the name"),
    ("letter.jpg", b"Dear family, here is the photo.\n",
     "the file is not a JPEG or PNG image; expected a JPEG or PNG photo"),
    ("animated.png", _gif(), "the file is not a JPEG or PNG image; expected a JPEG or PNG photo"),
    ("renamed.jpg", _png(), "the file is a PNG but its name ends in .jpg; expected a name ending in .png"),
    ("big.png", _png_claiming(8_000, 6_000),  # 48 megapixels: over our limit, under Pillow's
     "the image is larger than 40 megapixels; expected an ordinary portrait"),
    ("huge.png", _png_claiming(20_000, 20_000),  # 400 megapixels: Pillow itself refuses to open it
     "the image is larger than 40 megapixels; expected an ordinary portrait"),
    ("cut.jpg", _truncated_jpeg(), "the image is damaged or incomplete ("),
], ids=["missing", "text", "gif", "renamed", "big", "bomb", "truncated"])
def test_a_photo_that_is_not_a_real_jpeg_or_png_fails_validation(
        data_dir: Path, name: str, content: bytes | None, expected: str) -> None:
    if content is not None:
        (data_dir / "photos").mkdir()
        (data_dir / "photos" / name).write_bytes(content)

    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": name, "credit": "a friend", "consent": "the family"}

    text = edit_records(data_dir, add)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 1, messages
    line = line_of(text, f'"file": "{name}"')
    prefix = f'prisoners.yaml:{line}: record {FULL_ID}: photo.file: "{name}" — '
    assert messages[0].replace(str(data_dir / "prisoners.yaml"), "prisoners.yaml").startswith(prefix + expected), \
        messages[0]


def test_a_photo_that_points_outside_the_photo_folder_fails(data_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.jpg").write_bytes(_truncated_jpeg())
    (data_dir / "photos").mkdir()
    (data_dir / "photos" / "link.jpg").symlink_to(tmp_path / "elsewhere.jpg")

    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": "link.jpg", "credit": "a friend", "consent": "the family"}

    edit_records(data_dir, add)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert sorted(str(p).split(": ", 1)[1] for p in caught.value.problems) == sorted([
        'record fictional-ales-testovich: photo.file: "link.jpg" — photos/link.jpg is a symbolic link; '
        "expected the photo file itself",
        "a symbolic link; expected a plain file or folder (a link would publish whatever it points to on "
        "the build machine)"])


def test_a_real_photo_passes_and_credit_and_consent_are_required(tmp_path: Path) -> None:
    data_dir = copy_fixture_data(tmp_path / "data")
    camera_jpeg(data_dir / "photos" / "ok.jpg")

    def add(records: dict[str, dict]) -> None:
        records[FULL_ID]["photo"] = {"file": "ok.jpg", "credit": "a friend", "consent": "the family"}

    edit_records(data_dir, add)
    assert load_dataset(data_dir).records[0].photo["file"] == "ok.jpg"

    def drop(records: dict[str, dict]) -> None:
        del records[FULL_ID]["photo"]["credit"], records[FULL_ID]["photo"]["consent"]

    edit_records(data_dir, drop)
    with pytest.raises(DataError) as caught:
        load_dataset(data_dir)
    assert sorted((p.field, p.expected) for p in caught.value.problems) == [
        ("photo.consent", "missing; this field is required here"),
        ("photo.credit", "missing; this field is required here")]


# ---- The built site ----

LANGUAGE_FOLDERS = ("", "ru/", "en/")


@pytest.mark.slow
def test_the_site_publishes_a_clean_copy_of_a_full_records_photo(tmp_path_factory) -> None:
    data_dir, site = published_site(tmp_path_factory)
    expected = photos.process(data_dir / "photos" / FULL_PHOTO)
    for folder in LANGUAGE_FOLDERS:
        published = site / folder / photo_uri(FULL_ID)
        assert published.read_bytes() == expected
        assert_clean(published.read_bytes())
        page = read_html(site / folder / "prisoners" / f"{FULL_ID}.html")
        image = page.select_one("figure.volia-portrait img")
        # The portrait is at the top of the page: loaded at once, not lazily.
        assert (page.html["lang"], image.get("loading")) == ((folder.rstrip("/") or "be"), None)
        assert (site / folder / "prisoners" / image["src"]).resolve() == published.resolve()
        width, height = Image.open(published).size
        assert (image["width"], image["height"]) == (str(width), str(height))
        assert image["alt"] and FULL_CREDIT in page.select_one("figure.volia-portrait figcaption").get_text()
    # No file anywhere in the output, archives included, carries the camera's metadata.
    for marker in MARKERS:
        assert find(site, marker) == [], marker
    # The contributed file itself (its name can say more than the site should) is not published.
    assert find(site, FULL_PHOTO) == []


def test_a_minimal_records_photo_is_not_in_the_output(tmp_path_factory) -> None:
    data_dir, site = published_site(tmp_path_factory)
    withheld = photos.process(data_dir / "photos" / MINIMAL_PHOTO)
    original = (data_dir / "photos" / MINIMAL_PHOTO).read_bytes()
    for folder in LANGUAGE_FOLDERS:
        assert not (site / folder / photo_uri(MINIMAL_ID)).exists()
        page = read_html(site / folder / "prisoners" / f"{MINIMAL_ID}.html")
        assert page.select("article.volia-record img") == []
    published_bytes = [p.read_bytes() for p in site.rglob("*") if p.is_file()]
    assert withheld not in published_bytes and original not in published_bytes
    for needle in (MINIMAL_PHOTO, MINIMAL_CREDIT, "WITHHELD-PHOTO-CONSENT-MARKER", "withheld-photo-source-marker"):
        assert find(site, needle) == [], needle
    # The control: the full record's photo is there, so the walk does see photos.
    assert len([out for out in walk(site) if out.name.endswith(photo_uri(FULL_ID))]) >= 3
