"""Zip archives that are byte-identical for the same files, and compress each file only once.

`zipfile` stamps members with the clock unless told otherwise, and compresses a file again
for every archive it goes into. A county's downloads are about 185 MB of CSV that go into
both their partner's archive and the archive of all data, so each file is deflated once
(`Member`) and the archives are assembled from the same compressed bytes, with a fixed
timestamp (the built commit's) and members in the order given. The layout is the plain
PKZIP format that every unzip tool and `zipfile` read: no ZIP64, so an archive stays
under 4 GiB and 65,535 members, which `zip_bytes` checks.
"""

from __future__ import annotations

import hashlib
import struct
import time
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

# version 2.0 (deflate); "made by" Unix, so the permission bits below are read
_VERSION_NEEDED = 20
_MADE_BY = (3 << 8) | _VERSION_NEEDED
_DEFLATED = 8
_UTF8_NAME = 0x800
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--
_LIMIT = 0xFFFFFFFF
_MAX_MEMBERS = 0xFFFF
DOS_EPOCH = 315532800  # 1980-01-01T00:00:00Z, the earliest time a zip can record
LEVEL = 6


@dataclass(frozen=True, slots=True)
class Member:
    """One file, deflated: its name in the archive, CRC-32, size, SHA-256 and compressed bytes.

    The SHA-256 is for the data packages that describe the file, so nothing hashes it twice.
    """

    name: str
    crc: int
    size: int
    sha256: str
    data: bytes


def deflate(name: str, content: bytes) -> Member:
    """Compress one file once, for as many archives as carry it."""
    if name.startswith("/") or ".." in name.split("/") or "\\" in name:
        raise ValueError(f"{name!r} is not a relative member name")
    packer = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    digest = hashlib.sha256(content).hexdigest()
    return Member(name, zlib.crc32(content), len(content), digest, data)


def dos_time(timestamp: int | None) -> tuple[int, int]:
    """A POSIX time as the zip format's (time, date) fields, in UTC; 1980 for none or earlier."""
    moment = time.gmtime(max(timestamp or DOS_EPOCH, DOS_EPOCH))
    stamp = (moment.tm_hour << 11) | (moment.tm_min << 5) | (moment.tm_sec // 2)
    date = ((moment.tm_year - 1980) << 9) | (moment.tm_mon << 5) | moment.tm_mday
    return stamp, date


def zip_bytes(members: Sequence[Member], timestamp: int | None) -> bytes:
    """An archive of `members` in the given order, every one dated `timestamp`."""
    if len(members) > _MAX_MEMBERS:
        raise ValueError(f"{len(members)} files are more than one zip archive can list")
    stamp, date = dos_time(timestamp)
    body: list[bytes] = []
    directory: list[bytes] = []
    offset = 0
    for member in members:
        if max(offset, member.size, len(member.data)) > _LIMIT:
            raise ValueError("the files are too large for one zip archive (over 4 GiB)")
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        common = struct.pack(
            "<HHHHIII",
            flags,
            _DEFLATED,
            stamp,
            date,
            member.crc,
            len(member.data),
            member.size,
        )
        local = struct.pack("<IH", 0x04034B50, _VERSION_NEEDED) + common
        local += struct.pack("<HH", len(name), 0) + name
        directory.append(
            struct.pack("<IHH", 0x02014B50, _MADE_BY, _VERSION_NEEDED)
            + common
            + struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, _FILE_MODE, offset)
            + name
        )
        body += [local, member.data]
        offset += len(local) + len(member.data)
    listing = b"".join(directory)
    if offset + len(listing) > _LIMIT:
        raise ValueError("the files are too large for one zip archive (over 4 GiB)")
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(listing), offset, 0
    )
    return b"".join(body) + listing + end
