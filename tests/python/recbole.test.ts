// Models trained elsewhere: RecBole-layout SASRec and BERT4Rec state dicts, built and saved as RecBole's trainer saves
// them by python/reclens_torch/recbole.py, exported (recbole-export), converted (reclens import-recbole) and opened by
// `reclens recommend|explain|evaluate --checkpoint`. The scores must be the RecBole reference forward's within 1e-4;
// a GRU4Rec state dict is refused with a message that names it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRng } from '../../src/lib/rng';
import { describePython, python, reclens } from './python';

const dir = mkdtempSync(join(tmpdir(), 'reclens-recbole-'));
const at = (f: string) => join(dir, f);
const ITEMS = 12;
const MAX_LEN = 6;
const tokens = ['[PAD]', ...Array.from({ length: ITEMS }, (_, i) => `m${i + 1}`)];
/** RecBole's id of an item token: its index in the remap. */
const idOf = (token: string) => tokens.indexOf(token);

/** 16 users with 3–13 events over 12 items (repeats allowed), plus one event of an item RecBole never saw. */
function fixtureLog(): string {
  const rng = createRng(11);
  const rows = ['user_id,item_id,timestamp'];
  let t = 1_600_000_000;
  for (let u = 0; u < 16; u++) {
    const n = 3 + (u % 11);
    for (let k = 0; k < n; k++) rows.push(`u${u},m${1 + rng.int(ITEMS)},${(t += 60)}`);
  }
  rows.push(`u0,unknown-item,${(t += 60)}`);
  return rows.join('\n') + '\n';
}

const FIXTURE = (model: string, seed: number) => `
from reclens_torch.recbole import build_fixture
build_fixture(${JSON.stringify(model)}, ${ITEMS + 1}, ${JSON.stringify(at(`${model}.pth`))}, max_len=${MAX_LEN}, seed=${seed})
`;

const REFERENCE = `
import sys, json
from reclens_torch.recbole import reference_scores
q = json.loads(sys.stdin.read())
print(json.dumps(reference_scores(q['pth'], q['histories']).tolist()))
`;

const NOTE_UNKNOWN = "1 of the log's 13 items has no RecBole embedding (RecBole filtered it out): scored -10000, never recommended";

interface Recommended {
  history: { item: string }[];
  recommendations: { item: string; score: number }[];
}

beforeAll(() => {
  writeFileSync(at('log.csv'), fixtureLog());
  writeFileSync(at('tokens.json'), JSON.stringify(tokens));
  // One token per line without [PAD] is RecBole's other way of listing them: recbole-export puts [PAD] back.
  writeFileSync(at('tokens.txt'), tokens.slice(1).join('\n') + '\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describePython('RecBole checkpoints in RecLens', () => {
  for (const [model, seed, tokenFile] of [
    ['SASRec', 1, 'tokens.json'],
    ['BERT4Rec', 2, 'tokens.txt'],
  ] as const) {
    it(`${model}: exported, imported, and recommended from with RecBole's scores (within 1e-4)`, { timeout: 240_000 }, () => {
      python(['-c', FIXTURE(model, seed)]);
      const exported = JSON.parse(
        python([
          '-m',
          'reclens_torch',
          'recbole-export',
          '--pth',
          at(`${model}.pth`),
          '--item-tokens',
          at(tokenFile),
          '--out',
          at(model),
          '--json',
        ]).stdout,
      );
      expect(exported).toMatchObject({ model, items: ITEMS });
      const ckpt = at(`${model}-ckpt`);
      const imported = JSON.parse(
        reclens(['import-recbole', '--model-dir', at(model), '--data', at('log.csv'), '--out', ckpt, '--json']).stdout,
      );
      // The log's own items: the one RecBole never saw is kept, at the floor.
      expect(imported).toMatchObject({
        importedFrom: { framework: 'RecBole', model, modelItems: ITEMS, unknownItems: 1, unknownScore: -10000 },
        model: model.toLowerCase(),
        items: ITEMS + 1,
        users: 16,
      });
      expect(imported.notes).toEqual([NOTE_UNKNOWN]);

      // u2 has 5 events (a window shorter than MAX_LEN), u9 has 12 (longer: only the newest fit).
      for (const user of ['u2', 'u9']) {
        const rec: Recommended = JSON.parse(
          reclens(['recommend', '--checkpoint', ckpt, '--user', user, '--k', String(ITEMS + 1), '--json']).stdout,
        );
        const history = rec.history.map((h) => idOf(h.item));
        const [reference] = JSON.parse(
          python(['-c', REFERENCE], JSON.stringify({ pth: at(`${model}.pth`), histories: [history] })).stdout,
        ) as number[][];
        const known = rec.recommendations.filter((r) => r.item !== 'unknown-item');
        expect(known.length).toBeGreaterThan(0);
        for (const r of known) expect(Math.abs(r.score - reference[idOf(r.item) - 1])).toBeLessThan(1e-4);
        // The ranking is RecBole's too: the unseen items by the reference's score, then the one it has no embedding for.
        const unseen = tokens.slice(1).filter((t) => !rec.history.some((h) => h.item === t));
        const byReference = [...unseen].sort((a, b) => reference[idOf(b) - 1] - reference[idOf(a) - 1]);
        expect(rec.recommendations.map((r) => r.item)).toEqual([...byReference, 'unknown-item']);
        expect(rec.recommendations.at(-1)!.score).toBe(-10000);
      }

      // Explained like any sequence model: Integrated Gradients adds up to the score it explains.
      const explained = JSON.parse(reclens(['explain', '--checkpoint', ckpt, '--user', 'u9', '--method', 'ig', '--json']).stdout);
      expect(explained.model).toBe(model.toLowerCase());
      expect(explained.attributions.length).toBeGreaterThan(0);
      expect(Math.abs(explained.diagnostics.relativeGap)).toBeLessThan(0.01);
      const evaluated = JSON.parse(reclens(['evaluate', '--checkpoint', ckpt, '--json']).stdout);
      expect(evaluated.users).toBe(imported.evaluatedUsers);
      expect(evaluated.metrics['NDCG@10']).toBeGreaterThanOrEqual(0);
    });
  }

  it("--only-model-items keeps RecBole's own view: the model's items, events of others left out", { timeout: 120_000 }, () => {
    const out = at('SASRec-only');
    const args = ['import-recbole', '--model-dir', at('SASRec'), '--data', at('log.csv'), '--only-model-items', '--out', out, '--json'];
    const imported = JSON.parse(reclens(args).stdout);
    expect(imported).toMatchObject({ items: ITEMS, users: 16 });
    expect(imported.notes).toEqual([
      '1 of 114 events (of 1 item ids) are of items the RecBole model has no embedding for, and were left out',
    ]);
    const rec: Recommended = JSON.parse(reclens(['recommend', '--checkpoint', out, '--user', 'u0', '--k', '3', '--json']).stdout);
    expect(rec.history.map((h) => h.item)).not.toContain('unknown-item');
  });

  it('a GRU4Rec state dict is refused with a message that says what it is and what RecLens opens', { timeout: 120_000 }, () => {
    python(['-c', FIXTURE('GRU4Rec', 3)]);
    python([
      '-m',
      'reclens_torch',
      'recbole-export',
      '--pth',
      at('GRU4Rec.pth'),
      '--item-tokens',
      at('tokens.json'),
      '--out',
      at('GRU4Rec'),
    ]);
    expect(() => reclens(['import-recbole', '--model-dir', at('GRU4Rec'), '--data', at('log.csv'), '--out', at('GRU4Rec-ckpt')])).toThrow(
      'this is a RecBole GRU4Rec model: RecLens opens RecBole SASRec and BERT4Rec checkpoints',
    );
  });
});
