"""Raw Snappy decompression for Parquet pages: the system's libsnappy through ctypes when it loads, else pure Python.

Debian offers no python3-snappy next to torch, and Parquet's default codec is SNAPPY, so the fallback Parquet reader
(parquet.py) needs its own decoder. Format: https://github.com/google/snappy/blob/main/format_description.txt
(the raw format, not the framing format). Every length and offset is checked before it is used, so a corrupt page
raises ValueError instead of reading out of bounds or growing without limit.

Debian's libtorch depends on libsnappy1v5, so wherever python3-torch is installed libsnappy.so.1 is too; its C API
(snappy-c.h) decodes about twenty times faster than the Python loop, and validates its input as strictly. The pure
Python decoder stays for machines without it, and the tests hold the two to the same output.
"""

from __future__ import annotations

import ctypes
import ctypes.util

# A copy element of 3 bytes writes at most 64 bytes, the best ratio the format allows; a preamble that claims more than
# this many output bytes per input byte is corrupt, and is refused before anything is allocated.
MAX_RATIO = 22


def _load_native() -> ctypes.CDLL | None:
    names = ['libsnappy.so.1', 'libsnappy.dylib', ctypes.util.find_library('snappy')]
    for name in names:
        if not name:
            continue
        try:
            lib = ctypes.CDLL(name)
            lib.snappy_uncompress.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t)]
            lib.snappy_uncompress.restype = ctypes.c_int
            lib.snappy_compress.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_size_t)]
            lib.snappy_compress.restype = ctypes.c_int
            lib.snappy_max_compressed_length.argtypes = [ctypes.c_size_t]
            lib.snappy_max_compressed_length.restype = ctypes.c_size_t
            return lib
        except (OSError, AttributeError):
            continue
    return None


# None where no libsnappy loads; tests set it to None to run the pure-Python path end to end.
native: ctypes.CDLL | None = _load_native()


def _uvarint(src: bytes, pos: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= len(src):
            raise ValueError('snappy: truncated length preamble')
        b = src[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 35:  # the preamble is a uint32
            raise ValueError('snappy: length preamble longer than 5 bytes')


def uncompressed_length(src: bytes) -> int:
    """The output length a raw Snappy block declares in its preamble."""
    return _uvarint(src, 0)[0]


def _checked_length(src: bytes, expected: int | None) -> tuple[int, int]:
    total, pos = _uvarint(src, 0)
    if expected is not None and total != expected:
        raise ValueError(f'snappy: block declares {total} bytes, page header says {expected}')
    if total > MAX_RATIO * len(src) + 64:
        raise ValueError(f'snappy: block declares {total} bytes from only {len(src)} compressed bytes')
    return total, pos


def decompress(src: bytes | bytearray | memoryview, expected: int | None = None) -> bytes:
    """Decompress one raw Snappy block. `expected`, when given, must equal the length the block declares (Parquet
    page headers state it independently, so a mismatch means corruption)."""
    src = bytes(src)
    lib = native
    if lib is None:
        return decompress_python(src, expected)
    total, _ = _checked_length(src, expected)  # bounds the buffer before anything is allocated
    out = ctypes.create_string_buffer(max(total, 1))
    size = ctypes.c_size_t(total)
    if lib.snappy_uncompress(src, len(src), out, ctypes.byref(size)) != 0 or size.value != total:
        raise ValueError('snappy: corrupt block (libsnappy refused it)')
    return out.raw[:total]


def compress(data: bytes) -> bytes:
    """Raw Snappy compression through libsnappy (for the tests that check the Python decoder against it)."""
    if native is None:
        raise RuntimeError('libsnappy is not loadable here')
    out = ctypes.create_string_buffer(native.snappy_max_compressed_length(len(data)))
    size = ctypes.c_size_t(len(out))
    if native.snappy_compress(data, len(data), out, ctypes.byref(size)) != 0:
        raise RuntimeError('libsnappy failed to compress')
    return out.raw[: size.value]


def decompress_python(src: bytes | bytearray | memoryview, expected: int | None = None) -> bytes:
    """decompress() in pure Python."""
    src = bytes(src)
    n = len(src)
    total, pos = _checked_length(src, expected)
    # Written for CPython speed (this loop is most of the time a Snappy Parquet file takes to read): `have` tracks the
    # output length instead of calling len(); appending measured faster than filling a preallocated buffer.
    out = bytearray()
    have = 0
    while pos < n:
        tag = src[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # literal: length-1 in the tag, or in the 1-4 bytes after it
            length = (tag >> 2) + 1
            if length > 60:
                extra = length - 60
                if pos + extra > n:
                    raise ValueError('snappy: truncated literal length')
                length = int.from_bytes(src[pos : pos + extra], 'little') + 1
                pos += extra
            end = pos + length
            if end > n:
                raise ValueError('snappy: literal runs past the end of the input')
            if have + length > total:
                raise ValueError('snappy: output longer than declared')
            out += src[pos:end]
            have += length
            pos = end
            continue
        if kind == 1:  # copy with a 1-byte offset: 3 length bits (4..11), 11 offset bits
            if pos >= n:
                raise ValueError('snappy: truncated copy')
            length = ((tag >> 2) & 7) + 4
            offset = ((tag >> 5) << 8) | src[pos]
            pos += 1
        elif kind == 2:  # copy with a 2-byte offset
            if pos + 2 > n:
                raise ValueError('snappy: truncated copy')
            length = (tag >> 2) + 1
            offset = src[pos] | (src[pos + 1] << 8)
            pos += 2
        else:  # copy with a 4-byte offset
            if pos + 4 > n:
                raise ValueError('snappy: truncated copy')
            length = (tag >> 2) + 1
            offset = int.from_bytes(src[pos : pos + 4], 'little')
            pos += 4
        if offset == 0 or offset > have:
            raise ValueError(f'snappy: copy offset {offset} with only {have} bytes written')
        if have + length > total:
            raise ValueError('snappy: output longer than declared')
        start = have - offset
        if offset >= length:
            out += out[start : start + length]
        else:
            # The copy overlaps what it writes: the last `offset` bytes repeat until `length` bytes are out.
            out += (out[start:have] * (length // offset + 1))[:length]
        have += length
    if have != total:
        raise ValueError(f'snappy: block ends after {have} of {total} declared bytes')
    return bytes(out)
