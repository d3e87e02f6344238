"""Read flat Parquet files into numpy arrays, with pyarrow when it is importable and a small built-in reader when not.

Why a built-in reader: Debian's apt (what CI and a plain workstation get) offers no pyarrow or fastparquet, and the
training package must still read the event logs a warehouse exports. The fallback reads what such exports hold: a flat
schema of BOOLEAN, INT32, INT64, INT96, FLOAT, DOUBLE and BYTE_ARRAY columns, REQUIRED or OPTIONAL; PLAIN, dictionary,
RLE, DELTA_* and BYTE_STREAM_SPLIT encodings; data pages V1 and V2; UNCOMPRESSED, SNAPPY, GZIP and (when the
`zstandard` module is importable) ZSTD. Anything else is refused with a message that names the file and the column.

What a column becomes (both engines):
  numbers           numpy array; the integer width follows INT_8..INT_64 / UINT_* annotations
  TIMESTAMP         int64 counts of the unit schema() reports ('ms', 'us' or 'ns'; INT96 becomes 'ns')
  DATE              int32 days since 1970-01-01
  STRING / UTF8     list[str | None]; un-annotated BYTE_ARRAY gives list[bytes | None]
  nulls             NaN in float columns; an integer column with nulls becomes float64 when every value is exact in
                    float64 (|v| <= 2**53) and an object array with None otherwise; booleans with nulls: object array

Corrupt or truncated files raise ParquetError (a ValueError) naming the file: every length is checked against the bytes
it points into before anything is allocated, and every loop advances through a bounded buffer, so nothing hangs.
"""

from __future__ import annotations

import os
import struct
import zlib
from typing import Any, Iterator, Sequence

import numpy as np

from . import snappy as _snappy

Column = Any  # np.ndarray or list[str | bytes | None]

# parquet.thrift enums, by their numbers on the wire.
_TYPES = ['BOOLEAN', 'INT32', 'INT64', 'INT96', 'FLOAT', 'DOUBLE', 'BYTE_ARRAY', 'FIXED_LEN_BYTE_ARRAY']
_CONVERTED = [
    'UTF8', 'MAP', 'MAP_KEY_VALUE', 'LIST', 'ENUM', 'DECIMAL', 'DATE', 'TIME_MILLIS', 'TIME_MICROS', 'TIMESTAMP_MILLIS',
    'TIMESTAMP_MICROS', 'UINT_8', 'UINT_16', 'UINT_32', 'UINT_64', 'INT_8', 'INT_16', 'INT_32', 'INT_64', 'JSON', 'BSON',
    'INTERVAL',
]  # fmt: skip
_ENCODINGS = {
    0: 'PLAIN', 2: 'PLAIN_DICTIONARY', 3: 'RLE', 4: 'BIT_PACKED', 5: 'DELTA_BINARY_PACKED', 6: 'DELTA_LENGTH_BYTE_ARRAY',
    7: 'DELTA_BYTE_ARRAY', 8: 'RLE_DICTIONARY', 9: 'BYTE_STREAM_SPLIT',
}  # fmt: skip
_CODECS = ['UNCOMPRESSED', 'SNAPPY', 'GZIP', 'LZO', 'BROTLI', 'LZ4', 'ZSTD', 'LZ4_RAW']
_REQUIRED, _OPTIONAL, _REPEATED = 0, 1, 2
_REFUSED_LOGICAL = ('DECIMAL', 'INTERVAL', 'BSON', 'UUID', 'FLOAT16', 'MAP', 'MAP_KEY_VALUE', 'LIST')
_DATA_PAGE, _INDEX_PAGE, _DICTIONARY_PAGE, _DATA_PAGE_V2 = 0, 1, 2, 3
_JULIAN_UNIX_EPOCH = 2440588  # Julian day number of 1970-01-01, for INT96 timestamps
_EXACT_IN_FLOAT = 2**53

# A row group that claims more rows than this is refused rather than allocated (2**31 rows of int64 is 16 GiB per
# column; real exports use row groups of about a million rows).
MAX_ROWS_PER_ROW_GROUP = 2**31
# Run-length encoding lets a few bytes stand for many rows, so a row count cannot be checked against bytes exactly:
# hyparquet-writer puts a million-row all-null column in 32 bytes (31,250 rows per byte). A chunk may claim up to
# FREE_ROWS_PER_CHUNK rows whatever its size, and more only at MAX_ROWS_PER_CHUNK_BYTE rows per byte or fewer, so a
# corrupt count in a small file is refused before it can ask for gigabytes.
FREE_ROWS_PER_CHUNK = 2**24
MAX_ROWS_PER_CHUNK_BYTE = 2**16


class ParquetError(ValueError):
    """A file this reader cannot read: corrupt, truncated, or using a feature outside the flat subset."""


class _Corrupt(Exception):
    """Raised deep inside decoding; re-raised as ParquetError with the file (and column) named."""


# ---------------------------------------------------------------------------------------------------------------------
# Thrift compact protocol: parsed generically into {field id: value}, so unknown and new fields are skipped for free.


class _Thrift:
    def __init__(self, buf: bytes, pos: int, end: int):
        self.buf = buf
        self.pos = pos
        self.end = end

    def byte(self) -> int:
        if self.pos >= self.end:
            raise _Corrupt('metadata ends in the middle of a value')
        b = self.buf[self.pos]
        self.pos += 1
        return b

    def uvarint(self) -> int:
        result = 0
        shift = 0
        while True:
            b = self.byte()
            result |= (b & 0x7F) << shift
            if not b & 0x80:
                return result
            shift += 7
            if shift > 63:
                raise _Corrupt('varint longer than 10 bytes')

    def zigzag(self) -> int:
        n = self.uvarint()
        return (n >> 1) ^ -(n & 1)

    def take(self, n: int) -> bytes:
        if n < 0 or self.pos + n > self.end:
            raise _Corrupt(f'metadata field of {n} bytes runs past its end')
        out = self.buf[self.pos : self.pos + n]
        self.pos += n
        return out

    def value(self, ctype: int, depth: int) -> Any:
        if ctype in (1, 2):  # a bool inside a list is a whole byte
            return self.byte() == 1
        if ctype == 3:
            b = self.byte()
            return b - 256 if b > 127 else b
        if ctype in (4, 5, 6):
            return self.zigzag()
        if ctype == 7:
            return struct.unpack('<d', self.take(8))[0]
        if ctype == 8:
            return self.take(self.uvarint())
        if ctype in (9, 10):
            head = self.byte()
            size = head >> 4
            if size == 15:
                size = self.uvarint()
            if size > self.end - self.pos:  # every element takes at least one byte
                raise _Corrupt(f'list of {size} elements in {self.end - self.pos} bytes')
            return [self.value(head & 0x0F, depth + 1) for _ in range(size)]
        if ctype == 11:
            size = self.uvarint()
            if size == 0:
                return {}
            if 2 * size > self.end - self.pos:
                raise _Corrupt(f'map of {size} entries in {self.end - self.pos} bytes')
            kinds = self.byte()
            return {self._key(self.value(kinds >> 4, depth + 1)): self.value(kinds & 0x0F, depth + 1) for _ in range(size)}
        if ctype == 12:
            return self.struct(depth + 1)
        raise _Corrupt(f'unknown thrift type {ctype}')

    @staticmethod
    def _key(k: Any) -> Any:
        return k if not isinstance(k, (list, dict)) else repr(k)

    def struct(self, depth: int = 0) -> dict[int, Any]:
        if depth > 32:
            raise _Corrupt('metadata nested deeper than 32 levels')
        out: dict[int, Any] = {}
        last = 0
        while True:
            head = self.byte()
            if head == 0:
                return out
            delta = head >> 4
            ctype = head & 0x0F
            fid = last + delta if delta else self.zigzag()
            out[fid] = True if ctype == 1 else False if ctype == 2 else self.value(ctype, depth)
            last = fid


# ---------------------------------------------------------------------------------------------------------------------
# Schema: the flat leaf columns with what each becomes.


class _Leaf:
    def __init__(self, el: dict[int, Any]):
        self.name = _text(el.get(4, b''))
        self.physical = _enum(_TYPES, el.get(1), 'physical type', self.name)
        self.nullable = _int(el, 3, _REQUIRED) == _OPTIONAL
        converted = el.get(6)
        self.converted = _CONVERTED[converted] if isinstance(converted, int) and 0 <= converted < len(_CONVERTED) else None
        self.logical, self.unit, self.int_dtype = self._annotation(_sub(el, 10))
        # Columns outside the flat subset are refused when read, not when listed, so the other columns stay readable.
        self.refusal: str | None = None
        if self.physical == 'FIXED_LEN_BYTE_ARRAY' or self.logical in _REFUSED_LOGICAL:
            kind = self.logical or self.converted or 'raw bytes'
            self.refusal = (
                f'column {self.name!r} is {self.physical} ({kind}), which the built-in reader does not read; '
                'cast it to DOUBLE, BIGINT or STRING when exporting'
            )

    def _annotation(self, logical: dict[int, Any]) -> tuple[str | None, str | None, str | None]:
        """(logical name, time unit, numpy integer dtype) from the LogicalType union, else the ConvertedType."""
        units = {1: 'ms', 2: 'us', 3: 'ns'}
        if 1 in logical:
            return 'STRING', None, None
        if 4 in logical:
            return 'ENUM', None, None
        if 5 in logical:
            return 'DECIMAL', None, None
        if 6 in logical:
            return 'DATE', 'days', None
        if 7 in logical or 8 in logical:
            unit_union = _sub(_sub(logical, 8 if 8 in logical else 7), 2)
            unit = next((units[k] for k in unit_union if k in units), None)
            return ('TIMESTAMP' if 8 in logical else 'TIME'), unit, None
        if 10 in logical:
            bits = _int(_sub(logical, 10), 1, 64)
            signed = _sub(logical, 10).get(2, True) is not False
            if bits not in (8, 16, 32, 64):
                return 'INTEGER', None, None
            return 'INTEGER', None, f'{"int" if signed else "uint"}{bits}'
        for key, name in ((12, 'JSON'), (13, 'BSON'), (14, 'UUID'), (15, 'FLOAT16')):
            if key in logical:
                return name, None, None
        c = self.converted
        if c is None:
            return ('TIMESTAMP', 'ns', None) if self.physical == 'INT96' else (None, None, None)
        if c in ('UTF8',):
            return 'STRING', None, None
        if c == 'DATE':
            return 'DATE', 'days', None
        if c.startswith('TIMESTAMP_'):
            return 'TIMESTAMP', 'ms' if c.endswith('MILLIS') else 'us', None
        if c.startswith('TIME_'):
            return 'TIME', 'ms' if c.endswith('MILLIS') else 'us', None
        if c.startswith('INT_') or c.startswith('UINT_'):
            return 'INTEGER', None, c.lower().replace('_', '')
        return c, None, None

    def info(self) -> dict[str, Any]:
        return {
            'name': self.name,
            'physical': self.physical,
            'logical': self.logical,
            'unit': self.unit,
            'nullable': self.nullable,
        }


def _int(d: dict[int, Any], fid: int, default: int | None = None) -> int:
    """An integer field of a parsed struct; a missing or mistyped one is corruption, not a TypeError later."""
    v = d.get(fid, default)
    if not isinstance(v, int) or isinstance(v, bool):
        raise _Corrupt(f'metadata field {fid} is {type(v).__name__}, not an integer')
    return v


def _sub(d: dict[int, Any], fid: int) -> dict[int, Any]:
    v = d.get(fid, {})
    if not isinstance(v, dict):
        raise _Corrupt(f'metadata field {fid} is {type(v).__name__}, not a struct')
    return v


def _items(d: dict[int, Any], fid: int, kind: type) -> list[Any]:
    v = d.get(fid, [])
    if not isinstance(v, list) or not all(isinstance(x, kind) for x in v):
        raise _Corrupt(f'metadata field {fid} is not a list of {kind.__name__}')
    return v


def _text(b: Any) -> str:
    return b.decode('utf-8', 'replace') if isinstance(b, bytes) else str(b)


def _enum(names: Sequence[str], v: Any, what: str, col: str) -> str:
    if not isinstance(v, int) or not 0 <= v < len(names):
        raise _Corrupt(f'column {col!r} has unknown {what} {v!r}')
    return names[v]


class _Footer:
    def __init__(self, path: str):
        self.path = path
        self.size = os.path.getsize(path)
        with open(path, 'rb') as f:
            if self.size < 12:
                raise ParquetError(f'{path}: {self.size} bytes is too short for a Parquet file')
            head = f.read(4)
            f.seek(self.size - 8)
            tail = f.read(8)
            if head != b'PAR1' or tail[4:] != b'PAR1':
                raise ParquetError(f'{path}: not a Parquet file (no PAR1 magic at both ends; truncated?)')
            meta_len = struct.unpack('<I', tail[:4])[0]
            if meta_len > self.size - 12:
                raise ParquetError(f'{path}: footer claims {meta_len} bytes in a {self.size}-byte file (truncated?)')
            self.meta_start = self.size - 8 - meta_len
            f.seek(self.meta_start)
            buf = f.read(meta_len)
        try:
            meta = _Thrift(buf, 0, len(buf)).struct()
            self.num_rows = _int(meta, 3, 0)
            self.row_groups: list[dict[int, Any]] = _items(meta, 4, dict)
            self.created_by = _text(meta.get(6, b''))
            self.leaves = self._flat_schema(_items(meta, 2, dict))
        except ParquetError:
            raise
        except (_Corrupt, ValueError, TypeError, IndexError, KeyError, ArithmeticError) as e:
            raise ParquetError(f'{path}: corrupt footer: {e}') from None

    def _flat_schema(self, elements: list[dict[int, Any]]) -> list[_Leaf]:
        if not elements:
            raise _Corrupt('empty schema')
        n = _int(elements[0], 5, 0)
        if len(elements) != n + 1:
            nested = next((_text(e.get(4, b'')) for e in elements[1:] if e.get(5)), None)
            if nested is not None:
                raise ParquetError(
                    f'{self.path}: column {nested!r} is nested (a group); the built-in reader reads flat schemas only. '
                    'Flatten it when exporting (one column per field)'
                )
            raise _Corrupt(f'schema root has {n} children but {len(elements) - 1} elements follow')
        leaves = []
        for el in elements[1:]:
            name = _text(el.get(4, b''))
            if el.get(5) or el.get(3) == _REPEATED or 1 not in el:
                raise ParquetError(
                    f'{self.path}: column {name!r} is nested or repeated; the built-in reader reads flat schemas only. '
                    'Flatten it when exporting (one column per field)'
                )
            leaves.append(_Leaf(el))
        return leaves


# ---------------------------------------------------------------------------------------------------------------------
# Decoding primitives (all vectorised with numpy where the data is large).


def _uvarint(buf: bytes, pos: int, end: int) -> tuple[int, int]:
    result = 0
    shift = 0
    while True:
        if pos >= end:
            raise _Corrupt('page ends in the middle of a varint')
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if not b & 0x80:
            return result, pos
        shift += 7
        if shift > 63:
            raise _Corrupt('varint longer than 10 bytes')


def _unpack_bits(data: bytes | memoryview, width: int, count: int) -> np.ndarray:
    """`count` little-endian bit-packed unsigned integers of `width` bits (Parquet's bit order), as uint64."""
    if width == 0:
        return np.zeros(count, dtype=np.uint64)
    raw = np.frombuffer(data, dtype=np.uint8)
    if width in (8, 16, 32, 64):
        return raw[: count * width // 8].view(f'<u{width // 8}').astype(np.uint64)
    bits = np.unpackbits(raw, bitorder='little')[: count * width].reshape(count, width)
    lane = 8 if width < 8 else 16 if width < 16 else 32 if width < 32 else 64
    padded = np.zeros((count, lane), dtype=np.uint8)
    padded[:, :width] = bits
    return np.packbits(padded, axis=1, bitorder='little').reshape(-1).view(f'<u{lane // 8}').astype(np.uint64)


def _rle_hybrid(buf: bytes, pos: int, end: int, width: int, count: int) -> np.ndarray:
    """Parquet's RLE / bit-packed hybrid: `count` values of `width` bits from buf[pos:end].

    Headers are walked in Python, but all bit-packed runs are unpacked in one numpy call at the end: levels of a column
    with scattered nulls alternate short runs by the thousand, and one unpack per run cost more than the rest."""
    if width > 32:
        raise _Corrupt(f'RLE bit width {width} over 32')
    run_bytes = (width + 7) // 8
    runs: list[tuple[int, int, int]] = []  # (first row, rows, value) of each RLE run
    packed_at: list[tuple[int, int, int]] = []  # (first row, rows, first value in `packed`) of each bit-packed run
    packed = bytearray()
    filled = 0
    while filled < count:
        header, pos = _uvarint(buf, pos, end)
        if header & 1:
            groups = header >> 1
            take = min(groups * 8, count - filled)
            if pos + (take * width + 7) // 8 > end:
                raise _Corrupt('bit-packed run runs past the end of its page')
            # Only the groups this page needs (a corrupt header can claim any number); some writers drop the unused
            # tail of the last group, so that is padded with zeros.
            if width:  # at width 0 every value is 0, which `out` already holds
                use = -(-take // 8) * width
                packed_at.append((filled, take, len(packed) * 8 // width))
                chunk = buf[pos : pos + use]
                packed += chunk
                if len(chunk) < use:
                    packed += bytes(use - len(chunk))
                pos += min(groups * width, end - pos)
        else:
            run = header >> 1
            if pos + run_bytes > end:
                raise _Corrupt('RLE run runs past the end of its page')
            take = min(run, count - filled)
            runs.append((filled, take, int.from_bytes(buf[pos : pos + run_bytes], 'little')))
            pos += run_bytes
        filled += take
    if not packed_at and len(runs) == 1:
        return np.full(count, runs[0][2], dtype=np.uint64)
    out = np.zeros(count, dtype=np.uint64)
    for start, take, value in runs:
        if value:
            out[start : start + take] = value
    if packed_at:
        values = _unpack_bits(bytes(packed), width, len(packed) * 8 // width)
        for start, take, at in packed_at:
            out[start : start + take] = values[at : at + take]
    return out


def _delta_binary_packed(buf: bytes, pos: int, end: int, limit: int) -> tuple[np.ndarray, int]:
    """DELTA_BINARY_PACKED integers as int64 (wrapping like the writer's two's complement), and where they end."""
    block, pos = _uvarint(buf, pos, end)
    minis, pos = _uvarint(buf, pos, end)
    total, pos = _uvarint(buf, pos, end)
    first, pos = _uvarint(buf, pos, end)
    first = (first >> 1) ^ -(first & 1)
    if block == 0 or block % 128 or minis == 0 or block % minis or (block // minis) % 32:
        raise _Corrupt(f'DELTA_BINARY_PACKED header with block size {block} and {minis} miniblocks')
    if total > limit:
        raise _Corrupt(f'DELTA_BINARY_PACKED claims {total} values where the page holds {limit}')
    if total == 0:
        return np.zeros(0, dtype=np.int64), pos
    per_mini = block // minis
    deltas = np.zeros(total, dtype=np.uint64)
    deltas[0] = first & 0xFFFFFFFFFFFFFFFF
    filled = 1
    mask = 0xFFFFFFFFFFFFFFFF
    while filled < total:
        min_delta, pos = _uvarint(buf, pos, end)
        min_delta = ((min_delta >> 1) ^ -(min_delta & 1)) & mask
        if pos + minis > end:
            raise _Corrupt('DELTA_BINARY_PACKED block runs past the end of its page')
        widths = buf[pos : pos + minis]
        pos += minis
        for w in widths:
            if filled >= total:
                break  # the last block's unused miniblocks are absent, whatever their widths say
            if w > 64:
                raise _Corrupt(f'DELTA_BINARY_PACKED miniblock width {w}')
            nbytes = per_mini * w // 8
            if pos + nbytes > end:
                raise _Corrupt('DELTA_BINARY_PACKED miniblock runs past the end of its page')
            take = min(per_mini, total - filled)
            with np.errstate(over='ignore'):
                deltas[filled : filled + take] = _unpack_bits(buf[pos : pos + nbytes], w, per_mini)[:take] + np.uint64(min_delta)
            pos += nbytes
            filled += take
    with np.errstate(over='ignore'):
        return np.cumsum(deltas, dtype=np.uint64).view(np.int64), pos


def _plain_byte_arrays(buf: bytes, pos: int, end: int, count: int) -> list[bytes]:
    out = []
    unpack = struct.Struct('<I').unpack_from
    for _ in range(count):
        if pos + 4 > end:
            raise _Corrupt('byte array length runs past the end of its page')
        (n,) = unpack(buf, pos)
        pos += 4
        if pos + n > end:
            raise _Corrupt(f'byte array of {n} bytes runs past the end of its page')
        out.append(buf[pos : pos + n])
        pos += n
    return out


def _delta_length_byte_arrays(buf: bytes, pos: int, end: int, count: int) -> tuple[list[bytes], int]:
    lengths, pos = _delta_binary_packed(buf, pos, end, count)
    if len(lengths) != count or (count and int(lengths.min()) < 0):
        raise _Corrupt('DELTA_LENGTH_BYTE_ARRAY lengths do not match the page')
    starts = np.concatenate([[0], np.cumsum(lengths)]) + pos
    if count and int(starts[-1]) > end:
        raise _Corrupt('DELTA_LENGTH_BYTE_ARRAY data runs past the end of its page')
    s = starts.tolist()
    return [buf[s[i] : s[i + 1]] for i in range(count)], int(s[-1])


def _delta_byte_arrays(buf: bytes, pos: int, end: int, count: int) -> list[bytes]:
    prefixes, pos = _delta_binary_packed(buf, pos, end, count)
    suffixes, _ = _delta_length_byte_arrays(buf, pos, end, count)
    if len(prefixes) != count:
        raise _Corrupt('DELTA_BYTE_ARRAY prefix lengths do not match the page')
    out = []
    prev = b''
    for p, s in zip(prefixes.tolist(), suffixes):
        if p < 0 or p > len(prev):
            raise _Corrupt(f'DELTA_BYTE_ARRAY prefix of {p} bytes after a value of {len(prev)}')
        prev = prev[:p] + s
        out.append(prev)
    return out


_WIDTH = {'INT32': 4, 'INT64': 8, 'FLOAT': 4, 'DOUBLE': 8, 'INT96': 12}
_DTYPE = {'INT32': '<i4', 'INT64': '<i8', 'FLOAT': '<f4', 'DOUBLE': '<f8'}


def _plain(physical: str, buf: bytes, pos: int, end: int, count: int) -> Any:
    if physical == 'BOOLEAN':
        if pos + (count + 7) // 8 > end:
            raise _Corrupt('boolean values run past the end of their page')
        bits = np.unpackbits(np.frombuffer(buf, dtype=np.uint8, count=(count + 7) // 8, offset=pos), bitorder='little')
        return bits[:count].astype(bool)
    if physical == 'BYTE_ARRAY':
        return _plain_byte_arrays(buf, pos, end, count)
    width = _WIDTH[physical]
    if pos + count * width > end:
        raise _Corrupt(f'{count} {physical} values need {count * width} bytes; the page has {end - pos}')
    if physical == 'INT96':
        rec = np.frombuffer(buf, dtype=np.dtype([('ns', '<i8'), ('day', '<i4')]), count=count, offset=pos)
        return (rec['day'].astype(np.int64) - _JULIAN_UNIX_EPOCH) * 86_400_000_000_000 + rec['ns']
    return np.frombuffer(buf, dtype=_DTYPE[physical], count=count, offset=pos)


def _texts(leaf: _Leaf, values: list[bytes]) -> list[Any]:
    """STRING-like byte arrays as str (decoded once per dictionary entry, not per row); others as bytes."""
    if leaf.logical in ('STRING', 'JSON', 'ENUM'):
        return [bytes(v).decode('utf-8') for v in values]
    return [bytes(v) for v in values]


def _decode_values(leaf: _Leaf, encoding: str, buf: bytes, pos: int, end: int, count: int, dictionary: Any) -> Any:
    values = _decode_raw(leaf, encoding, buf, pos, end, count, dictionary)
    return _texts(leaf, values) if isinstance(values, list) else values


def _decode_raw(leaf: _Leaf, encoding: str, buf: bytes, pos: int, end: int, count: int, dictionary: Any) -> Any:
    if count == 0:  # an all-null page: writers may label it dictionary-encoded with no dictionary in the chunk
        if leaf.physical == 'BYTE_ARRAY':
            return []
        return np.zeros(0, dtype=_DTYPE.get(leaf.physical, '<i8' if leaf.physical == 'INT96' else bool))
    if encoding == 'PLAIN':
        return _plain(leaf.physical, buf, pos, end, count)
    if encoding in ('PLAIN_DICTIONARY', 'RLE_DICTIONARY'):
        if dictionary is None:
            raise _Corrupt('dictionary-encoded page without a dictionary page')
        if pos >= end:
            raise _Corrupt('dictionary page ends before its bit width')
        idx = _rle_hybrid(buf, pos + 1, end, buf[pos], count)
        if int(idx.max()) >= len(dictionary):
            raise _Corrupt(f'dictionary index {int(idx.max())} with {len(dictionary)} entries')
        return dictionary[idx.astype(np.intp)]
    if encoding == 'RLE' and leaf.physical == 'BOOLEAN':
        if pos + 4 > end:
            raise _Corrupt('boolean RLE length runs past the end of its page')
        n = struct.unpack_from('<I', buf, pos)[0]
        if pos + 4 + n > end:
            raise _Corrupt('boolean RLE data runs past the end of its page')
        return _rle_hybrid(buf, pos + 4, pos + 4 + n, 1, count).astype(bool)
    if encoding == 'DELTA_BINARY_PACKED' and leaf.physical in ('INT32', 'INT64'):
        values, _ = _delta_binary_packed(buf, pos, end, count)
        if len(values) != count:
            raise _Corrupt(f'DELTA_BINARY_PACKED holds {len(values)} values; the page says {count}')
        return values.astype(np.uint64).astype(np.uint32).view(np.int32) if leaf.physical == 'INT32' else values
    if encoding == 'DELTA_LENGTH_BYTE_ARRAY' and leaf.physical == 'BYTE_ARRAY':
        return _delta_length_byte_arrays(buf, pos, end, count)[0]
    if encoding == 'DELTA_BYTE_ARRAY' and leaf.physical == 'BYTE_ARRAY':
        return _delta_byte_arrays(buf, pos, end, count)
    if encoding == 'BYTE_STREAM_SPLIT' and leaf.physical in _DTYPE:
        width = _WIDTH[leaf.physical]
        if pos + count * width > end:
            raise _Corrupt('BYTE_STREAM_SPLIT values run past the end of their page')
        streams = np.frombuffer(buf, dtype=np.uint8, count=count * width, offset=pos).reshape(width, count)
        return np.ascontiguousarray(streams.T).reshape(-1).view(_DTYPE[leaf.physical])
    raise _Corrupt(f'encoding {encoding} is not supported for {leaf.physical}')


# ---------------------------------------------------------------------------------------------------------------------
# Codecs.


def _zstd_decompress(data: bytes, size: int) -> bytes:
    try:
        from compression import zstd  # type: ignore[import-not-found]  # Python 3.14+

        return zstd.ZstdDecompressor().decompress(data, max_length=size)
    except ImportError:
        pass
    try:
        import zstandard  # type: ignore[import-not-found]
    except ImportError:
        raise _Corrupt(
            'uses ZSTD compression, which needs the `zstandard` module (pip install zstandard) or pyarrow; '
            'or rewrite the file with SNAPPY or GZIP, e.g. duckdb: '
            "COPY (SELECT * FROM 'in.parquet') TO 'out.parquet' (COMPRESSION snappy)"
        ) from None
    return zstandard.ZstdDecompressor().decompress(data, max_output_size=size)


def _decompress(codec: str, data: bytes, size: int) -> bytes:
    if codec == 'UNCOMPRESSED':
        return data
    if codec == 'SNAPPY':
        try:
            return _snappy.decompress(data, size)
        except ValueError as e:
            raise _Corrupt(str(e)) from None
    if codec == 'GZIP':
        d = zlib.decompressobj(47)  # 32 + 15: gzip or zlib header, detected
        try:
            out = d.decompress(data, size + 1)
        except zlib.error as e:
            raise _Corrupt(f'gzip: {e}') from None
    elif codec == 'ZSTD':
        out = _zstd_decompress(data, size)
    else:
        raise _Corrupt(
            f'uses {codec} compression, which the built-in reader does not decode; install pyarrow, or rewrite the file '
            "with SNAPPY or GZIP, e.g. duckdb: COPY (SELECT * FROM 'in.parquet') TO 'out.parquet' (COMPRESSION snappy)"
        )
    if len(out) != size:
        raise _Corrupt(f'{codec} page decompressed to {len(out)} bytes; its header says {size}')
    return out


# ---------------------------------------------------------------------------------------------------------------------
# Column chunks.


def _read_chunk(f: Any, footer: _Footer, leaf: _Leaf, chunk: dict[int, Any], rows: int) -> Column:
    meta = chunk.get(3)
    if chunk.get(1) or not isinstance(meta, dict):
        raise _Corrupt('column chunk kept in another file (file_path), which the built-in reader does not follow')
    codec = _enum(_CODECS, meta.get(4), 'codec', leaf.name)
    num_values = _int(meta, 5, 0)
    if num_values != rows:
        raise _Corrupt(f'chunk holds {num_values} values for {rows} rows')
    size = _int(meta, 7, 0)
    data_off = _int(meta, 9, 0)
    dict_off = _int(meta, 11, 0)
    start = dict_off if 4 <= dict_off < data_off else data_off
    if start < 4 or size < 0 or start + size > footer.meta_start:
        raise _Corrupt(f'chunk at byte {start} of {size} bytes lies outside the data ({footer.meta_start} bytes)')
    if rows > max(FREE_ROWS_PER_CHUNK, MAX_ROWS_PER_CHUNK_BYTE * size):
        raise _Corrupt(f'chunk of {size} bytes claims {rows} rows, more than {MAX_ROWS_PER_CHUNK_BYTE} per byte')
    f.seek(start)
    buf = f.read(size)
    if len(buf) != size:
        raise _Corrupt('file shorter than its chunk offsets (truncated?)')

    pos = 0
    seen = 0
    dictionary = None
    defs_parts: list[np.ndarray] = []  # per page, True where the row has a value (nullable columns only)
    value_parts: list[Any] = []
    while seen < num_values:
        if pos >= size:
            raise _Corrupt(f'chunk ends after {seen} of {num_values} values')
        t = _Thrift(buf, pos, size)
        header = t.struct()
        pos = t.pos
        ptype = _int(header, 1, -1)
        usize = _int(header, 2, -1)
        csize = _int(header, 3, -1)
        if csize < 0 or usize < 0 or pos + csize > size:
            raise _Corrupt(f'page of {csize} bytes runs past the end of its chunk')
        body = buf[pos : pos + csize]
        pos += csize
        if ptype == _DICTIONARY_PAGE:
            n = _int(_sub(header, 7), 1, -1)
            page = _decompress(codec, body, usize)
            if n < 0 or n > len(page) * 8 + 8:
                raise _Corrupt(f'dictionary page claims {n} values in {len(page)} bytes')
            values = _plain(leaf.physical, page, 0, len(page), n)
            if isinstance(values, list):
                dictionary = np.empty(len(values), dtype=object)
                dictionary[:] = _texts(leaf, values)
            else:
                dictionary = values
            continue
        if ptype == _DATA_PAGE:
            h = _sub(header, 5)
            n = _int(h, 1, -1)
            encoding = _ENCODINGS.get(_int(h, 2, -1), f'number {h.get(2)}')
            if n < 0 or n > num_values - seen:
                raise _Corrupt(f'page claims {n} values with {num_values - seen} left in the chunk')
            page = _decompress(codec, body, usize)
            p = 0
            defs = None
            if leaf.nullable:
                level_enc = _ENCODINGS.get(_int(h, 3, -1), f'number {h.get(3)}')
                if level_enc != 'RLE':
                    raise _Corrupt(f'definition levels encoded as {level_enc} (only RLE is supported)')
                if len(page) < 4:
                    raise _Corrupt('page ends before its definition levels')
                n_level = struct.unpack_from('<I', page, 0)[0]
                if 4 + n_level > len(page):
                    raise _Corrupt('definition levels run past the end of their page')
                defs = _rle_hybrid(page, 4, 4 + n_level, 1, n)
                p = 4 + n_level
        elif ptype == _DATA_PAGE_V2:
            h = _sub(header, 8)
            n = _int(h, 1, -1)
            encoding = _ENCODINGS.get(_int(h, 4, -1), f'number {h.get(4)}')
            rep_len = _int(h, 6, 0)
            def_len = _int(h, 5, 0)
            if n < 0 or n > num_values - seen:
                raise _Corrupt(f'page claims {n} values with {num_values - seen} left in the chunk')
            if rep_len < 0 or def_len < 0 or rep_len + def_len > csize or rep_len + def_len > usize:
                raise _Corrupt('level lengths exceed the page')
            levels_end = rep_len + def_len
            defs = _rle_hybrid(body, rep_len, levels_end, 1, n) if leaf.nullable else None
            rest = body[levels_end:]
            compressed = h.get(7, True) is not False
            page = _decompress(codec, rest, usize - levels_end) if compressed else rest
            p = 0
        elif ptype == _INDEX_PAGE:
            continue
        else:
            raise _Corrupt(f'unknown page type {ptype}')
        present = n
        if defs is not None:
            if int(defs.max(initial=0)) > 1:
                raise _Corrupt('definition level above 1 in a flat column')
            defs = defs.astype(bool)
            present = int(np.count_nonzero(defs))
            defs_parts.append(defs)
        value_parts.append(_decode_values(leaf, encoding, page, p, len(page), present, dictionary))
        seen += n
    return _assemble(leaf, value_parts, defs_parts, rows)


def _join(leaf: _Leaf, parts: list[Any]) -> Any:
    if leaf.physical == 'BYTE_ARRAY':
        out: list[Any] = []
        for p in parts:
            out.extend(p.tolist() if isinstance(p, np.ndarray) else p)
        return out
    if not parts:
        return _decode_raw(leaf, 'PLAIN', b'', 0, 0, 0, None)  # an empty array of the column's type
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def _assemble(leaf: _Leaf, value_parts: list[Any], defs_parts: list[np.ndarray], rows: int) -> Column:
    values = _join(leaf, value_parts)
    if isinstance(values, np.ndarray):
        values = _convert(leaf, values)
    if not leaf.nullable:
        if len(values) != rows:
            raise _Corrupt(f'pages hold {len(values)} values for {rows} rows')
        return values
    mask = np.concatenate(defs_parts) if defs_parts else np.zeros(0, dtype=bool)
    if len(mask) != rows or int(np.count_nonzero(mask)) != len(values):
        raise _Corrupt(f'pages hold {len(mask)} rows and {len(values)} values for {rows} rows')
    if mask.all():
        return values
    is_text = leaf.physical == 'BYTE_ARRAY'
    if is_text:
        out = np.full(rows, None, dtype=object)
        present = np.empty(len(values), dtype=object)
        present[:] = values
        out[mask] = present
        return out.tolist()
    return _with_nulls(values, mask)


def _exact_in_float(values: np.ndarray) -> bool:
    """Whether float64 holds every value exactly (integers within +-2**53; floats already are)."""
    if values.dtype.kind == 'f':
        return True
    if values.dtype.kind not in 'iu':
        return False
    return len(values) == 0 or (int(values.min()) >= -_EXACT_IN_FLOAT and int(values.max()) <= _EXACT_IN_FLOAT)


def _with_nulls(values: np.ndarray, mask: np.ndarray) -> np.ndarray:
    if values.dtype.kind == 'f':
        out = np.full(len(mask), np.nan, dtype=values.dtype)
    elif values.dtype.kind in 'iu' and _exact_in_float(values):
        out = np.full(len(mask), np.nan)
    else:
        out = np.full(len(mask), None, dtype=object)
        values = values.astype(object)
    out[mask] = values
    return out


def _convert(leaf: _Leaf, values: np.ndarray) -> np.ndarray:
    """Native-endian, writable arrays of the annotated integer width (pages are little-endian and read-only)."""
    if leaf.int_dtype and values.dtype.kind in 'iu':
        dt = np.dtype(leaf.int_dtype)
        if dt.kind == 'u':  # UINT_* values are stored in the signed physical type: reinterpret, then narrow
            return values.view(f'<u{values.dtype.itemsize}').astype(dt)
        return values.astype(dt)
    return values.astype(values.dtype.newbyteorder('='))


# ---------------------------------------------------------------------------------------------------------------------
# Public API.


def _pyarrow() -> Any:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-not-found]

        return pq
    except ImportError:
        return None


def schema(path: str | os.PathLike[str]) -> list[dict[str, Any]]:
    """The columns of a flat Parquet file: name, physical type, logical type, time unit ('ms'/'us'/'ns', 'days' for
    DATE, else None) and whether it may hold nulls. Read with the built-in footer parser (no data is read)."""
    return [leaf.info() for leaf in _Footer(os.fspath(path)).leaves]


def num_rows(path: str | os.PathLike[str]) -> int:
    """Rows the file's footer declares."""
    return _Footer(os.fspath(path)).num_rows


def _select(footer: _Footer, columns: Sequence[str] | None) -> list[tuple[int, _Leaf]]:
    if columns is None:
        return list(enumerate(footer.leaves))
    by_name = {leaf.name: (i, leaf) for i, leaf in enumerate(footer.leaves)}
    missing = [c for c in columns if c not in by_name]
    if missing:
        raise ParquetError(f'{footer.path}: no column {missing[0]!r}; it has {", ".join(sorted(by_name))}')
    return [by_name[c] for c in columns]


def _check_readable(footer: _Footer, chosen: list[tuple[int, _Leaf]]) -> None:
    for _, leaf in chosen:
        if leaf.refusal:
            raise ParquetError(f'{footer.path}: {leaf.refusal}')


def iter_row_groups(
    path: str | os.PathLike[str], columns: Sequence[str] | None = None, engine: str = 'auto'
) -> Iterator[dict[str, Column]]:
    """Yield one {column: values} dict per row group, so a large file streams in row-group-sized pieces.
    engine: 'auto' (pyarrow when importable, else built-in), 'pyarrow' or 'builtin'."""
    path = os.fspath(path)
    if isinstance(columns, str):
        raise TypeError('columns must be a list of names, not one string')
    if engine not in ('auto', 'pyarrow', 'builtin'):
        raise ValueError(f"engine must be 'auto', 'pyarrow' or 'builtin', not {engine!r}")
    pq = _pyarrow() if engine != 'builtin' else None
    if engine == 'pyarrow' and pq is None:
        raise ImportError("engine='pyarrow' but pyarrow is not importable")
    if pq is not None:
        yield from _iter_pyarrow(pq, path, columns)
        return
    footer = _Footer(path)
    chosen = _select(footer, columns)
    _check_readable(footer, chosen)
    with open(path, 'rb') as f:
        for g, rg in enumerate(footer.row_groups):
            try:
                rows = _int(rg, 3, -1)
                chunks = _items(rg, 1, dict)
            except _Corrupt as e:
                raise ParquetError(f'{path}: row group {g}: {e}') from None
            if not 0 <= rows <= MAX_ROWS_PER_ROW_GROUP:
                raise ParquetError(f'{path}: row group {g} claims {rows} rows')
            if len(chunks) != len(footer.leaves):
                raise ParquetError(f'{path}: row group {g} has {len(chunks)} column chunks for {len(footer.leaves)} columns')
            out: dict[str, Column] = {}
            for i, leaf in chosen:
                where = f'{path}: column {leaf.name!r}, row group {g}'
                try:
                    out[leaf.name] = _read_chunk(f, footer, leaf, chunks[i], rows)
                except ParquetError:
                    raise
                except _Corrupt as e:
                    raise ParquetError(f'{where}: {e}') from None
                except UnicodeDecodeError as e:
                    raise ParquetError(f'{where}: not valid UTF-8 ({e.reason})') from None
                except (ValueError, TypeError, IndexError, KeyError, ArithmeticError) as e:
                    # A check above missed a corruption; still name the file rather than leak a bare numpy error.
                    raise ParquetError(f'{where}: corrupt ({type(e).__name__}: {e})') from None
            yield out


def read_parquet(path: str | os.PathLike[str], columns: Sequence[str] | None = None, engine: str = 'auto') -> dict[str, Column]:
    """The whole file (or the named columns) as {column: values}, row groups concatenated in file order."""
    parts: dict[str, list[Column]] = {}
    for group in iter_row_groups(path, columns, engine):
        for name, values in group.items():
            parts.setdefault(name, []).append(values)
    if not parts:  # no row groups: the columns, empty
        footer = _Footer(os.fspath(path))
        return {leaf.name: ([] if leaf.physical == 'BYTE_ARRAY' else np.zeros(0)) for _, leaf in _select(footer, columns)}
    return {name: _concat(p) for name, p in parts.items()}


def _concat(parts: list[Column]) -> Column:
    if isinstance(parts[0], list):
        return [v for p in parts for v in p]
    kinds = {p.dtype.kind for p in parts}
    if len(kinds) == 1:
        return np.concatenate(parts)
    # Row groups with nulls came back as float64 or object, others as integers: join them without rounding.
    if all(_exact_in_float(p) for p in parts):
        return np.concatenate([p.astype(np.float64) for p in parts])
    return np.concatenate([p.astype(object) for p in parts])


def _iter_pyarrow(pq: Any, path: str, columns: Sequence[str] | None) -> Iterator[dict[str, Column]]:
    """The same {column: values} shapes as the built-in reader, from pyarrow (faster, and reads every codec)."""
    import pyarrow as pa  # type: ignore[import-not-found]
    import pyarrow.compute as pc  # type: ignore[import-not-found]

    pf = pq.ParquetFile(path)
    for g in range(pf.num_row_groups):
        table = pf.read_row_group(g, columns=list(columns) if columns is not None else None)
        out: dict[str, Column] = {}
        for name in table.column_names:
            arr = table.column(name).combine_chunks()
            if pa.types.is_dictionary(arr.type):
                arr = arr.dictionary_decode()
            t = arr.type
            if pa.types.is_timestamp(t) or pa.types.is_date64(t):
                arr = arr.cast(pa.int64())
            elif pa.types.is_date32(t):
                arr = arr.cast(pa.int32())
            if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_binary(t) or pa.types.is_large_binary(t):
                out[name] = arr.to_pylist()
            elif pa.types.is_integer(arr.type) and arr.null_count:
                valid = pc.is_valid(arr).to_numpy(zero_copy_only=False)
                out[name] = _with_nulls(arr.filter(pc.is_valid(arr)).to_numpy(zero_copy_only=False), valid)
            elif pa.types.is_integer(arr.type) or pa.types.is_floating(t) or pa.types.is_boolean(t):
                # floats: nulls become NaN; booleans with nulls: an object array with None (pyarrow's own choices)
                out[name] = arr.to_numpy(zero_copy_only=False)
            else:
                raise ParquetError(f'{path}: column {name!r} has type {t}, which RecLens does not read; flatten or cast it')
        yield out
