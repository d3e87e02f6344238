"""The sequence recommender's settings, as src/ml/seqrec/config.ts has them: the same keys, the same defaults derived
from the data, the same ranges, checked before anything is allocated. A checkpoint's `settings` are this dict plus
epochsTrained, so the app and `reclens --checkpoint` rebuild the same network."""
import math

LARGE_CATALOG = 10_000
ITEM_TEXT_MODES = ('off', 'init', 'augment')
DEBIAS_MODES = ('none', 'ips', 'snips')
POSITION_MODES = ('end', 'start')
OTHER_SETTINGS = ('mode', 'itemText', 'debias', 'positions', 'outputHead')

# name: (min, max, integer, minOpen, maxOpen, internal) — SEQREC_RANGES in config.ts.
RANGES = {
    'numItems': (1, 2 ** 24, True, False, False, True),
    'numEventTypes': (1, 255, True, False, False, False),
    'timeBuckets': (0, 64, True, False, False, False),
    'maxLen': (1, 2048, True, False, False, False),
    'hidden': (1, 4096, True, False, False, False),
    'layers': (1, 48, True, False, False, False),
    'heads': (1, 64, True, False, False, False),
    'intermediate': (1, 16384, True, False, False, False),
    'dropout': (0, 1, False, False, True, False),
    'maskProb': (0, 1, False, False, True, False),
    'lastMaskShare': (0, 1, False, False, True, False),
    'randomWindows': (0, 1, False, False, True, False),
    'negatives': (0, 65536, True, False, False, False),
    'popularNegatives': (0, 1, False, False, True, False),
    'learningRate': (0, 1, False, True, False, False),
    'weightDecay': (0, 1, False, False, False, False),
    'batchSize': (1, 65536, True, False, False, False),
    'maxEpochs': (1, 100_000, True, False, False, False),
    'patience': (1, 10_000, True, False, False, False),
    'evalEvery': (1, 10_000, True, False, False, False),
    'maxValUsers': (1, 10_000_000, True, False, False, False),
    'timeBudgetSec': (0, 31_536_000, False, False, False, False),
    'epochBudgetSec': (0, 86_400, False, False, False, False),
    'maxGradNorm': (0, 1e6, False, True, False, False),
    'textDim': (0, 8192, True, False, False, True),
    'clip': (1e-4, 0.5, False, False, False, False),
    'epochsTrained': (0, 1e9, True, False, False, True),
}


class ConfigError(ValueError):
    """A setting out of range or unknown, said as the TS side says it."""


def _bound(n):
    if abs(n) >= 1e6:
        e = f'{n:e}'
        mant, exp = e.split('e')
        if float(mant) == int(float(mant)):
            return f'{int(float(mant))}e{int(exp)}'
    return str(int(n)) if float(n).is_integer() else repr(n)


def range_text(name):
    lo, hi, integer, min_open, max_open, _ = RANGES[name]
    interval = f"{'(' if min_open else '['}{_bound(lo)}, {_bound(hi)}{')' if max_open else ']'}"
    return f"{'an integer' if integer else 'a number'} in {interval}"


def check_value(name, v):
    """None when v lies in the range of `name`, else the reason."""
    lo, hi, integer, min_open, max_open, _ = RANGES[name]
    good = isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
    good = good and (not integer or float(v).is_integer())
    good = good and (v > lo if min_open else v >= lo) and (v < hi if max_open else v <= hi)
    return None if good else f'{name} must be {range_text(name)} (got {v!r})'


def check_settings(settings, owner='sequence recommender'):
    """Unknown keys and out-of-range numbers, refused with a message (checkSeqRecSettings)."""
    unknown = [k for k in settings if k not in RANGES and k not in OTHER_SETTINGS]
    if unknown:
        known = ', '.join([k for k, r in RANGES.items() if not r[5]] + list(OTHER_SETTINGS))
        raise ConfigError(f"unknown setting(s) {', '.join(repr(k) for k in unknown)} for {owner} (known: {known})")
    for k, v in settings.items():
        if k in RANGES:
            why = check_value(k, v)
            if why:
                raise ConfigError(why)


def default_config(mode, num_items, lengths, num_event_types=1):
    """defaultConfig: maxLen covers ~80% of users (8…200, a multiple of 8; one more slot for bert4rec's [MASK])."""
    s = sorted(lengths)
    p80 = s[min(len(s) - 1, int(0.8 * len(s)))] if s else 8
    max_len = min(200, max(8, math.ceil((p80 + (1 if mode == 'bert4rec' else 0)) / 8) * 8))
    large = num_items > LARGE_CATALOG
    return {
        'mode': mode, 'numItems': num_items, 'numEventTypes': max(1, num_event_types), 'timeBuckets': 0, 'maxLen': max_len,
        'hidden': 64, 'layers': 2, 'heads': 2, 'intermediate': 256, 'dropout': 0.2, 'maskProb': 0.2, 'lastMaskShare': 0.1,
        'randomWindows': 0, 'negatives': 1024 if large else 0, 'popularNegatives': 0.5 if large else 0, 'learningRate': 1e-3,
        'weightDecay': 0.01, 'batchSize': 128, 'maxEpochs': 200, 'patience': 5, 'evalEvery': 2, 'maxValUsers': 2048,
        'timeBudgetSec': 0, 'epochBudgetSec': 0, 'maxGradNorm': 5, 'itemText': 'off', 'textDim': 0, 'debias': 'none',
        'clip': 0.01, 'positions': 'end', 'outputHead': False,
    }


def validate_config(c):
    """validateConfig: the whole resolved config, as a checkpoint's settings are checked on open."""
    if c.get('mode') not in ('sasrec', 'bert4rec'):
        raise ConfigError(f"unknown mode {c.get('mode')!r} (sasrec or bert4rec)")
    for k in RANGES:
        if k in c:
            why = check_value(k, c[k])
            if why:
                raise ConfigError(why)
    if c['hidden'] % c['heads']:
        raise ConfigError(f"hidden ({c['hidden']}) must be divisible by heads ({c['heads']})")
    if c['mode'] == 'bert4rec' and c['maxLen'] < 2:
        raise ConfigError('bert4rec needs maxLen ≥ 2 (history + [MASK])')
    if c.get('itemText', 'off') not in ITEM_TEXT_MODES:
        raise ConfigError(f"itemText must be one of {', '.join(ITEM_TEXT_MODES)} (got {c.get('itemText')!r})")
    if c.get('debias', 'none') not in DEBIAS_MODES:
        raise ConfigError(f"debias must be one of {', '.join(DEBIAS_MODES)} for {c['mode']} (got {c.get('debias')!r})")
    if c.setdefault('positions', 'end') not in POSITION_MODES:
        raise ConfigError(f"positions must be one of {', '.join(POSITION_MODES)} (got {c['positions']!r})")
    if not isinstance(c.setdefault('outputHead', False), bool):
        raise ConfigError(f"outputHead must be true or false (got {c['outputHead']!r})")
    return c


def resolve_config(base, overrides):
    check_settings(overrides, base.get('mode', 'sequence recommender'))
    c = dict(base)
    c.update({k: v for k, v in overrides.items() if k != 'epochsTrained' and v is not None})
    # --params gives text: outputHead=true is the boolean.
    if c.get('outputHead') in ('true', 'false'):
        c['outputHead'] = c['outputHead'] == 'true'
    return validate_config(c)


def parse_params(spec):
    """`k=v,k=v` → dict: numbers as numbers (ints stay ints), other values as text, as the TS CLI's parseParams."""
    out = {}
    for part in filter(None, (p.strip() for p in (spec or '').split(','))):
        if '=' not in part:
            raise ConfigError(f'--params entry "{part}" must look like key=value')
        k, v = (s.strip() for s in part.split('=', 1))
        try:
            num = float(v)
            out[k] = int(num) if num.is_integer() and 'e' not in v.lower() and '.' not in v else num
        except ValueError:
            out[k] = v
    return out


def time_bucket(gap_seconds, buckets):
    """Log-scale bucket of a time gap: 0 = unknown/first event, then 1 + ⌊log2(1 + gap)⌋ capped."""
    if not (gap_seconds >= 0) or buckets < 2:
        return 0
    return 1 + min(buckets - 2, int(math.floor(math.log2(1 + gap_seconds))))
