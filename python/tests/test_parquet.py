"""The built-in Parquet reader on files built byte by byte here: data pages V1 (hyparquet-writer, which the vitest
tests/python/parquet.test.ts uses, writes only V2), INT96 and annotated integers, refusals, and corrupt files.
Run: python3 -m unittest discover -s python/tests -p 'test_parquet*.py'"""

import os
import struct
import sys
import tempfile
import unittest
import zlib

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

from reclens_torch import parquet  # noqa: E402
from reclens_torch.parquet import ParquetError, _delta_binary_packed, _rle_hybrid  # noqa: E402

# --- a minimal Thrift compact writer: (field id, kind, value) triples -------------------------------------------------

I32, I64, BIN, LIST, STRUCT, BOOL = 'i32', 'i64', 'bin', 'list', 'struct', 'bool'
_CTYPE = {I32: 5, I64: 6, BIN: 8, LIST: 9, STRUCT: 12}


def uvarint(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def zigzag(n: int) -> bytes:
    return uvarint((n << 1) ^ (n >> 63))


def value(kind: str, v) -> bytes:
    if kind in (I32, I64):
        return zigzag(v)
    if kind == BIN:
        b = v.encode() if isinstance(v, str) else v
        return uvarint(len(b)) + b
    if kind == STRUCT:
        return tstruct(v)
    if kind == LIST:
        elem_kind, items = v
        if len(items) < 15:
            head = bytes([(len(items) << 4) | _CTYPE[elem_kind]])
        else:
            head = bytes([0xF0 | _CTYPE[elem_kind]]) + uvarint(len(items))
        return head + b''.join(value(elem_kind, x) for x in items)
    raise AssertionError(kind)


def tstruct(fields) -> bytes:
    out = bytearray()
    last = 0
    for fid, kind, v in sorted(fields, key=lambda f: f[0]):
        ctype = (1 if v else 2) if kind == BOOL else _CTYPE[kind]
        out.append(((fid - last) << 4) | ctype)
        if kind != BOOL:
            out += value(kind, v)
        last = fid
    out.append(0)
    return bytes(out)


# --- Parquet pieces ------------------------------------------------------------------------------------------------------

PLAIN, PLAIN_DICTIONARY, RLE = 0, 2, 3
UNCOMPRESSED, GZIP, LZ4, ZSTD = 0, 2, 5, 6


def gzip(b: bytes) -> bytes:
    c = zlib.compressobj(6, zlib.DEFLATED, 31)
    return c.compress(b) + c.flush()


def data_page_v1(n: int, encoding: int, body: bytes, compress=None) -> bytes:
    stored = compress(body) if compress else body
    page = [(1, I32, n), (2, I32, encoding), (3, I32, RLE), (4, I32, RLE)]
    header = tstruct([(1, I32, 0), (2, I32, len(body)), (3, I32, len(stored)), (5, STRUCT, page)])
    return header + stored


def dictionary_page(n: int, body: bytes, compress=None) -> bytes:
    stored = compress(body) if compress else body
    header = tstruct([(1, I32, 2), (2, I32, len(body)), (3, I32, len(stored)), (7, STRUCT, [(1, I32, n), (2, I32, PLAIN)])])
    return header + stored


def levels(body: bytes) -> bytes:
    return struct.pack('<I', len(body)) + body


def plain_strings(*items: str) -> bytes:
    return b''.join(struct.pack('<I', len(s.encode())) + s.encode() for s in items)


def build(columns, rows: int, codec: int = UNCOMPRESSED, extra_schema=None) -> bytes:
    """columns: (schema element fields, physical type, [pages], has dictionary page first)."""
    out = bytearray(b'PAR1')
    chunks = []
    for fields, physical, pages, has_dict in columns:
        start = len(out)
        for p in pages:
            out += p
        first_data = start + (len(pages[0]) if has_dict else 0)
        name = next(f[2] for f in fields if f[0] == 4)
        size = len(out) - start
        meta = [(1, I32, physical), (2, LIST, (I32, [PLAIN])), (3, LIST, (BIN, [name])), (4, I32, codec), (5, I64, rows)]
        meta += [(6, I64, size), (7, I64, size), (9, I64, first_data)]
        if has_dict:
            meta.append((11, I64, start))
        chunks.append([(2, I64, start), (3, STRUCT, meta)])
    schema = [[(4, BIN, 'schema'), (5, I32, len(columns) + len(extra_schema or []))]] + [c[0] for c in columns] + (extra_schema or [])
    row_group = [(1, LIST, (STRUCT, chunks)), (2, I64, 0), (3, I64, rows)]
    footer = tstruct([(1, I32, 1), (2, LIST, (STRUCT, schema)), (3, I64, rows), (4, LIST, (STRUCT, [row_group]))])
    return bytes(out) + footer + struct.pack('<I', len(footer)) + b'PAR1'


def element(name: str, physical: int, repetition: int, converted=None, extra=()):
    f = [(1, I32, physical), (3, I32, repetition), (4, BIN, name)]
    if converted is not None:
        f.append((6, I32, converted))
    return f + list(extra)


REQ, OPT = 0, 1
T_INT32, T_INT64, T_INT96, T_DOUBLE, T_BYTE_ARRAY, T_FLBA = 1, 2, 3, 5, 6, 7
C_UTF8, C_DATE, C_UINT_32, C_INT_8 = 0, 6, 13, 15


def sample_columns(compress=None):
    """Five columns of three rows with known values, one per feature under test."""
    a = (element('a', T_INT32, REQ, C_INT_8), T_INT32, [data_page_v1(3, PLAIN, struct.pack('<3i', 1, -2, 3), compress)], False)
    # defs 1,0,1: one bit-packed group (header 0x03), bits 101
    b_body = levels(b'\x03\x05') + struct.pack('<2i', -294967296, 7)  # 4_000_000_000 as the int32 bit pattern
    b = (element('b', T_INT32, OPT, C_UINT_32), T_INT32, [data_page_v1(3, PLAIN, b_body, compress)], False)
    int96 = struct.pack('<qi', 5, 2440589) + struct.pack('<qi', 0, 2440588) + struct.pack('<qi', 10**9, 2440587)
    c = (element('c', T_INT96, REQ), T_INT96, [data_page_v1(3, PLAIN, int96, compress)], False)
    # dictionary ['x', 'yé']; defs 1,1,0; indices 1,0 at bit width 1
    d_pages = [
        dictionary_page(2, plain_strings('x', 'yé'), compress),
        data_page_v1(3, PLAIN_DICTIONARY, levels(b'\x03\x03') + b'\x01\x03\x01', compress),
    ]
    d = (element('d', T_BYTE_ARRAY, OPT, C_UTF8), T_BYTE_ARRAY, d_pages, True)
    e = (element('e', T_INT32, REQ, C_DATE), T_INT32, [data_page_v1(3, PLAIN, struct.pack('<3i', 0, 19000, -1), compress)], False)
    return [a, b, c, d, e]


class TempFiles(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.dir.cleanup()

    def write(self, data: bytes, name: str = 'f.parquet') -> str:
        path = os.path.join(self.dir.name, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path


class Primitives(unittest.TestCase):
    def test_rle_hybrid_bit_packed_example_from_the_spec(self):
        # 0..7 at bit width 3 pack into 10001000 11000110 11111010
        out = _rle_hybrid(b'\x03\x88\xc6\xfa', 0, 4, 3, 8)
        self.assertEqual(out.tolist(), [0, 1, 2, 3, 4, 5, 6, 7])

    def test_rle_hybrid_run_then_packed(self):
        # a run of 5 sevens (header 5<<1, one value byte), then 0..7 packed
        out = _rle_hybrid(b'\x0a\x07\x03\x88\xc6\xfa', 0, 6, 3, 10)
        self.assertEqual(out.tolist(), [7, 7, 7, 7, 7, 0, 1, 2, 3, 4])

    def test_rle_hybrid_refuses_a_run_past_the_buffer(self):
        with self.assertRaises(Exception):
            _rle_hybrid(b'\x03\x88', 0, 2, 3, 8)

    def test_delta_binary_packed_constant_deltas(self):
        # spec example 1: 1..5, every delta 1, zero-width miniblocks
        buf = b'\x80\x01\x04\x05\x02' + b'\x02' + b'\x00\x00\x00\x00'
        values, end = _delta_binary_packed(buf, 0, len(buf), 5)
        self.assertEqual(values.tolist(), [1, 2, 3, 4, 5])
        self.assertEqual(end, len(buf))

    def test_delta_binary_packed_with_a_packed_miniblock(self):
        # spec example 2: 7,5,3,1,2,3,4,5 - min delta -2, adjusted 0,0,0,3,3,3,3 at width 2
        buf = b'\x80\x01\x04\x08\x0e' + b'\x03' + b'\x02\x00\x00\x00' + b'\xc0\x3f' + bytes(6)
        values, end = _delta_binary_packed(buf, 0, len(buf), 8)
        self.assertEqual(values.tolist(), [7, 5, 3, 1, 2, 3, 4, 5])
        self.assertEqual(end, len(buf))


class HandBuiltFiles(TempFiles):
    def check_sample(self, path: str):
        got = parquet.read_parquet(path, engine='builtin')
        self.assertEqual(got['a'].dtype, np.int8)
        self.assertEqual(got['a'].tolist(), [1, -2, 3])
        self.assertEqual(got['b'].dtype, np.float64)  # nulls in an exact-in-float column
        self.assertEqual(got['b'][0], 4_000_000_000)
        self.assertTrue(np.isnan(got['b'][1]))
        self.assertEqual(got['b'][2], 7)
        day_ns = 86_400 * 10**9
        self.assertEqual(got['c'].tolist(), [day_ns + 5, 0, -day_ns + 10**9])
        self.assertEqual(got['d'], ['yé', 'x', None])
        self.assertEqual(got['e'].tolist(), [0, 19000, -1])

    def test_v1_pages_uncompressed(self):
        self.check_sample(self.write(build(sample_columns(), 3)))

    def test_v1_pages_gzip(self):
        self.check_sample(self.write(build(sample_columns(gzip), 3, GZIP)))

    def test_schema_reports_units_and_nullability(self):
        info = {c['name']: c for c in parquet.schema(self.write(build(sample_columns(), 3)))}
        self.assertEqual(info['c']['logical'], 'TIMESTAMP')
        self.assertEqual(info['c']['unit'], 'ns')
        self.assertEqual(info['e']['unit'], 'days')
        self.assertEqual((info['b']['nullable'], info['a']['nullable']), (True, False))
        self.assertEqual(parquet.num_rows(self.write(build(sample_columns(), 3), 'g.parquet')), 3)

    def test_selected_columns_only(self):
        got = parquet.read_parquet(self.write(build(sample_columns(), 3)), columns=['d', 'a'], engine='builtin')
        self.assertEqual(sorted(got), ['a', 'd'])
        with self.assertRaisesRegex(ParquetError, "no column 'zz'"):
            parquet.read_parquet(self.write(build(sample_columns(), 3), 'g.parquet'), columns=['zz'], engine='builtin')

    def test_int64_nulls_beyond_float_precision_become_objects(self):
        body = levels(b'\x03\x05') + struct.pack('<2q', 2**60 + 1, -3)
        col = (element('big', T_INT64, OPT), T_INT64, [data_page_v1(3, PLAIN, body)], False)
        got = parquet.read_parquet(self.write(build([col], 3)), engine='builtin')['big']
        self.assertEqual(got.tolist(), [2**60 + 1, None, -3])

    def test_an_all_null_dictionary_page_without_a_dictionary(self):
        # defs: one RLE run of three zeros (header 3<<1, value byte 0); no values follow
        col = (element('q', T_INT32, OPT), T_INT32, [data_page_v1(3, PLAIN_DICTIONARY, levels(b'\x06\x00'))], False)
        s = (element('s', T_BYTE_ARRAY, OPT, C_UTF8), T_BYTE_ARRAY, [data_page_v1(3, PLAIN_DICTIONARY, levels(b'\x06\x00'))], False)
        got = parquet.read_parquet(self.write(build([col, s], 3)), engine='builtin')
        self.assertTrue(np.isnan(got['q']).all() and len(got['q']) == 3)
        self.assertEqual(got['s'], [None, None, None])

    def test_nested_schema_is_refused_naming_file_and_column(self):
        group = [[(3, I32, OPT), (4, BIN, 'address'), (5, I32, 1)], element('city', T_BYTE_ARRAY, OPT, C_UTF8)]
        path = self.write(build(sample_columns()[:1], 3, extra_schema=group))
        with self.assertRaisesRegex(ParquetError, rf"{path}: column 'address' is nested"):
            parquet.read_parquet(path, engine='builtin')

    def test_fixed_len_column_is_refused_but_others_read(self):
        flba = (element('price', T_FLBA, REQ, 5, [(2, I32, 4)]), T_FLBA, [data_page_v1(3, PLAIN, bytes(12))], False)
        path = self.write(build(sample_columns()[:1] + [flba], 3))
        with self.assertRaisesRegex(ParquetError, "column 'price' is FIXED_LEN_BYTE_ARRAY"):
            parquet.read_parquet(path, engine='builtin')
        self.assertEqual(parquet.read_parquet(path, columns=['a'], engine='builtin')['a'].tolist(), [1, -2, 3])

    def test_unsupported_codec_is_named(self):
        path = self.write(build(sample_columns()[:1], 3, LZ4))
        with self.assertRaisesRegex(ParquetError, 'LZ4 compression'):
            parquet.read_parquet(path, engine='builtin')

    def test_zstd_without_a_zstd_module_says_how_to_convert(self):
        try:
            import zstandard  # noqa: F401

            self.skipTest('zstandard is importable here')
        except ImportError:
            pass
        try:
            from compression import zstd  # noqa: F401

            self.skipTest('compression.zstd is importable here')
        except ImportError:
            pass
        path = self.write(build(sample_columns()[:1], 3, ZSTD))
        with self.assertRaisesRegex(ParquetError, r"column 'a'.*ZSTD.*zstandard.*COMPRESSION snappy"):
            parquet.read_parquet(path, engine='builtin')


class CorruptFiles(TempFiles):
    def test_every_truncation_is_a_parquet_error_naming_the_file(self):
        data = build(sample_columns(), 3)
        for n in range(len(data)):
            path = self.write(data[:n])
            with self.assertRaises(ParquetError, msg=f'truncated to {n} bytes') as ctx:
                parquet.read_parquet(path, engine='builtin')
            self.assertIn(path, str(ctx.exception))

    def test_every_single_byte_change_reads_or_raises_parquet_error(self):
        data = build(sample_columns(), 3)
        path = os.path.join(self.dir.name, 'm.parquet')
        outcomes = {'read': 0, 'refused': 0}
        for i in range(len(data)):
            for v in (0x00, 0xFF, data[i] ^ 0x01, data[i] ^ 0x80):
                mutated = data[:i] + bytes([v]) + data[i + 1 :]
                with open(path, 'wb') as f:
                    f.write(mutated)
                try:
                    parquet.read_parquet(path, engine='builtin')
                    outcomes['read'] += 1
                except ParquetError:
                    outcomes['refused'] += 1
        self.assertGreater(outcomes['refused'], 0)
        self.assertGreater(outcomes['read'], 0)  # changes inside values are data, not corruption

    def test_a_row_count_no_chunk_could_hold_is_refused_before_allocating(self):
        col = (element('q', T_INT32, OPT), T_INT32, [data_page_v1(3, PLAIN, levels(b'\x06\x00'))], False)
        path = self.write(build([col], 2**30))
        with self.assertRaisesRegex(ParquetError, 'claims 1073741824 rows, more than 65536 per byte'):
            parquet.read_parquet(path, engine='builtin')

    def test_a_footer_length_past_the_file_is_refused(self):
        data = bytearray(build(sample_columns(), 3))
        data[-8:-4] = struct.pack('<I', 10**9)
        path = self.write(bytes(data))
        with self.assertRaisesRegex(ParquetError, 'footer claims 1000000000 bytes'):
            parquet.read_parquet(path, engine='builtin')


class PyarrowWrittenFile(unittest.TestCase):
    """pandas ships a file written by pyarrow 0.17 (V1 pages, dictionary strings, SNAPPY) in its test data."""

    PATH = '/usr/lib/python3/dist-packages/pandas/tests/io/data/parquet/simple.parquet'

    def test_reads_what_pandas_expects(self):
        if not os.path.exists(self.PATH):
            self.skipTest('pandas test data not installed')
        got = parquet.read_parquet(self.PATH, engine='builtin')
        self.assertEqual(got['A'].tolist(), [1, 2, 3])
        self.assertEqual(got['B'], ['foo', 'foo', 'foo'])


if __name__ == '__main__':
    unittest.main()
