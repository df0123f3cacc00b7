"""A zip written from entries compressed elsewhere: the offline copy compresses its files in two
processes (volia/outputs/offline_copy.py), and Python's zipfile can only compress as it writes.

The bytes are the ones zipfile.ZipFile.writestr writes for the same entries (a test compares them):
a local header, the raw deflate stream, then the central directory and its end record (PKWARE's
APPNOTE, sections 4.3.7, 4.3.12 and 4.3.16), version 2.0, made on Unix, no extra fields, every entry
with one fixed time. ZIP64 is not written: a copy that would need it (65,535 files or 4 GB) is refused.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

VERSION = 20        # 2.0: deflate
UNIX = 3            # made on Unix: the external attributes hold a file mode
DEFLATED = 8
UTF8_NAME = 0x800   # the name is UTF-8 (zipfile sets it only for names that are not ASCII)
LIMIT_FILES, LIMIT_BYTES = 0xFFFF, 0xFFFFFFFF

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")


@dataclass(frozen=True)
class Deflated:
    name: str
    crc: int
    size: int
    data: bytes  # the raw deflate stream


def deflate(name: str, content: bytes, level: int) -> Deflated:
    """What zipfile makes of `content` at `level`: raw deflate, no zlib header (wbits -15)."""
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(name, zlib.crc32(content), len(content), compressor.compress(content) + compressor.flush())


def write_zip(path: Path, entries: Iterable[Deflated], date_time: tuple[int, ...], mode: int) -> int:
    """Write the entries, in their order, to `path`; returns how many there were."""
    year, month, day, hour, minute, second = date_time
    dos_date, dos_time = (year - 1980) << 9 | month << 5 | day, hour << 11 | minute << 5 | second // 2
    central = bytearray()
    count = 0
    with open(path, "wb") as out:
        for entry in entries:
            name = entry.name.encode("utf-8")
            flags = 0 if entry.name.isascii() else UTF8_NAME
            offset = out.tell()
            if count >= LIMIT_FILES or max(offset, entry.size, len(entry.data)) >= LIMIT_BYTES:
                raise ValueError(f"the offline copy would need ZIP64 at {entry.name} ({count} files, "
                                 f"{offset} bytes written): more than a copy to pass on should hold")
            out.write(_LOCAL.pack(b"PK\x03\x04", VERSION, 0, flags, DEFLATED, dos_time, dos_date,
                                  entry.crc, len(entry.data), entry.size, len(name), 0))
            out.write(name)
            out.write(entry.data)
            central += _CENTRAL.pack(b"PK\x01\x02", VERSION, UNIX, VERSION, 0, flags, DEFLATED, dos_time,
                                     dos_date, entry.crc, len(entry.data), entry.size, len(name), 0, 0, 0, 0,
                                     mode << 16, offset)
            central += name
            count += 1
        start = out.tell()
        if start + len(central) >= LIMIT_BYTES:
            raise ValueError(f"the offline copy would need ZIP64: {start} bytes before its directory")
        out.write(central)
        out.write(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(central), start, 0))
    return count
