"""Safetensors I/O, as strict as src/lib/safetensors.ts: every header claim is checked against the bytes present, and
the writer gives the same bytes as the TypeScript writer (sorted keys, compact JSON, header space-padded to 8 bytes),
so a checkpoint written on either side hashes the same. Standard library + numpy only (Debian packages no safetensors)."""
import json
import struct

import numpy as np

# Bytes per element of every dtype the format defines; a dtype not listed here is refused as unknown.
DTYPE_SIZE = {'BOOL': 1, 'U8': 1, 'I8': 1, 'F8_E4M3': 1, 'F8_E5M2': 1, 'I16': 2, 'U16': 2, 'F16': 2, 'BF16': 2,
              'I32': 4, 'U32': 4, 'F32': 4, 'I64': 8, 'U64': 8, 'F64': 8}
# The dtypes this reader decodes (as the TS reader does); numpy has no bfloat16, so BF16 is widened to float32.
READABLE = {'F32': '<f4', 'F16': '<f2', 'F64': '<f8', 'I32': '<i4', 'I64': '<i8', 'BF16': '<u2'}


class SafetensorsError(ValueError):
    """A file that is not a valid safetensors file, with the reason."""


def read_safetensors(data):
    """bytes → ({name: numpy array}, metadata). F32/F16/F64/I32/I64 keep their dtype; BF16 becomes float32."""
    buf = memoryview(data)
    if len(buf) < 8:
        raise SafetensorsError(f'safetensors: file is {len(buf)} bytes, too short for the 8-byte header length')
    (header_len,) = struct.unpack('<Q', bytes(buf[:8]))
    if header_len > len(buf) - 8:
        raise SafetensorsError(f'safetensors: header length {header_len} exceeds the {len(buf) - 8} bytes after the length prefix')
    data_start = 8 + header_len
    data_len = len(buf) - data_start
    try:
        header = json.loads(bytes(buf[8:data_start]).decode('utf-8'))
    except (UnicodeDecodeError, ValueError) as e:
        raise SafetensorsError(f'safetensors: header is not valid UTF-8 JSON ({e})') from None
    if not isinstance(header, dict):
        raise SafetensorsError('safetensors: header must be a JSON object')
    metadata = {}
    entries = []
    for name, raw in header.items():
        if name == '__metadata__':
            if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
                raise SafetensorsError('safetensors: __metadata__ must map strings to strings')
            metadata = raw
            continue
        entries.append(_entry(name, raw, data_len))
    by_offset = sorted(entries, key=lambda e: (e[3], e[4]))
    for prev, cur in zip(by_offset, by_offset[1:]):
        if cur[3] < prev[4]:
            raise SafetensorsError(f'safetensors: tensor "{cur[0]}" [{cur[3]}, {cur[4]}) overlaps "{prev[0]}" [{prev[3]}, {prev[4]})')
    tensors = {}
    for name, dtype, shape, begin, end in entries:
        if dtype not in READABLE:
            raise SafetensorsError(f'safetensors: tensor "{name}": dtype {dtype} is valid but not supported here')
        raw = np.frombuffer(bytes(buf[data_start + begin:data_start + end]), dtype=READABLE[dtype])
        if dtype == 'BF16':
            raw = (raw.astype(np.uint32) << 16).view(np.float32)
        tensors[name] = raw.astype(raw.dtype.newbyteorder('='), copy=True).reshape(shape)
    return tensors, metadata


def _entry(name, raw, data_len):
    where = f'safetensors: tensor "{name}"'
    if not isinstance(raw, dict):
        raise SafetensorsError(f'{where}: entry must be an object')
    dtype, shape, offsets = raw.get('dtype'), raw.get('shape'), raw.get('data_offsets')
    if not isinstance(dtype, str) or dtype not in DTYPE_SIZE:
        raise SafetensorsError(f'{where}: unknown dtype {json.dumps(dtype)}')
    is_int = lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 2 ** 53
    if not isinstance(shape, list) or not all(is_int(d) for d in shape):
        raise SafetensorsError(f'{where}: shape must be an array of non-negative integers, got {json.dumps(shape)}')
    if not isinstance(offsets, list) or len(offsets) != 2 or not all(is_int(o) for o in offsets):
        raise SafetensorsError(f'{where}: data_offsets must be two non-negative integers, got {json.dumps(offsets)}')
    begin, end = offsets
    if begin > end:
        raise SafetensorsError(f'{where}: data_offsets [{begin}, {end}] end before they begin')
    if end > data_len:
        raise SafetensorsError(f'{where}: data_offsets [{begin}, {end}] run past the {data_len}-byte data section')
    size = DTYPE_SIZE[dtype]
    for d in shape:
        size *= d
    if size != end - begin:
        raise SafetensorsError(f'{where}: shape {json.dumps(shape)} × {dtype} needs a different byte length than data_offsets give ({end - begin} bytes)')
    return name, dtype, shape, begin, end


def write_safetensors(tensors, metadata=None):
    """{name: array-like} → bytes, every tensor as little-endian F32, byte for byte what the TS writer gives."""
    names = sorted(tensors)
    header = {}
    if metadata:
        header['__metadata__'] = metadata
    arrays = []
    offset = 0
    for name in names:
        a = np.array(tensors[name], dtype='<f4', order='C')  # not ascontiguousarray: it turns a scalar into shape [1]
        header[name] = {'dtype': 'F32', 'shape': list(a.shape), 'data_offsets': [offset, offset + a.nbytes]}
        offset += a.nbytes
        arrays.append(a)
    text = json.dumps(header, separators=(',', ':'), ensure_ascii=False).encode('utf-8')
    text += b' ' * (-len(text) % 8)
    return b''.join([struct.pack('<Q', len(text)), text] + [a.tobytes() for a in arrays])
