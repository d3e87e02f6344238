"""The pure-Python Snappy decoder on hand-made blocks: each element kind, each offset width, overlapping copies, and the
corrupt inputs it must refuse; and, where libsnappy loads, the two decoders agreeing on what libsnappy compressed.
Run: python3 -m unittest discover -s python/tests -p 'test_parquet*.py'"""

import os
import random
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..'))

from reclens_torch import snappy  # noqa: E402
from reclens_torch.snappy import decompress_python as decompress, uncompressed_length  # noqa: E402


def literal(data: bytes) -> bytes:
    n = len(data) - 1
    if n < 60:
        return bytes([n << 2]) + data
    if n < 256:
        return bytes([60 << 2, n]) + data
    return bytes([61 << 2]) + n.to_bytes(2, 'little') + data


def copy1(length: int, offset: int) -> bytes:
    assert 4 <= length <= 11 and offset < 2048
    return bytes([((offset >> 8) << 5) | ((length - 4) << 2) | 1, offset & 0xFF])


def copy2(length: int, offset: int) -> bytes:
    return bytes([((length - 1) << 2) | 2]) + offset.to_bytes(2, 'little')


def copy4(length: int, offset: int) -> bytes:
    return bytes([((length - 1) << 2) | 3]) + offset.to_bytes(4, 'little')


def block(total: int, *elements: bytes) -> bytes:
    pre = bytearray()
    while True:
        b = total & 0x7F
        total >>= 7
        if total:
            pre.append(b | 0x80)
        else:
            pre.append(b)
            return bytes(pre) + b''.join(elements)


class SnappyDecoder(unittest.TestCase):
    def test_short_literal(self):
        self.assertEqual(decompress(block(5, literal(b'hello'))), b'hello')

    def test_literal_with_one_and_two_length_bytes(self):
        a = bytes(range(100))
        self.assertEqual(decompress(block(100, literal(a))), a)
        b = bytes(i % 251 for i in range(300))
        self.assertEqual(decompress(block(300, literal(b))), b)

    def test_copy_with_one_byte_offset(self):
        self.assertEqual(decompress(block(8, literal(b'abcd'), copy1(4, 4))), b'abcdabcd')

    def test_copy_with_one_byte_offset_uses_the_tag_high_bits(self):
        head = bytes(i % 256 for i in range(261))  # offset 261 = 0x105: bits 8-10 live in the tag
        out = decompress(block(266, literal(head), copy1(5, 261)))
        self.assertEqual(out, head + head[:5])

    def test_copy_with_two_byte_offset(self):
        head = bytes(i % 256 for i in range(1000))
        out = decompress(block(1064, literal(head), copy2(64, 1000)))
        self.assertEqual(out, head + head[:64])

    def test_copy_with_four_byte_offset(self):
        self.assertEqual(decompress(block(9, literal(b'xyz123'), copy4(3, 6))), b'xyz123xyz')

    def test_overlapping_copy_repeats_the_pattern(self):
        self.assertEqual(decompress(block(9, literal(b'ab'), copy1(7, 2))), b'ababababa')
        self.assertEqual(decompress(block(65, literal(b'x'), copy2(64, 1))), b'x' * 65)
        self.assertEqual(decompress(block(8, literal(b'abc'), copy1(5, 3))), b'abcabcab')

    def test_preamble(self):
        self.assertEqual(uncompressed_length(block(300, literal(b'a'))), 300)
        self.assertEqual(decompress(block(0)), b'')

    def test_refuses_an_offset_of_zero_or_before_the_start(self):
        with self.assertRaisesRegex(ValueError, 'offset 0'):
            decompress(block(8, literal(b'abcd'), copy1(4, 0)))
        with self.assertRaisesRegex(ValueError, 'offset 5'):
            decompress(block(8, literal(b'abcd'), copy1(4, 5)))

    def test_refuses_output_longer_or_shorter_than_declared(self):
        with self.assertRaisesRegex(ValueError, 'longer than declared'):
            decompress(block(6, literal(b'abcd'), copy1(4, 4)))
        with self.assertRaisesRegex(ValueError, 'after 4 of 9'):
            decompress(block(9, literal(b'abcd')))

    def test_refuses_truncated_input(self):
        with self.assertRaisesRegex(ValueError, 'literal runs past'):
            decompress(block(5, literal(b'hello'))[:-1])
        with self.assertRaisesRegex(ValueError, 'truncated copy'):
            decompress(block(8, literal(b'abcd'), copy2(4, 4))[:-1])
        with self.assertRaisesRegex(ValueError, 'truncated length preamble'):
            decompress(b'\x80')

    def test_refuses_a_declared_length_no_block_could_reach(self):
        with self.assertRaisesRegex(ValueError, 'declares 4000000000'):
            decompress(block(4_000_000_000, literal(b'a')))

    def test_refuses_a_length_the_page_header_contradicts(self):
        with self.assertRaisesRegex(ValueError, 'page header says 6'):
            decompress(block(5, literal(b'hello')), expected=6)


@unittest.skipIf(snappy.native is None, 'libsnappy is not loadable here')
class AgainstLibsnappy(unittest.TestCase):
    def samples(self):
        rng = random.Random(3)
        yield b''
        yield b'a'
        yield bytes(rng.randrange(256) for _ in range(5000))  # incompressible: long literals
        yield b'abc' * 3000  # overlapping copies
        yield b''.join(f'item-{rng.randrange(300)},user-{rng.randrange(50)}\n'.encode() for _ in range(4000))
        yield bytes(range(256)) * 300 + bytes(70_000) + b'tail'  # more than libsnappy's 64 KiB block

    def test_the_python_decoder_matches_libsnappy(self):
        for data in self.samples():
            block = snappy.compress(data)
            self.assertEqual(decompress(block, len(data)), data)
            self.assertEqual(snappy.decompress(block, len(data)), data)

    def test_libsnappy_refuses_corrupt_blocks_with_value_error(self):
        data = b'abc' * 3000
        block = bytearray(snappy.compress(data))
        with self.assertRaisesRegex(ValueError, 'page header says'):
            snappy.decompress(bytes(block), len(data) + 1)
        with self.assertRaises(ValueError):
            snappy.decompress(bytes(block[:-3]), len(data))
        for i in range(1, len(block)):
            mutated = bytes(block[:i]) + bytes([block[i] ^ 0x5A]) + bytes(block[i + 1 :])
            try:
                out = snappy.decompress(mutated, len(data))
            except ValueError:
                continue
            self.assertEqual(len(out), len(data))


if __name__ == '__main__':
    unittest.main()
