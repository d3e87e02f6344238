"""Where pyarrow is importable (not on Debian's apt, so not in CI): files pyarrow writes, in every page version, codec and
encoding it offers that the built-in reader claims, read by both engines of reclens_torch.parquet, which must agree
value for value and dtype for dtype, and match the source. Run: python3 -m unittest python/tests/test_parquet_pyarrow.py"""

import os
import sys
import tempfile
import unittest
from decimal import Decimal

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

from reclens_torch import parquet, snappy  # noqa: E402

try:
    import pyarrow as pa
    import pyarrow.parquet as pq
except ImportError:
    pa = None


def zstd_importable() -> bool:
    for name in ('zstandard', 'compression.zstd'):
        try:
            __import__(name)
            return True
        except ImportError:
            pass
    return False


def with_nulls(values, every):
    return [None if i % every == 0 else v for i, v in enumerate(values)]


def source(n: int = 2000):
    rng = np.random.default_rng(1)
    return pa.table(
        {
            'i8': pa.array(rng.integers(-128, 127, n), pa.int8()),
            'u32': pa.array(rng.integers(0, 2**32 - 1, n, dtype=np.uint64), pa.uint32()),
            'big': pa.array(with_nulls([int(x) for x in rng.integers(-(2**62), 2**62, n)], 7), pa.int64()),
            'qty': pa.array(with_nulls([int(x) for x in rng.integers(-1000, 1000, n)], 5), pa.int32()),
            'f32': pa.array(rng.random(n).astype(np.float32)),
            'price': pa.array(with_nulls(list(rng.random(n)), 3), pa.float64()),
            'flag': pa.array(with_nulls([bool(x) for x in rng.integers(0, 2, n)], 11), pa.bool_()),
            'item': pa.array(with_nulls([f'item-{x}' for x in rng.integers(0, 300, n)], 13), pa.string()),
            'uniq': pa.array([f'uniq-{i}-é' for i in range(n)], pa.string()),
            'raw': pa.array([bytes([i % 256, 0, 255]) for i in range(n)], pa.binary()),
            'ts_ms': pa.array(rng.integers(1.5e12, 1.7e12, n), pa.timestamp('ms')),
            'ts_us': pa.array(with_nulls([int(x) for x in rng.integers(1.5e15, 1.7e15, n)], 17), pa.timestamp('us', tz='UTC')),
            'ts_ns': pa.array(rng.integers(1.5e18, 1.7e18, n), pa.timestamp('ns')),
            'day': pa.array(rng.integers(-1000, 30000, n).astype(np.int32), pa.date32()),
        }
    )


def same(a, b) -> bool:
    if isinstance(a, list) or isinstance(b, list):
        return isinstance(a, list) and isinstance(b, list) and a == b
    if a.dtype != b.dtype:
        return False
    if a.dtype.kind == 'f':
        return bool(np.array_equal(a, b, equal_nan=True))
    if a.dtype == object:
        return a.tolist() == b.tolist()
    return bool(np.array_equal(a, b))


@unittest.skipIf(pa is None, 'pyarrow is not importable here')
class WrittenByPyarrow(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.table = source()

    def tearDown(self):
        self.dir.cleanup()

    def variants(self):
        codecs = ['NONE', 'SNAPPY', 'GZIP'] + (['ZSTD'] if zstd_importable() else [])
        for codec in codecs:
            for version in ('1.0', '2.0'):
                yield {'compression': codec, 'data_page_version': version}
        yield {'compression': 'SNAPPY', 'use_dictionary': False}
        delta = {'qty': 'DELTA_BINARY_PACKED', 'big': 'DELTA_BINARY_PACKED', 'uniq': 'DELTA_BYTE_ARRAY'}
        delta.update({'raw': 'DELTA_LENGTH_BYTE_ARRAY', 'f32': 'BYTE_STREAM_SPLIT'})
        yield {'compression': 'SNAPPY', 'use_dictionary': False, 'data_page_version': '2.0', 'column_encoding': delta}
        yield {'compression': 'SNAPPY', 'use_deprecated_int96_timestamps': True}
        yield {'compression': 'SNAPPY', 'data_page_size': 512, 'row_group_size': 777}

    def test_both_engines_agree_on_every_variant(self):
        for k, options in enumerate(self.variants()):
            path = os.path.join(self.dir.name, f'v{k}.parquet')
            pq.write_table(self.table, path, **options)
            builtin = parquet.read_parquet(path, engine='builtin')
            arrow = parquet.read_parquet(path, engine='pyarrow')
            self.assertEqual(sorted(builtin), sorted(arrow))
            for name in builtin:
                self.assertTrue(same(builtin[name], arrow[name]), f'{options}: {name}')

    def test_values_match_the_source(self):
        path = os.path.join(self.dir.name, 'f.parquet')
        pq.write_table(self.table, path)
        got = parquet.read_parquet(path, engine='builtin')
        t = self.table
        self.assertEqual(got['i8'].dtype, np.int8)
        self.assertEqual(got['u32'].tolist(), t['u32'].to_pylist())
        self.assertEqual(got['big'].tolist(), t['big'].to_pylist())  # nulls and values past 2**53: an object array
        self.assertEqual(got['item'], t['item'].to_pylist())
        self.assertEqual(got['raw'], t['raw'].to_pylist())
        self.assertEqual(got['ts_ms'].tolist(), t['ts_ms'].cast(pa.int64()).to_pylist())
        self.assertEqual(got['ts_ns'].tolist(), t['ts_ns'].cast(pa.int64()).to_pylist())
        self.assertEqual(got['day'].tolist(), t['day'].cast(pa.int32()).to_pylist())
        units = {c['name']: c['unit'] for c in parquet.schema(path)}
        self.assertEqual((units['ts_ms'], units['ts_us'], units['ts_ns'], units['day']), ('ms', 'us', 'ns', 'days'))

    def test_the_pure_python_snappy_decoder_reads_pyarrow_pages(self):
        path = os.path.join(self.dir.name, 's.parquet')
        pq.write_table(self.table, path, compression='SNAPPY')
        saved = snappy.native
        snappy.native = None
        try:
            pure = parquet.read_parquet(path, engine='builtin')
        finally:
            snappy.native = saved
        arrow = parquet.read_parquet(path, engine='pyarrow')
        for name in pure:
            self.assertTrue(same(pure[name], arrow[name]), name)

    def test_nested_and_decimal_columns_are_refused_by_both_engines(self):
        tables = {
            'list': pa.table({'id': [1, 2], 'tags': [['a'], ['b', 'c']]}),
            'struct': pa.table({'id': [1, 2], 'addr': [{'city': 'x'}, {'city': 'y'}]}),
            'decimal': pa.table({'id': [1, 2], 'price': pa.array([Decimal('1.50'), Decimal('2.25')], pa.decimal128(10, 2))}),
        }
        for name, table in tables.items():
            path = os.path.join(self.dir.name, f'{name}.parquet')
            pq.write_table(table, path)
            for engine in ('builtin', 'pyarrow'):
                with self.assertRaises(parquet.ParquetError, msg=f'{name} {engine}'):
                    parquet.read_parquet(path, engine=engine)
        # a refused column does not stop the others from being read
        self.assertEqual(parquet.read_parquet(path, columns=['id'], engine='builtin')['id'].tolist(), [1, 2])


if __name__ == '__main__':
    unittest.main()
