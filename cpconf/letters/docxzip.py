"""Writing a .docx (a zip archive) many times over from one template, fast.

Of a template's dozen parts only the few with tags change from one document to the next;
the others (styles, theme, fonts, numbering, relationships) are compressed once, here,
and copied into every document as they are. `zipfile` would compress each of them again
for every document: that was half the time of a letter.

The archive is a plain one (no ZIP64, no encryption, no extra fields), as Word and
LibreOffice write and `zipfile` reads back.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipInfo

_LOCAL = struct.Struct("<4s2B4HL2L2H")  # local file header, as zipfile.structFileHeader
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # central directory entry (structCentralDir)
_END = struct.Struct("<4s4H2LH")  # end of central directory (structEndArchive)
_VERSION = 20  # 2.0: deflate
_UTF8 = 0x800  # the name is UTF-8
_LIMIT = 0xFFFFFFFF  # beyond this a part would need ZIP64: no letter comes near it


@dataclass(frozen=True)
class Part:
    """One part of the archive, compressed, with what its headers say of it."""

    name: bytes
    flags: int
    method: int
    time: int
    date: int
    crc: int
    size: int
    data: bytes  # as stored: compressed, or as it is
    system: int  # the system the attributes are of (3: Unix, 0: DOS and Windows)
    attributes: int  # external attributes (the file's mode, on Unix)

    def local(self) -> bytes:
        """Its local header, name and data: the same wherever it lands in the archive."""
        head = _LOCAL.pack(
            b"PK\x03\x04",
            _VERSION,
            0,
            self.flags,
            self.method,
            self.time,
            self.date,
            self.crc,
            len(self.data),
            self.size,
            len(self.name),
            0,
        )
        return head + self.name + self.data

    def central(self, offset: int) -> bytes:
        head = _CENTRAL.pack(
            b"PK\x01\x02",
            _VERSION,
            self.system,
            _VERSION,
            0,
            self.flags,
            self.method,
            self.time,
            self.date,
            self.crc,
            len(self.data),
            self.size,
            len(self.name),
            0,
            0,
            0,
            0,
            self.attributes,
            offset,
        )
        return head + self.name


def part(info: ZipInfo, data: bytes) -> Part:
    """`data` as the part `info` names, deflated unless the template stored it as it is."""
    if len(data) > _LIMIT:
        raise ValueError(f"{info.filename} is too large for a letter ({len(data)} bytes)")
    if info.compress_type == ZIP_STORED:
        method, stored = ZIP_STORED, data
    else:
        method = ZIP_DEFLATED
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        stored = packer.compress(data) + packer.flush()
    try:
        name, flags = info.filename.encode("ascii"), 0
    except UnicodeEncodeError:
        name, flags = info.filename.encode("utf-8"), _UTF8
    year, month, day, hour, minute, second = info.date_time
    return Part(
        name=name,
        flags=flags,
        method=method,
        time=hour << 11 | minute << 5 | second // 2,
        date=max(year - 1980, 0) << 9 | month << 5 | day,
        crc=zlib.crc32(data),
        size=len(data),
        data=stored,
        system=info.create_system,
        attributes=info.external_attr,
    )


class DocxWriter:
    """Archives of one template's parts, in its order: the fixed ones compressed once.

    `parts` pairs each part's `ZipInfo` with its bytes, or with None for a part made anew
    for each document (`write` is then given it by name).
    """

    def __init__(self, parts: Sequence[tuple[ZipInfo, bytes | None]]):
        self._order: list[tuple[ZipInfo, Part | None, bytes]] = []
        for info, data in parts:
            if data is None:
                self._order.append((info, None, b""))
            else:
                fixed = part(info, data)
                self._order.append((info, fixed, fixed.local()))

    def write(self, made: Mapping[str, bytes]) -> bytes:
        """The whole archive, with `made` (by part name) for the parts made per document."""
        chunks: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for info, fixed, blob in self._order:
            entry = fixed
            if entry is None:
                entry = part(info, made[info.filename])
                blob = entry.local()
            central.append(entry.central(offset))
            chunks.append(blob)
            offset += len(blob)
        if offset > _LIMIT:
            raise ValueError("the document is too large to write (over 4 GB)")
        directory = b"".join(central)
        count = len(central)
        chunks.append(directory)
        chunks.append(_END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0))
        return b"".join(chunks)
