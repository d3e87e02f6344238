"""An events log from CSV, CSV.gz or Parquet, read as the TS path reads it (src/data/csv/*, eventLogBuilder.ts) for the
common cases: the same dialect sniffing, column roles from header names (or cell contents for a headerless file), the
same `--columns user=…,item=…` override, event labels normalised to the same canonical names, the same rejected rows
(empty ids, unreadable times, blank event types), dictionaries in order of first accepted appearance, and each user's
events ordered by time then row. So users.json, items.json and split.json come out as `reclens train` writes them.
CSV streams through pandas in chunks of CHUNK_ROWS; Parquet streams by row group through reclens_torch/parquet.py
(pyarrow when importable, else its own reader), imported only when a Parquet file is read.

Sampling by users keeps the same users as the app and `reclens ingest --sample-users` (sampleUsers.ts: the same seeded
hash of the id). Not mirrored: the 255-event-type limit's message, a short row whose missing field is not a mapped one
(TS rejects it as a wrong field count; pandas cannot tell it from empty fields)."""
import csv
import gzip
import io
import math
import re

import numpy as np
import pandas as pd

SAMPLE_BYTES = 256 * 1024
CHUNK_ROWS = 1_000_000
DELIMITERS = [',', '\t', '|', ';', '::', ' ']
EVENT_ROLES = ['user', 'item', 'event', 'time', 'value', 'session', 'title', 'category', 'brand', 'price']
SYNONYMS = {
    'user': ['userid', 'user', 'uid', 'visitorid', 'customerid', 'reviewerid', 'memberid', 'clientid'],
    'item': ['itemid', 'item', 'movieid', 'productid', 'product', 'sku', 'asin', 'iid', 'articleid', 'contentid', 'videoid', 'id'],
    'event': ['eventtype', 'event', 'behaviortype', 'behavior', 'behaviour', 'action', 'actiontype', 'interaction', 'type'],
    'time': ['timestamp', 'eventtime', 'time', 'ts', 'datetime', 'date', 'createdat', 'unixtime'],
    'value': ['rating', 'value', 'score', 'stars'],
    'session': ['usersession', 'sessionid', 'session'],
    'title': ['title', 'name', 'productname', 'itemname', 'movietitle'],
    'description': ['description', 'desc', 'summary', 'text', 'overview'],
    'category': ['categorycode', 'category', 'genres', 'genre', 'categoryname', 'categoryid'],
    'brand': ['brand', 'manufacturer'],
    'price': ['price', 'cost', 'amount'],
}
ALL_NAMES = {n for names in SYNONYMS.values() for n in names}
CANONICAL_EVENTS = ['exposure', 'view', 'click', 'fav', 'cart', 'purchase', 'rating']
ALIASES = {
    'pv': 'view', 'view': 'view', 'views': 'view', 'pageview': 'view', 'page_view': 'view', 'detail': 'view', 'visit': 'view',
    'click': 'click', 'clicks': 'click', 'clk': 'click', 'tap': 'click', 'fav': 'fav', 'favorite': 'fav', 'favourite': 'fav',
    'like': 'fav', 'wishlist': 'fav', 'collect': 'fav', 'cart': 'cart', 'addtocart': 'cart', 'add_to_cart': 'cart',
    'add-to-cart': 'cart', 'add2cart': 'cart', 'basket': 'cart', 'buy': 'purchase', 'purchase': 'purchase',
    'purchased': 'purchase', 'order': 'purchase', 'transaction': 'purchase', 'checkout': 'purchase',
    'conversion': 'purchase', 'exposure': 'exposure', 'impression': 'exposure', 'impressions': 'exposure',
    'rec_shown': 'exposure', 'recommended': 'exposure', 'show': 'exposure', 'expose': 'exposure', 'rating': 'rating',
    'rate': 'rating', 'rated': 'rating', 'review': 'rating',
}
MAX_UNIX_SECONDS = 8.64e12
MAX_ID_LENGTH = 1024
# cells.ts isForbidden: C0/C1 controls but tab, LF and CR; DEL; a byte-order mark in mid-file.
FORBIDDEN = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]')


class DataError(ValueError):
    pass


def _key(s):
    return re.sub(r'[^a-z0-9]', '', s.strip().lower())


def normalise_event(raw):
    k = re.sub(r'\s+', '_', raw.strip().lower())
    return ALIASES.get(k, k)


def _is_num(s):
    try:
        return s.strip() != '' and math.isfinite(float(s))
    except ValueError:
        return False


# ---- sniffing (sniff.ts, reader.ts inspectSample) ------------------------------------------------------------------

def _rows(text, delimiter, limit):
    lines = [ln for ln in re.split(r'\r\n|\n|\r', text)]
    if delimiter == '::':
        rows = [ln.split('::') for ln in lines]
    else:
        rows = list(csv.reader(lines, delimiter=delimiter, quotechar='"'))
    return [r for r in rows if not (len(r) == 0 or (len(r) == 1 and r[0] == ''))][:limit]


def _modal(rows):
    freq = {}
    for r in rows:
        freq[len(r)] = freq.get(len(r), 0) + 1
    count, best = 0, 0
    for c, f in freq.items():
        if f > best or (f == best and c > count):
            count, best = c, f
    return count, (best / len(rows) if rows else 0)


def _delimiter(text):
    best, score = ',', -1
    for d in DELIMITERS:
        rows = _rows(text, d, 100)
        if not rows:
            continue
        count, share = _modal(rows)
        if count >= 2 and share > score + 1e-9:
            best, score = d, share
    return best


def _has_header(rows):
    if not rows:
        return False
    first, rest = rows[0], rows[1:]
    if any(_is_num(c) for c in first):
        return False
    if sum(1 for c in first if _key(c) in ALL_NAMES) >= min(2, len(first)):
        return True
    if not rest:
        return False
    for c in range(len(first)):
        if sum(1 for r in rest if _is_num(r[c] if c < len(r) else '')) / len(rest) >= 0.9:
            return True
    return all(all((r[c] if c < len(r) else None) != cell for r in rest) for c, cell in enumerate(first)) \
        and len(set(first)) == len(first) and len(rest) >= 5


def _open(path):
    return gzip.open(path, 'rb') if _is_gzip(path) else open(path, 'rb')


def _is_gzip(path):
    with open(path, 'rb') as f:
        return f.read(2) == b'\x1f\x8b'


def _decode(raw):
    try:
        return raw.decode('utf-8'), 'utf-8'
    except UnicodeDecodeError as e:
        # A sample may cut a multi-byte character at its end: only a fault before the last 3 bytes means Latin-1.
        if e.start >= len(raw) - 3:
            return raw[:e.start].decode('utf-8'), 'utf-8'
        return raw.decode('latin-1'), 'iso-8859-1'


def inspect(path):
    """Dialect, header, width and the first 50 data rows of a delimited file (plain or gzip)."""
    with _open(path) as f:
        raw = f.read(SAMPLE_BYTES)
        whole = len(f.read(1)) == 0
    if not raw:
        raise DataError(f'{path} is empty')
    text, encoding = _decode(raw)
    if text.startswith('\ufeff'):
        text = text[1:]
    if not whole:
        cut = max(text.rfind('\n'), text.rfind('\r'))
        text = text[:cut + 1] if cut >= 0 else text
    delimiter = _delimiter(text)
    rows = _rows(text, delimiter, 200)
    if not rows:
        raise DataError(f'{path} has no rows')
    has_header = _has_header(rows[:50])
    header, data = None, rows
    if has_header:
        seen = {}
        header = []
        for i, h in enumerate(rows[0]):
            name = h.strip() or f'column_{i + 1}'
            seen[name] = seen.get(name, 0) + 1
            header.append(name if seen[name] == 1 else f'{name}_{seen[name]}')
        data = rows[1:]
    width = len(header) if header else _modal(data)[0]
    return {'delimiter': delimiter, 'header': header, 'width': width, 'sample': data[:50], 'encoding': encoding}


# ---- column roles (columns.ts) -------------------------------------------------------------------------------------

def _by_header(names, roles):
    keys = [_key(n) for n in names]
    taken, out = set(), {}
    for role in roles:
        for syn in SYNONYMS[role]:
            i = next((i for i, k in enumerate(keys) if i not in taken and k == syn), -1)
            if i >= 0:
                out[role] = i
                taken.add(i)
                break
    return out


def parse_iso(s):
    """parseIsoLike: YYYY-MM-DD[ T]HH:MM[:SS[.fff]] with an optional zone (Z, UTC, GMT, ±HH:MM); no zone = UTC."""
    s = s.strip()
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?(.*)$', s)
    if not m:
        return math.nan
    y, mo, d = int(m[1]), int(m[2]), int(m[3])
    h, mi, sec = int(m[4] or 0), int(m[5] or 0), int(m[6] or 0)
    frac = float('0.' + m[7][:6]) if m[7] else 0.0
    if not (1 <= mo <= 12 and 1 <= d <= 31 and h <= 23 and mi <= 59 and sec < 61):
        return math.nan
    zone = m[8].strip()
    if zone in ('', 'Z', 'UTC', 'GMT'):
        off = 0
    else:
        z = re.match(r'^([+-])(\d{2}):?(\d{2})$', zone)
        if not z:
            return math.nan
        off = (-1 if z[1] == '-' else 1) * (int(z[2]) * 60 + int(z[3]))
    import calendar
    import datetime
    try:
        datetime.date(y, mo, d)
    except ValueError:
        return math.nan
    return calendar.timegm((y, mo, d, h, mi, 0)) + sec + frac - off * 60


def detect_time_format(cells, min_share=0.0):
    seconds = millis = iso = 0
    for c in cells:
        try:
            n = float(c) if c != '' else math.nan
        except ValueError:
            n = math.nan
        if math.isfinite(n):
            if 1e8 <= n < 1e10:
                seconds += 1
            elif 1e11 <= n < 1e13:
                millis += 1
        elif not math.isnan(parse_iso(c)):
            iso += 1
    best = max(seconds, millis, iso)
    if best == 0 or best < min_share * len(cells):
        return None
    return 'unix-s' if best == seconds else 'unix-ms' if best == millis else 'iso'


def _by_content(rows, n_cols, known):
    out = dict(known)
    used = set(out.values())
    free = lambda: [c for c in range(n_cols) if c not in used]
    col = lambda c: [r[c] if c < len(r) else '' for r in rows]

    def assign(role, c):
        out[role] = c
        used.add(c)
    if 'event' not in out:
        for c in free():
            cells = [x for x in col(c) if x != '']
            if cells and sum(1 for x in cells if normalise_event(x) in CANONICAL_EVENTS) / len(cells) >= 0.8:
                assign('event', c)
                break
    if 'time' not in out:
        for c in free():
            if detect_time_format(col(c), 0.9) is not None:
                assign('time', c)
                break
    if 'value' not in out and n_cols > 2:
        for c in reversed([c for c in free() if c >= 2]):
            cells = col(c)
            if not all(_is_num(x) for x in cells):
                continue
            xs = [float(x) for x in cells]
            if min(xs) >= 0 and max(xs) <= 10 and len(set(xs)) <= 11:
                assign('value', c)
                break
    rest = free()
    if 'user' not in out and rest:
        assign('user', rest.pop(0))
    if 'item' not in out and rest:
        assign('item', rest.pop(0))
    return out


def detect_mapping(header, rows):
    n_cols = len(header) if header else max([0] + [len(r) for r in rows])
    named = _by_header(header, EVENT_ROLES) if header else {}
    roles = named if header and 'user' in named and 'item' in named else _by_content(rows, n_cols, named)
    fmt = detect_time_format([r[roles['time']] if roles['time'] < len(r) else '' for r in rows]) if 'time' in roles else None
    return roles, fmt


def parse_columns(spec, header):
    """`user=userId,item=3`: a header name (exact, then loosely) or a 1-based column number (parseMappingSpec)."""
    out = {}
    for part in filter(None, (p.strip() for p in spec.split(','))):
        if '=' not in part:
            raise DataError(f'mapping "{part}" must look like role=column')
        role, name = (s.strip() for s in part.split('=', 1))
        if role not in EVENT_ROLES:
            raise DataError(f"unknown role \"{role}\" (roles: {', '.join(EVENT_ROLES)})")
        idx = header.index(name) if header and name in header else -1
        if idx < 0 and header:
            idx = next((i for i, h in enumerate(header) if _key(h) == _key(name)), -1)
        if idx < 0 and re.fullmatch(r'\d+', name):
            idx = int(name) - 1
        if idx < 0 or (header and idx >= len(header)):
            cols = f" (columns: {', '.join(header)})" if header else ''
            raise DataError(f'column "{name}" for role "{role}" is not in the file{cols}')
        out[role] = idx
    return out


def settle_mapping(header, sample, spec):
    roles, fmt = detect_mapping(header, sample)
    if spec:
        chosen = parse_columns(spec, header)
        taken = set(chosen.values())
        detected_time = roles.get('time')
        roles = {**{r: c for r, c in roles.items() if c not in taken}, **chosen}
        if 'time' in roles and roles['time'] != detected_time:
            fmt = detect_time_format([r[roles['time']] if roles['time'] < len(r) else '' for r in sample])
    if 'user' not in roles:
        raise DataError('no column is mapped to "user"')
    if 'item' not in roles:
        raise DataError('no column is mapped to "item"')
    if len(set(roles.values())) != len(roles):
        raise DataError('one column is mapped to two roles')
    if 'time' in roles and fmt is None:
        raise DataError("the time column's format (unix-s, unix-ms or iso) is unknown")
    return roles, fmt


# ---- rows → log ----------------------------------------------------------------------------------------------------

def _strip_ids(s):
    # String.prototype.trim's whitespace, but a BOM is kept (TS keeps it, to reject it).
    return s.str.strip(' \t\n\r\x0b\x0c\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a'
                       '\u2028\u2029\u202f\u205f\u3000')


def _times(cells, fmt):
    cells = cells.str.strip()
    if fmt == 'iso':
        uniq = pd.unique(cells)
        table = {u: parse_iso(u) for u in uniq} if len(uniq) < 2_000_000 else None
        return cells.map(table).to_numpy(np.float64) if table is not None else cells.map(parse_iso).to_numpy(np.float64)
    n = pd.to_numeric(cells, errors='coerce').to_numpy(np.float64)
    if fmt == 'unix-ms':
        n = n / 1000
    n[~((n >= 0) & (n <= MAX_UNIX_SECONDS))] = np.nan
    return n


class _Interner:
    """Ids in order of first appearance, chunk after chunk."""

    def __init__(self):
        self.index = {}
        self.values = []

    def ids(self, cells):
        codes, uniq = pd.factorize(cells, sort=False)
        mapping = np.empty(len(uniq), np.int64)
        for k, u in enumerate(uniq):
            i = self.index.get(u)
            if i is None:
                i = self.index[u] = len(self.values)
                self.values.append(u)
            mapping[k] = i
        return mapping[codes]


def _frames(path, shape):
    """DataFrames of text cells (column numbers as names), CHUNK_ROWS at a time."""
    d = shape['delimiter']
    width = shape['width']
    kwargs = dict(header=None, skiprows=1 if shape['header'] else 0, dtype=str, keep_default_na=False, na_filter=False,
                  names=list(range(width + 1)), on_bad_lines='skip', chunksize=CHUNK_ROWS, skip_blank_lines=True,
                  encoding='latin-1' if shape['encoding'] == 'iso-8859-1' else 'utf-8-sig',
                  compression='gzip' if _is_gzip(path) else None)
    if len(d) == 1 and d != ' ':
        kwargs.update(sep=d, engine='c', quotechar='"')
    else:
        kwargs.update(sep=re.escape(d), engine='python')
    yield from pd.read_csv(path, **kwargs)


PER_SECOND = {'ms': 1e3, 'us': 1e6, 'ns': 1e9}


def _parquet():
    try:
        from . import parquet
    except ImportError as e:
        raise DataError(f'reading Parquet needs reclens_torch/parquet.py (or pyarrow): {e}') from None
    return parquet


def _parquet_cells(values):
    """A Parquet column as the TS side reads its cells: text as is, null as empty, integers (also integer-valued
    floats) without a decimal point, other numbers as their shortest repr."""
    if isinstance(values, list) or values.dtype == object:
        return pd.Series(['' if v is None else v.decode('utf-8', 'replace') if isinstance(v, bytes) else
                          str(int(v)) if isinstance(v, float) and v.is_integer() else str(v) for v in values], dtype=object)
    if values.dtype.kind in 'iub':
        return pd.Series(values.astype(np.int64).astype(str), dtype=object)
    a = values.astype(np.float64)
    out = np.where(np.isnan(a), '', a.astype(str)).astype(object)
    whole = np.isfinite(a) & (a == np.round(a)) & (np.abs(a) < 2 ** 53)
    out[whole] = a[whole].astype(np.int64).astype(str)
    return pd.Series(out, dtype=object)


def _parquet_frames(path, header, time_col, time_unit):
    """Row groups as DataFrames of text cells (column numbers as names); a TIMESTAMP/DATE time column as seconds."""
    for group in _parquet().iter_row_groups(path):
        cols = {}
        for c, name in enumerate(header):
            values = group[name]
            if c == time_col and time_unit is not None:
                a = np.asarray(values, dtype=np.float64)
                cols[c] = pd.Series(a * 86400 if time_unit == 'days' else a / PER_SECOND[time_unit])
            else:
                cols[c] = _parquet_cells(values)
        yield pd.DataFrame(cols)


def _parquet_mapping(header, sample, columns, info):
    """Roles as for a text file; a TIMESTAMP or DATE time column is already a time, so its cells need no format."""
    typed = [c['logical'] in ('TIMESTAMP', 'DATE') for c in info]
    sample = [['2000-01-01' if typed[c] else x for c, x in enumerate(r)] for r in sample]
    roles, fmt = settle_mapping(header, sample, columns)
    if 'time' in roles and typed[roles['time']]:
        fmt = 'seconds'
    return roles, fmt


DEFAULT_SAMPLE_SEED = 1


def _imul(a, b):
    return (a * b) & 0xFFFFFFFF


def user_hash(user_id, seed):
    """hashRange in sampleUsers.ts: FNV-1a over UTF-16 code units, seeded, then the murmur3 finaliser."""
    h = (0x811C9DC5 ^ _imul(seed & 0xFFFFFFFF, 0x9E3779B1)) & 0xFFFFFFFF
    units = user_id.encode('utf-16-le')
    for k in range(0, len(units), 2):
        h = _imul(h ^ (units[k] | units[k + 1] << 8), 0x01000193)
    h ^= h >> 16
    h = _imul(h, 0x85EBCA6B)
    h ^= h >> 13
    h = _imul(h, 0xC2B2AE35)
    h ^= h >> 16
    return h


def parse_sample_fraction(text):
    """'0.1' or '10%' → a share of users in (0, 1]."""
    t = text.strip()
    try:
        n = float(t[:-1]) / 100 if t.endswith('%') else float(t)
    except ValueError:
        n = math.nan
    if not (0 < n <= 1):
        raise DataError(f'sample fraction "{text}" must be a number in (0, 1] (e.g. 0.1 or 10%)')
    return n


def _sampled_out(cells, fraction, seed):
    """Rows of users the sample leaves out (a user kept when its hash < fraction · 2^32), one hash per distinct id."""
    limit = math.floor(fraction * 2 ** 32)
    out = [x for x in pd.unique(cells) if user_hash(x, seed) >= limit]
    return cells.isin(out).to_numpy() if out else np.zeros(len(cells), bool)


def _forbidden(cells):
    """Rows whose id holds a forbidden character, checked once per distinct id."""
    bad = [x for x in pd.unique(cells) if FORBIDDEN.search(x)]
    return cells.isin(bad).to_numpy() if bad else np.zeros(len(cells), bool)


def read_events(path, columns=None, progress=None, sample=None, sample_seed=DEFAULT_SAMPLE_SEED):
    """The events log: users, items, eventTypes (lists), and per-row user/item/event (int) and time (float seconds),
    rows in file order; plus `rejected` counts by reason. `sample` (0, 1]: keep about that share of users, each with
    all its events (`sampledOut` counts the other rows)."""
    parquet = path.lower().endswith('.parquet')
    if parquet:
        info = _parquet().schema(path)
        header = [c['name'] for c in info]
        first = next(_parquet_frames(path, header, -1, None), None)
        if first is None:
            raise DataError(f'{path} has no rows')
        roles, fmt = _parquet_mapping(header, first.head(50).astype(str).values.tolist(), columns, info)
        unit = info[roles['time']]['unit'] if fmt == 'seconds' else None
        frames = _parquet_frames(path, header, roles.get('time', -1), unit)
    else:
        shape = inspect(path)
        header = shape['header']
        roles, fmt = settle_mapping(header, shape['sample'], columns)
        frames = _frames(path, shape)
    users, items, events = _Interner(), _Interner(), _Interner()
    implicit = None
    if 'event' not in roles:
        implicit = events.ids(pd.Series(['rating' if 'value' in roles else 'interaction']))[0]
    raw_events = {}
    parts = {'user': [], 'item': [], 'event': [], 'time': []}
    rejected = {}
    count = 0
    sampled_out = 0

    def reject(reason, n):
        if n:
            rejected[reason] = rejected.get(reason, 0) + int(n)
    for frame in frames:
        n = len(frame)
        count += n
        ok = np.ones(n, bool)
        if not parquet and frame.shape[1] > shape['width']:
            extra = (frame[shape['width']] != '').to_numpy()
            reject('wrong field count', extra.sum())
            ok &= ~extra
        u = _strip_ids(frame[roles['user']])
        bad = ok & (u == '').to_numpy()
        reject('empty user', bad.sum())
        ok &= ~bad
        bad = ok & (u.str.len() > MAX_ID_LENGTH).to_numpy()
        reject('id too long', bad.sum())
        ok &= ~bad
        if sample is not None and sample < 1:
            out = ok & _sampled_out(u, sample, sample_seed)
            sampled_out += int(out.sum())
            ok &= ~out
        i = _strip_ids(frame[roles['item']])
        bad = ok & (i == '').to_numpy()
        reject('empty item', bad.sum())
        ok &= ~bad
        bad = ok & (i.str.len() > MAX_ID_LENGTH).to_numpy()
        reject('id too long', bad.sum())
        ok &= ~bad
        if implicit is None:
            raw = frame[roles['event']].astype(str)
            # Labels are named in order of the rows that reach them (after the id checks), as the builder interns them.
            ev = np.full(n, -1, np.int64)
            codes, uniq = pd.factorize(raw[ok], sort=False)
            for k, label in enumerate(uniq):
                if label not in raw_events:
                    name = normalise_event(label)
                    raw_events[label] = -2 if FORBIDDEN.search(label) else -1 if name == '' else events.ids(pd.Series([name]))[0]
            lut = np.array([raw_events[label] for label in uniq] or [0], np.int64)
            ev[ok] = lut[codes]
            bad = ok & (ev == -2)
            reject('control character', bad.sum())
            ok &= ~bad
            bad = ok & (ev < 0)
            reject('empty event type', bad.sum())
            ok &= ~bad
        else:
            ev = np.full(n, implicit, np.int64)
        if 'time' in roles:
            col = frame[roles['time']]
            if fmt == 'seconds':
                t = col.to_numpy(np.float64).copy()
                t[~((t >= 0) & (t <= MAX_UNIX_SECONDS))] = np.nan
            else:
                t = _times(col, fmt)
            bad = ok & np.isnan(t)
            reject('bad timestamp', bad.sum())
            ok &= ~bad
        else:
            t = np.full(n, np.nan)
        # Ids with control characters last, as ingestEvents checks them once interned (after event and time).
        for ids in (u, i):
            bad = ok & _forbidden(ids)
            reject('control character', bad.sum())
            ok &= ~bad
        parts['user'].append(users.ids(u[ok]))
        parts['item'].append(items.ids(i[ok]))
        parts['event'].append(ev[ok])
        parts['time'].append(t[ok])
        if progress:
            progress({'rows': count})
    cat = lambda k, dt: np.concatenate(parts[k]).astype(dt) if parts[k] else np.zeros(0, dt)
    log = {'users': users.values, 'items': items.values, 'eventTypes': events.values, 'user': cat('user', np.int64),
           'item': cat('item', np.int64), 'event': cat('event', np.int64), 'time': cat('time', np.float64),
           'rows': count, 'rejected': rejected, 'sampledOut': sampled_out}
    log['hasTime'] = 'time' in roles
    if not log['hasTime']:
        log['time'] = np.arange(len(log['user']), dtype=np.float64)
    return log


def user_order(log):
    """Row indices grouped by user (in user index order), each user's rows by time then row (EventLogBuilder.build)."""
    rows = np.arange(len(log['user']))
    order = np.lexsort((rows, log['time'], log['user']))
    offsets = np.zeros(len(log['users']) + 1, np.int64)
    np.add.at(offsets, log['user'] + 1, 1)
    return order, np.cumsum(offsets)
