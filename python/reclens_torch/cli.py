"""`python3 -m reclens_torch train|score`: train writes the checkpoint folder `reclens --checkpoint` and the app open;
score prints a checkpoint's scores for users (the parity tests compare them with the TS side's). Progress goes to
stderr as JSON lines; with --json the result is one JSON object on stdout."""
import argparse
import json
import sys
import time

from .config import ConfigError, check_settings, check_value, parse_params


def _progress(p):
    sys.stderr.write(json.dumps(p) + '\n')
    sys.stderr.flush()


def _int_flag(value, name, lo, hi):
    try:
        v = int(value)
    except ValueError:
        raise ConfigError(f'--{name} must be an integer in [{lo}, {hi}] (got {value!r})') from None
    if not lo <= v <= hi:
        raise ConfigError(f'--{name} must be an integer in [{lo}, {hi}] (got {v})')
    return v


def cmd_train(a):
    from . import dist as D
    from .checkpoint import write_checkpoint
    from .data import read_events
    from .split import leave_one_out
    from .train import train
    params = parse_params(a.params)
    if a.epochs is not None:
        params['maxEpochs'] = _int_flag(a.epochs, 'epochs', 1, 100_000)
        why = check_value('maxEpochs', params['maxEpochs'])
        if why:
            raise ConfigError(why)
    seed = _int_flag(a.seed, 'seed', 0, 2 ** 31 - 1)
    # Unknown keys and out-of-range values are refused before the log is read (the rest, e.g. hidden % heads, once
    # the data gives the defaults).
    check_settings(params, a.model)
    started = time.perf_counter()
    from .data import parse_sample_fraction
    sample = parse_sample_fraction(a.sample_users) if a.sample_users else None
    log = read_events(a.data, a.columns, sample=sample, sample_seed=_int_flag(a.sample_seed, 'sample-seed', 0, 2 ** 31 - 1))
    targets = [t.strip() for t in a.targets.split(',')] if a.targets else None
    split = leave_one_out(log, target_events=targets)
    split['numItems'] = len(log['items'])
    model, config, result, d = train(split, a.model, params, seed=seed, device=a.device, progress=_progress)
    out = None
    if d.main:
        settings = {**config, 'epochsTrained': result['epochs']}
        tensors = {k: v.detach().numpy() for k, v in model.state_dict().items()}
        files = write_checkpoint(a.out, model=a.model, backend=f"pytorch-{'cuda' if d.device.type == 'cuda' else 'cpu'}",
                                 settings=settings, tensors=tensors, users=log['users'], items=log['items'], split=split,
                                 seed=seed, train_seconds=time.perf_counter() - started, source=a.data,
                                 interactions=int(len(log['user'])))
        out = {'out': a.out, 'model': a.model, 'users': len(log['users']), 'items': len(log['items']), 'seed': seed,
               'trainSeconds': time.perf_counter() - started, 'files': files, 'rejected': log['rejected'],
               'sampledOut': log['sampledOut'],
               **{k: result[k] for k in ('stoppedBy', 'epochs', 'steps', 'bestValNdcg10', 'bestEpoch', 'sequencesPerSec',
                                         'ranks', 'device')}, 'epochSeconds': result['trainSeconds'], 'fitSeconds': result['seconds'],
               'history': result['history']}
    D.teardown(d)
    if out is not None:
        if a.json:
            print(json.dumps(out))
        else:
            print(f"trained {a.model} in {out['trainSeconds']:.2f} s on {out['ranks']} process(es) ({out['device']}) → {a.out}")
    return 0


def cmd_score(a):
    from .score import score_users
    users = [u for u in a.users.split(',') if u] if a.users else None
    ids, scores, items = score_users(a.checkpoint, users, a.stage, a.device or 'cpu')
    if a.top:
        k = _int_flag(a.top, 'top', 1, scores.shape[1])
        rows = [[int(i) for i in (-row).argsort(kind='stable')[:k]] for row in scores]
        payload = {'users': ids, 'top': [[items[i] for i in row] for row in rows],
                   'scores': [[float(scores[r][i]) for i in row] for r, row in enumerate(rows)]}
    else:
        payload = {'users': ids, 'scores': scores.tolist()}
    print(json.dumps(payload) if a.json else '\n'.join(f'{u}\t' + ' '.join(f'{x:.6f}' for x in s) for u, s in zip(ids, payload['scores'])))
    return 0


def cmd_evaluate(a):
    from .score import evaluate_ndcg10
    out = {'stage': a.stage, **evaluate_ndcg10(a.checkpoint, a.stage, a.device or 'cpu')}
    print(json.dumps(out) if a.json else f"NDCG@10 {out['NDCG@10']:.4f} over {out['users']} users ({a.stage})")
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(prog='python3 -m reclens_torch', description=__doc__)
    sub = p.add_subparsers(dest='command', required=True)
    t = sub.add_parser('train', help='train sasrec or bert4rec on an events file and write a checkpoint folder')
    t.add_argument('--data', required=True, help='events file: CSV, CSV.gz or Parquet')
    t.add_argument('--model', required=True, choices=['sasrec', 'bert4rec'])
    t.add_argument('--out', required=True, help='checkpoint folder to write')
    t.add_argument('--epochs', help='maxEpochs (early stopping may end sooner)')
    t.add_argument('--params', help='settings as k=v,… with the TS config keys (hidden=64,layers=2,…)')
    t.add_argument('--seed', default='42')
    t.add_argument('--columns', '--map', dest='columns', help='column roles as reclens --map takes them, e.g. user=visitor,item=sku,time=ts')
    t.add_argument('--sample-users', help="keep about this share of users (0.1 or 10%%), each with all its events, as reclens ingest --sample-users")
    t.add_argument('--sample-seed', default='1', help='seed of the user sample (another seed, other users)')
    t.add_argument('--targets', help='event types that may be held out (default: every interaction)')
    t.add_argument('--device', choices=['cpu', 'cuda'], help='default: cuda when available')
    t.add_argument('--json', action='store_true')
    t.set_defaults(run=cmd_train)
    s = sub.add_parser('score', help="a checkpoint's scores of every item for users' histories")
    s.add_argument('--checkpoint', required=True)
    s.add_argument('--users', help='comma-separated user ids (default: all)')
    s.add_argument('--stage', default='all', choices=['all', 'test', 'validation'])
    s.add_argument('--top', help='only the top N items per user (item ids) and their scores, history not excluded')
    s.add_argument('--device', choices=['cpu', 'cuda'])
    s.add_argument('--json', action='store_true')
    s.set_defaults(run=cmd_score)
    e = sub.add_parser('evaluate', help="a checkpoint's NDCG@10 on its own leave-one-out split (full ranking)")
    e.add_argument('--checkpoint', required=True)
    e.add_argument('--stage', default='test', choices=['test', 'validation'])
    e.add_argument('--device', choices=['cpu', 'cuda'])
    e.add_argument('--json', action='store_true')
    e.set_defaults(run=cmd_evaluate)
    from .recbole import add_parser as add_recbole_export  # RecBole checkpoints into RecLens (recbole.py)
    add_recbole_export(sub)
    a = p.parse_args(argv)
    try:
        return a.run(a)
    except (ValueError, OSError) as e:
        sys.stderr.write(f'reclens_torch {a.command}: {e}\n')
        return 1


if __name__ == '__main__':
    sys.exit(main())
