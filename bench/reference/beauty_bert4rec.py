"""BERT4Rec on Beauty toward its paper's figure (Sun et al. 2019: NDCG@10 0.1862, HR@10 0.3025 under pop100), with
the package's model and training loop (python/reclens_torch) and the paper's Beauty recipe: hidden 64, 2 layers,
2 heads, maxLen 50, mask probability 0.6, dropout 0.1, Adam(W) lr 1e-4 with weight decay 0.01, batch 256, gradient
norm clipped at 5, full softmax over the 54,542 items. It is a long run for the background, so it takes one thread.

The split is src/rec/split.ts's leave-one-out (the package's leave_one_out); the protocol is src/rec/evaluate.ts's
pop100: the held-out item against 100 distinct items drawn by training popularity, none in the user's history, rank
1 + greater + ⌊ties / 2⌋. Each stage's negatives are drawn once (seeded) and kept for every evaluation, so the curve
moves with the model and not with the draw. Every --eval-every epochs it scores validation (history before the
validation item) and test (history before the test item) and rewrites the curve JSON, so a run stopped at any time
leaves its curve; the test figure to report is the one at the best validation epoch. The model trains on every item
but validation and test (the paper's code also trains on the validation item; this run keeps it out to choose the
epoch), and the best-validation weights are written as a checkpoint that `reclens evaluate --checkpoint` opens.

Usage: OMP_NUM_THREADS=1 nice -n 19 /usr/bin/python3 bench/reference/beauty_bert4rec.py --out bench/results/X.json
       [--until 17:38] [--epochs N] [--eval-every 2] [--params k=v,…] [--checkpoint DIR] [--threads 1] [--seed 42] [--patience 3]
       [--final-fit]   (with --epochs set to the tuning run's best epoch: the recipe's phase 2)
       [--quality]     (RecLens's "train for quality" path instead of the paper's recipe: the package's default settings,
                        the plan and stopping rules of src/rec/qualityRecipe.ts, then the final fit, in one run)"""
import argparse
import datetime
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'python'))
from reclens_torch.batch import inference_rows, pack  # noqa: E402
from reclens_torch.checkpoint import history_of, write_checkpoint  # noqa: E402
from reclens_torch.config import parse_params  # noqa: E402
from reclens_torch.split import leave_one_out, train_sequences  # noqa: E402
from reclens_torch.train import train  # noqa: E402

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'shared', 'data', 'bert4rec-amazon-beauty',
                    'beauty.txt')
# The paper's Beauty settings (section 4.3 and its code's Beauty run); negatives 0 = full softmax; outputHead = the
# code's masked-LM head (dense → GELU → LayerNorm before the tied product).
PAPER = {'hidden': 64, 'layers': 2, 'heads': 2, 'intermediate': 256, 'maxLen': 50, 'maskProb': 0.6, 'dropout': 0.1,
         'learningRate': 1e-4, 'weightDecay': 0.01, 'batchSize': 256, 'maxGradNorm': 5, 'negatives': 0,
         'popularNegatives': 0, 'outputHead': True}
NEGATIVES = 100
# "Train for quality" (src/rec/qualityFit.ts) for bert4rec: maxLen FIRST_FIT_MAX_LEN, then qualityRecipe.ts's rules.
QUALITY_MAX_LEN = 50
QUALITY_UPDATES_PER_ITEM = 4000
QUALITY_MAX_EPOCHS = (600, 4000)
QUALITY_VALIDATIONS_PER_CAP = 50
QUALITY_MIN_EPOCH_SHARE, QUALITY_MIN_EPOCHS = 0.1, 10
QUALITY_PATIENCE_SHARE, QUALITY_MIN_PATIENCE_VALIDATIONS = 0.5, 3


def quality_plan(train_events, num_items):
    """planQuality('bert4rec', …) of src/rec/qualityRecipe.ts (JS Math.round is ⌊x + ½⌋)."""
    per_item = train_events / num_items
    max_epochs = min(QUALITY_MAX_EPOCHS[1], max(QUALITY_MAX_EPOCHS[0], math.ceil(QUALITY_UPDATES_PER_ITEM / per_item)))
    eval_every = max(1, math.floor(max_epochs / QUALITY_VALIDATIONS_PER_CAP + 0.5))
    return {'mode': 'bert4rec', 'eventsPerItem': per_item, 'maxEpochs': max_epochs, 'evalEvery': eval_every,
            'minEpochs': max(QUALITY_MIN_EPOCHS, math.ceil(QUALITY_MIN_EPOCH_SHARE * max_epochs)),
            'minPatience': QUALITY_MIN_PATIENCE_VALIDATIONS * eval_every}


def quality_should_stop(plan, epoch, best_epoch):
    """shouldStop of qualityRecipe.ts: the cap, or past minEpochs with the best epoch patienceAt behind."""
    if epoch >= plan['maxEpochs']:
        return True
    patience = max(plan['minPatience'], math.ceil(QUALITY_PATIENCE_SHARE * best_epoch))
    return epoch >= plan['minEpochs'] and epoch - best_epoch >= patience


def read_beauty(path):
    """`user item` lines in time order (the BERT4Rec repository's file): the log dict leave_one_out takes."""
    raw = np.loadtxt(path, dtype=np.int64)
    users, user = np.unique(raw[:, 0], return_inverse=True)
    items, item = np.unique(raw[:, 1], return_inverse=True)
    return {'users': [str(u) for u in users], 'items': [str(i) for i in items], 'eventTypes': ['interaction'],
            'user': user.astype(np.int64), 'item': item.astype(np.int64), 'event': np.zeros(len(raw), np.int64),
            # The file's order is the time order: row number as time keeps it through user_order's sort.
            'time': np.arange(len(raw), dtype=np.float64)}


def sample_negatives(forbidden, cumulative, rng, count=NEGATIVES):
    """count distinct items by training popularity, none of them forbidden (NegativeSampler 'popularity')."""
    out, seen = [], set(int(x) for x in forbidden)
    while len(out) < count:
        for i in np.searchsorted(cumulative, rng.random(4 * count), side='right'):
            i = int(i)
            if i not in seen:
                seen.add(i)
                out.append(i)
                if len(out) == count:
                    break
    return out


def stage_cases(split, stage, popularity, seed):
    """Per evaluated user: (history, target, candidates = [target] + 100 negatives)."""
    pos_of = split['testPos' if stage == 'test' else 'valPos']
    cumulative = np.cumsum(popularity) / popularity.sum()
    rng = np.random.default_rng([seed, 1 if stage == 'test' else 0])
    seqs, cands = [], []
    for u in range(len(pos_of)):
        if pos_of[u] < 0:
            continue
        h = history_of(split, u, stage)
        target = int(split['items'][int(split['offsets'][u]) + pos_of[u]])
        seqs.append(h)
        cands.append([target] + sample_negatives(list(h['items']) + [target], cumulative, rng))
    return seqs, torch.as_tensor(cands, dtype=torch.long)


@torch.no_grad()
def pop100(model, seqs, cands, chunk=512):
    """Mean NDCG@10 and HR@10 of the target (column 0 of cands) among its candidates."""
    c = model.config
    was = model.training
    model.eval()
    ndcg = hr = 0.0
    for r in range(0, len(seqs), chunk):
        b = pack(inference_rows(seqs[r:r + chunk], c), c)
        h = model.encode(b['ids'], b['types'], b['pos'], b['gaps'], b['mask'])[:, -1]
        ids = cands[r:r + chunk]
        s = (h.unsqueeze(1) * model.embeddings.item[ids + 1]).sum(-1) + model.output.bias[ids]
        t = s[:, :1]
        rank = 1 + (s[:, 1:] > t).sum(1) + (s[:, 1:] == t).sum(1) // 2
        hit = rank <= 10
        ndcg += float(torch.where(hit, 1 / torch.log2(rank.double() + 1), torch.zeros(len(rank), dtype=torch.float64)).sum())
        hr += float(hit.sum())
    model.train(was)
    return ndcg / len(seqs), hr / len(seqs)


def write_report(path, report):
    report['updated'] = datetime.datetime.now(datetime.timezone.utc).isoformat()
    with open(path + '.tmp', 'w') as f:
        json.dump(report, f, indent=1)
    os.replace(path + '.tmp', path)


def run_quality(a, log, split, val, test, report):
    """RecLens's "train for quality" path on Beauty with the package's twin of the TS trainer: the default settings
    (those src/ml/seqrec/config.ts derives from the data) with maxLen 50; phase 1 validates on each user's validation
    item (the trainer's own full-ranking NDCG@10 over up to maxValUsers users, as the TS tuning fit does) and stops by
    qualityRecipe.ts's rules; phase 2 is a fresh model, same seed, on train + validation for the best epoch count. The
    pop100 figures at each validation are shown, never used to choose."""
    plan = quality_plan(sum(len(s['items']) for s in train_sequences(split)), len(log['items']))
    base = {'maxLen': QUALITY_MAX_LEN, **parse_params(a.params)}
    # The tuning fit's validation target is the split's validation item: train_sequences keeps it once valPos is -1,
    # and the trainer's hold-out takes each sequence's last item back out.
    with_val = {**split, 'valPos': np.full_like(split['valPos'], -1)}
    report.update({'recipe': 'quality', 'plan': plan, 'settingsGiven': base, 'tuning': {'curve': []}, 'finalFit': {'curve': []}})
    best = {'val': -1.0, 'epoch': 0}
    sys.stderr.write(json.dumps({'plan': plan}) + '\n')

    def point(model, epoch, entry, stage):
        t0 = time.time()
        vn, vh = pop100(model, *val) if stage == 'tuning' else (None, None)
        tn, th = pop100(model, *test)
        out = {'epoch': epoch, 'loss': entry['loss'], 'seconds': entry['seconds'], 'valNdcg10Full': entry.get('valNdcg10'),
               'valNdcg10': vn, 'valHr10': vh, 'testNdcg10': tn, 'testHr10': th, 'evalSeconds': time.time() - t0}
        report[stage]['curve'].append(out)
        write_report(a.out, report)
        sys.stderr.write(json.dumps({'stage': stage, **out}) + '\n')
        sys.stderr.flush()

    def on_tuning_epoch(epoch, model, entry):
        if 'valNdcg10' not in entry:
            return False
        # Ties go to the later epoch, as in qualityFit.ts.
        if entry['valNdcg10'] >= best['val']:
            best['val'], best['epoch'] = entry['valNdcg10'], epoch
        point(model, epoch, entry, 'tuning')
        return quality_should_stop(plan, epoch, best['epoch'])

    tuning = {**base, 'maxEpochs': plan['maxEpochs'], 'evalEvery': plan['evalEvery'], 'patience': 10_000}
    _, config, result, _ = train(with_val, 'bert4rec', tuning, seed=a.seed, device='cpu', on_epoch=on_tuning_epoch, hold_out=True)
    report['tuning'].update({'epochs': result['epochs'], 'bestEpoch': best['epoch'], 'bestValNdcg10Full': best['val'],
                             'stoppedBy': 'cap' if result['epochs'] >= plan['maxEpochs'] else 'patience',
                             'trainSeconds': result['trainSeconds'], 'settings': config})
    write_report(a.out, report)

    def on_final_epoch(epoch, model, entry):
        if epoch % plan['evalEvery'] == 0 or epoch == best['epoch']:
            point(model, epoch, entry, 'finalFit')

    final = {**base, 'maxEpochs': best['epoch'], 'evalEvery': 10_000, 'patience': 10_000}
    model, config, result, _ = train(with_val, 'bert4rec', final, seed=a.seed, device='cpu', on_epoch=on_final_epoch, hold_out=False)
    report['finalFit'].update({'epochs': result['epochs'], 'trainSeconds': result['trainSeconds'], 'data': 'train + validation'})
    report['best'] = report['finalFit']['curve'][-1]
    report['finished'] = datetime.datetime.now(datetime.timezone.utc).isoformat()
    write_report(a.out, report)
    if a.checkpoint:
        write_checkpoint(a.checkpoint, model='bert4rec', backend='pytorch-cpu', settings={**config, 'epochsTrained': best['epoch']},
                         tensors={k: v.numpy() for k, v in model.state_dict().items()}, users=log['users'], items=log['items'],
                         split=split, seed=a.seed, train_seconds=report['tuning']['trainSeconds'] + result['trainSeconds'],
                         source=a.data, interactions=int(len(log['user'])))
    return 0


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default=DATA)
    p.add_argument('--out', required=True, help='curve JSON (rewritten at every evaluation)')
    p.add_argument('--checkpoint', help='folder for the best-validation checkpoint')
    p.add_argument('--until', help='UTC HH:MM at which training stops (the time budget)')
    p.add_argument('--epochs', type=int, default=100_000)
    p.add_argument('--eval-every', type=int, default=2)
    p.add_argument('--params', help='overrides of the paper settings, k=v,…')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--seed', type=int, default=42)
    p.add_argument('--patience', type=int, default=0,
                   help='stop after this many evaluations in a row without a better validation NDCG@10 (0: never)')
    p.add_argument('--final-fit', action='store_true',
                   help='train on train + validation (every item but the test one, as the paper\'s code does) for --epochs, '
                        'the count a tuning run chose; validation is then seen in training, so only test is scored')
    p.add_argument('--quality', action='store_true',
                   help='RecLens\'s "train for quality" path (the package defaults, qualityRecipe.ts\'s plan, then the final '
                        'fit) instead of the paper\'s recipe; --params then overrides the defaults')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    started = time.time()
    log = read_beauty(a.data)
    split = leave_one_out(log)
    split['numItems'] = len(log['items'])
    seqs = train_sequences(split)
    # Popularity and each stage's negatives come from the tuning split in both modes, so a final fit is scored on the
    # same test cases as the run that chose its epochs.
    popularity = np.bincount(np.concatenate([s['items'] for s in seqs]), minlength=len(log['items'])).astype(np.float64)
    val = stage_cases(split, 'validation', popularity, a.seed)
    test = stage_cases(split, 'test', popularity, a.seed)
    if a.quality:
        return run_quality(a, log, split, val, test, {
            'dataset': 'beauty', 'protocol': 'pop100', 'model': 'bert4rec', 'seed': a.seed, 'threads': a.threads,
            'command': ' '.join(['python3'] + sys.argv), 'started': datetime.datetime.now(datetime.timezone.utc).isoformat(),
            'users': len(log['users']), 'items': len(log['items']), 'interactions': int(len(log['user'])),
            'evaluatedUsers': len(val[0]), 'paper': {'ndcg10': 0.1862, 'hr10': 0.3025}})
    params = {**PAPER, **parse_params(a.params), 'maxEpochs': a.epochs, 'evalEvery': 10_000, 'patience': 10_000}
    if a.until:
        now = datetime.datetime.now(datetime.timezone.utc)
        hh, mm = (int(x) for x in a.until.split(':'))
        end = now.replace(hour=hh, minute=mm, second=0, microsecond=0)
        if end <= now:  # a time of day already past means tomorrow's (a run that crosses midnight)
            end += datetime.timedelta(days=1)
        params['timeBudgetSec'] = max(1, int((end - now).total_seconds()))
    report = {'dataset': 'beauty', 'protocol': 'pop100', 'model': 'bert4rec', 'recipe': params, 'seed': a.seed,
              'command': ' '.join(['python3'] + sys.argv), 'threads': a.threads, 'started': datetime.datetime.now(
                  datetime.timezone.utc).isoformat(), 'users': len(log['users']), 'items': len(log['items']),
              'interactions': int(len(log['user'])), 'evaluatedUsers': len(val[0]),
              'paper': {'ndcg10': 0.1862, 'hr10': 0.3025}, 'curve': [], 'best': None, 'evalEvery': a.eval_every,
              'patience': a.patience}
    state = {'best': -1.0, 'weights': None, 'since_best': 0, 'steps_per_epoch': math.ceil(sum(len(s['items']) >= 1 for s in seqs) / params['batchSize'])}

    def on_epoch(epoch, model, entry):
        # The epoch the time budget ends is evaluated too: it is the last one.
        last = params.get('timeBudgetSec', 0) > 0 and entry['seconds'] >= params['timeBudgetSec']
        if epoch % a.eval_every and not last:
            return
        t0 = time.time()
        vn, vh = (None, None) if a.final_fit else pop100(model, *val)
        tn, th = pop100(model, *test)
        point = {'epoch': epoch, 'steps': epoch * state['steps_per_epoch'], 'loss': entry['loss'], 'seconds': entry['seconds'],
                 'valNdcg10': vn, 'valHr10': vh, 'testNdcg10': tn, 'testHr10': th, 'evalSeconds': time.time() - t0}
        report['curve'].append(point)
        # A final fit has no validation to choose by: its model is the last epoch's.
        if a.final_fit or vn >= state['best']:
            state['best'] = vn if vn is not None else epoch
            state['weights'] = {k: v.detach().clone() for k, v in model.state_dict().items()}
            report['best'] = point
            state['since_best'] = 0
        else:
            state['since_best'] += 1
        report['updated'] = datetime.datetime.now(datetime.timezone.utc).isoformat()
        with open(a.out + '.tmp', 'w') as f:
            json.dump(report, f, indent=1)
        os.replace(a.out + '.tmp', a.out)
        sys.stderr.write(json.dumps(point) + '\n')
        sys.stderr.flush()
        return a.patience > 0 and state['since_best'] >= a.patience

    report['finalFit'] = a.final_fit
    # The final fit's split has no validation item: train_sequences then keeps it in each user's training sequence.
    fit_split = {**split, 'valPos': np.full_like(split['valPos'], -1)} if a.final_fit else split
    model, config, result, _ = train(fit_split, 'bert4rec', params, seed=a.seed, device='cpu', on_epoch=on_epoch, hold_out=False)
    report['stoppedBy'], report['epochs'], report['trainSeconds'] = result['stoppedBy'], result['epochs'], result['trainSeconds']
    report['finished'] = datetime.datetime.now(datetime.timezone.utc).isoformat()
    with open(a.out, 'w') as f:
        json.dump(report, f, indent=1)
    if a.checkpoint and state['weights'] is not None:
        write_checkpoint(a.checkpoint, model='bert4rec', backend='pytorch-cpu',
                         settings={**config, 'epochsTrained': report['best']['epoch']},
                         tensors={k: v.numpy() for k, v in state['weights'].items()}, users=log['users'], items=log['items'],
                         split=split, seed=a.seed, train_seconds=time.time() - started, source=a.data,
                         interactions=int(len(log['user'])))
    return 0


if __name__ == '__main__':
    sys.exit(main())
