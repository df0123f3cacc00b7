"""Photos made in the tests, carrying everything a phone or camera writes into a file.

No binary is committed: each test draws its photo and writes the metadata it needs to prove gone.
Every piece of metadata holds a marker string, so that a test can search the output's bytes too.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageCms, ImageDraw, PngImagePlugin
from PIL.TiffImagePlugin import IFDRational

EXIF_IFD, GPS_IFD = 0x8769, 0x8825
MAKE, MODEL, DESCRIPTION, ORIENTATION, SOFTWARE, ARTIST = 0x010F, 0x0110, 0x010E, 0x0112, 0x0131, 0x013B
BODY_SERIAL, LENS_SERIAL, OWNER = 0xA431, 0xA435, 0xA430
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON = 1, 2, 3, 4

# Strings planted in the metadata; none of them may appear in anything the site publishes.
MARKERS = ("CAMERA-MAKE-MARKER", "CAMERA-MODEL-MARKER", "DESCRIPTION-MARKER", "SOFTWARE-MARKER",
           "ARTIST-MARKER", "SERIAL-MARKER-4711", "LENS-SERIAL-MARKER", "OWNER-MARKER",
           "XMP-MARKER", "COMMENT-MARKER", "PNG-TEXT-MARKER")
# Where the photo was "taken": the centre of Minsk.
LATITUDE = ((53, 1), (54, 1), (1234, 100))
LONGITUDE = ((27, 1), (33, 1), (4321, 100))


def portrait(size: tuple[int, int] = (1200, 1600), seed: int = 0) -> Image.Image:
    """A drawing with detail (stripes and shapes) so that it does not compress to nothing."""
    image = Image.new("RGB", size, (200 - seed % 50, 180, 160))
    draw = ImageDraw.Draw(image)
    width, height = size
    for x in range(0, width, 7):
        draw.line([(x, 0), (x + height // 3, height)], fill=((x * 5 + seed) % 256, (x * 3) % 256, 90), width=2)
    draw.ellipse([width // 4, height // 6, 3 * width // 4, height // 2], fill=(230, 200, 170), outline=(40, 30, 20))
    draw.rectangle([width // 5, height // 2, 4 * width // 5, height], fill=(30, 60, 120))
    return image


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[MAKE] = "CAMERA-MAKE-MARKER"
    exif[MODEL] = "CAMERA-MODEL-MARKER"
    exif[DESCRIPTION] = "DESCRIPTION-MARKER"
    exif[SOFTWARE] = "SOFTWARE-MARKER"
    exif[ARTIST] = "ARTIST-MARKER"
    exif[ORIENTATION] = orientation
    details = exif.get_ifd(EXIF_IFD)
    details[BODY_SERIAL] = "SERIAL-MARKER-4711"
    details[LENS_SERIAL] = "LENS-SERIAL-MARKER"
    details[OWNER] = "OWNER-MARKER"
    gps = exif.get_ifd(GPS_IFD)
    gps[GPS_LAT_REF] = "N"
    gps[GPS_LAT] = tuple(IFDRational(*pair) for pair in LATITUDE)
    gps[GPS_LON_REF] = "E"
    gps[GPS_LON] = tuple(IFDRational(*pair) for pair in LONGITUDE)
    return exif


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def xmp() -> bytes:
    return (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
            b'<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="53,54.2N" '
            b'exif:BodySerialNumber="XMP-MARKER"/></rdf:RDF></x:xmpmeta>')


def camera_jpeg(path: Path, size: tuple[int, int] = (1200, 1600), orientation: int = 1, seed: int = 0) -> Path:
    """A JPEG as a phone writes it: EXIF with GPS and serial numbers, an ICC profile, XMP, a comment."""
    path.parent.mkdir(parents=True, exist_ok=True)
    portrait(size, seed).save(path, "JPEG", quality=95, exif=camera_exif(orientation), icc_profile=icc_profile(),
                              xmp=xmp(), comment=b"COMMENT-MARKER")
    return path


def camera_png(path: Path, size: tuple[int, int] = (900, 1200), seed: int = 0) -> Path:
    """A PNG with an eXIf chunk (GPS included), text chunks, an ICC profile and transparency."""
    path.parent.mkdir(parents=True, exist_ok=True)
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "PNG-TEXT-MARKER")
    info.add_itxt("XML:com.adobe.xmp", xmp().decode())
    image = portrait(size, seed).convert("RGBA")
    image.putpixel((0, 0), (0, 0, 0, 0))
    image.save(path, "PNG", pnginfo=info, exif=camera_exif(), icc_profile=icc_profile())
    return path
