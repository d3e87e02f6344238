// `reclens help settings` and README's ranges table, both written from the range tables the checks use.
import { BOOTSTRAP_RANGE, NOTEARS_RANGES, PC_RANGES } from '../causal/settings';
import { METHOD_OPTION_RANGES } from '../explain/registry';
import { SENSITIVITY_RANGES } from '../explain/sensitivity';
import { PROJECTION_RANGES } from '../explain/projection';
import { intervalText, settingNames, span, type Range, type RangeTable } from '../lib/ranges';
import { BERT_RANGES } from '../ml/bert/config';
import { MEMORY_BUDGET_ENV, MODEL_BUDGET_SHARE, MODEL_HEAP_CAP } from '../rec/memory';
import { MODELS } from '../rec/registry';
import { DEBIAS_MODES } from '../rec/models/mfExplicit';
import { IMPLICIT_DEBIAS_MODES } from '../rec/models/mfImplicitIps';
import { SEQ_DEBIAS_MODES } from '../ml/seqrec/config';
import { FLAG_RANGES } from './command';
import { PREDICT_FLAG_RANGES } from './predictRanges';

interface Group {
  title: string;
  table: RangeTable;
}

/** Models that share one table are listed once ("sasrec, bert4rec"). */
function groups(): Group[] {
  const byTable = new Map<RangeTable, string[]>();
  for (const [name, e] of Object.entries(MODELS))
    if (settingNames(e.params).length) byTable.set(e.params, [...(byTable.get(e.params) ?? []), name]);
  return [
    ...[...byTable].map(([table, names]) => ({ title: `--params for ${names.join(', ')}`, table })),
    {
      title: 'explain options (--steps, --samples, --sensitivity-drops; maxEvents from the API)',
      table: { ...METHOD_OPTION_RANGES, 'sensitivity-drops': SENSITIVITY_RANGES.drops },
    },
    {
      title: 'causal discover/effect (--alpha, --lambda = lambda1, --threshold = wThreshold, --bootstrap)',
      table: { ...PC_RANGES, ...NOTEARS_RANGES, bootstrap: BOOTSTRAP_RANGE },
    },
    {
      title: 'project (--max-items = maxItems, --neighbours, --min-dist = minDist, --umap-epochs = epochs, --seed)',
      table: PROJECTION_RANGES,
    },
    {
      title: 'predict (--horizon-events, --horizon-days, --epochs, --learning-rate, --max-users, --max-events, --bootstrap)',
      table: PREDICT_FLAG_RANGES,
    },
    { title: 'BERT config.json', table: BERT_RANGES },
    { title: 'shared flags (--memory-budget in MiB)', table: FLAG_RANGES },
  ];
}

const cell = (r: Range) => `${intervalText(r)}${r.integer ? ' integer' : ''}`;
const budgetNote = `Model memory: each model's need is estimated from its settings and the data before it is built and refused over the budget (default ${MODEL_HEAP_CAP / 2 ** 30} GiB in Node, the most a wasm32 heap holds; in the browser ${100 * MODEL_BUDGET_SHARE}% of navigator.deviceMemory up to the same cap). Raise it with --memory-budget <MiB> or ${MEMORY_BUDGET_ENV}.`;

// The objectives that are not numbers, and why the sequence models stop at SNIPS.
const debiasNote =
  `Debiasing (--debias, or --params debias=…; clip is the propensities' lower bound): mf-explicit ${DEBIAS_MODES.join('|')}; ` +
  `mf-ips ${IMPLICIT_DEBIAS_MODES.join('|')}; sasrec, bert4rec ${SEQ_DEBIAS_MODES.join('|')} as example weights 1/propensity of each ` +
  'training target. The sequence models have no doubly robust objective: it needs an imputed outcome for every unobserved ' +
  '(history, item) pair, which a next-item softmax does not have.';

export function settingsHelp(): string {
  const lines = ['Ranges of every numeric setting (anything outside is refused before work starts; unknown names are refused):', ''];
  for (const g of groups()) {
    lines.push(`${g.title}:`);
    for (const k of settingNames(g.table)) lines.push(`  ${k.padEnd(24)} ${cell(g.table[k])}`);
    lines.push('');
  }
  lines.push(budgetNote, '', debiasNote, '');
  return lines.join('\n');
}

/** The README table, one row per table (README.md holds this text verbatim; a test keeps the two equal). */
export function settingsMarkdown(): string {
  const rows = ['| where | settings (integers as a–b; other numbers as intervals, parenthesis = bound excluded) |', '| --- | --- |'];
  for (const g of groups()) {
    const cells = settingNames(g.table).map(
      (k) => `\`${k}\` ${g.table[k].integer && !g.table[k].minOpen && !g.table[k].maxOpen ? span(g.table[k]) : intervalText(g.table[k])}`,
    );
    rows.push(`| ${g.title} | ${cells.join(', ')} |`);
  }
  return rows.join('\n');
}
