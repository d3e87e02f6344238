// The last explanation in the workspace record: saved with the recommender it explains (by the id the record's models
// use), read back field by field, and shown again (Explain view, report, CSV) once that model is re-opened.
import { isObj } from '../data/datasetColumns';
import { METHOD_NAMES } from '../explain/registry';
import { asItemIdx } from '../lib/ids';
import { isPlainData } from '../lib/plainData';
import type { ExplainedRow, ExplainResult } from '../explain/explainTopK';
import type { AttentionMaps } from '../explain/types';
import type { SharedExplanation } from './sharingSlice';

/** The explanation when its model is one the record keeps (`kept`: the record's model ids). */
export function explanationRecordOf(shown: SharedExplanation | null, kept: ReadonlySet<string>): SharedExplanation | null {
  return shown && kept.has(shown.modelId) ? shown : null;
}

/** JSON writes NaN (an unmeasured figure) as null: read it back as NaN; anything else not a number fails. */
const revive = (x: unknown): number | undefined => (typeof x === 'number' ? x : x === null ? NaN : undefined);
function numbers(x: unknown): number[] | null {
  if (!Array.isArray(x)) return null;
  const out = x.map(revive);
  return out.every((v) => v !== undefined) ? (out as number[]) : null;
}
function numberRecord(x: unknown): Record<string, number> | null {
  if (!isObj(x)) return null;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(x)) {
    const n = revive(v);
    if (n === undefined) return null;
    out[k] = n;
  }
  return out;
}

function parseFaithfulness(raw: unknown): ExplainedRow['faithfulness'] | null {
  if (!isObj(raw)) return null;
  const deletion = numbers(raw.deletion);
  const insertion = numbers(raw.insertion);
  const x = numbers(raw.x);
  if (!deletion || !insertion || !x || typeof raw.degenerate !== 'boolean' || typeof raw.inverted !== 'boolean') return null;
  const figures = numberRecord(
    Object.fromEntries(
      [
        'deletionAUC',
        'insertionAUC',
        'randomDeletionAUC',
        'randomInsertionAUC',
        'aopc',
        'comprehensiveness',
        'sufficiency',
        'fullScore',
        'emptyScore',
      ].map((k) => [k, raw[k]]),
    ),
  );
  if (!figures) return null;
  return {
    ...(figures as Omit<ExplainedRow['faithfulness'], 'deletion' | 'insertion' | 'x' | 'degenerate' | 'inverted'>),
    deletion,
    insertion,
    x,
    degenerate: raw.degenerate,
    inverted: raw.inverted,
  };
}

const STRENGTHS: readonly string[] = ['mainly', 'partly', 'unreliable'] satisfies ExplainedRow['reason']['strength'][];

function parseRow(raw: unknown, methods: readonly string[]): ExplainedRow | null {
  if (!isObj(raw) || !Number.isInteger(raw.item) || (raw.item as number) < 0 || revive(raw.score) === undefined) return null;
  const values: Record<string, number[]> = {};
  for (const m of methods) {
    const v = isObj(raw.values) ? numbers(raw.values[m]) : null;
    if (!v) return null;
    values[m] = v;
  }
  const r = raw.reason;
  if (!isObj(r) || typeof r.en !== 'string' || typeof r.zh !== 'string' || !STRENGTHS.includes(r.strength as string)) return null;
  const events = numbers(r.events);
  const faithfulness = parseFaithfulness(raw.faithfulness);
  const sensitivity = numberRecord(raw.sensitivity ?? {});
  if (!events || !faithfulness || !sensitivity || revive(r.share) === undefined || revive(r.noise) === undefined) return null;
  let faithfulnessBy: ExplainedRow['faithfulnessBy'];
  if (isObj(raw.faithfulnessBy)) {
    faithfulnessBy = {};
    for (const [m, f] of Object.entries(raw.faithfulnessBy)) {
      const parsed = parseFaithfulness(f);
      if (parsed) faithfulnessBy[m] = parsed;
    }
  }
  return {
    item: asItemIdx(raw.item as number),
    score: revive(raw.score)!,
    values,
    diagnostics: isObj(raw.diagnostics) ? (raw.diagnostics as ExplainedRow['diagnostics']) : {},
    notes: Array.isArray(raw.notes) ? raw.notes.filter((n): n is string => typeof n === 'string') : [],
    faithfulness,
    ...(faithfulnessBy ? { faithfulnessBy } : {}),
    reason: {
      en: r.en,
      zh: r.zh,
      share: revive(r.share)!,
      events,
      strength: r.strength as ExplainedRow['reason']['strength'],
      noise: revive(r.noise)!,
    },
    sensitivity,
  };
}

/** Attention maps as IndexedDB keeps them (typed arrays); a file's JSON cannot carry them, so they are dropped there. */
function parseAttention(raw: unknown): AttentionMaps | null {
  if (!isObj(raw) || !Array.isArray(raw.layers) || !raw.layers.every((l) => l instanceof Float32Array)) return null;
  if (!(raw.columnOf instanceof Int32Array) || !Number.isInteger(raw.heads) || !Number.isInteger(raw.len)) return null;
  if (!Number.isInteger(raw.readColumn) || typeof raw.score !== 'number') return null;
  if (raw.eventOfColumn !== undefined && !(raw.eventOfColumn instanceof Int32Array)) return null;
  return raw as unknown as AttentionMaps;
}

/** The record entry read back: the fields the Explain view, the report and the CSV export read are checked; otherwise null. */
export function parseExplanationRecord(raw: unknown): SharedExplanation | null {
  if (!isObj(raw) || typeof raw.modelId !== 'string' || !Number.isInteger(raw.user) || (raw.user as number) < 0 || !isPlainData(raw, 10))
    return null;
  const res = raw.result;
  if (!isObj(res) || !Array.isArray(res.rows) || !Array.isArray(res.methods) || res.methods.length === 0) return null;
  const methods = res.methods.filter((m): m is ExplainResult['methods'][number] => (METHOD_NAMES as string[]).includes(m as string));
  if (methods.length !== res.methods.length) return null;
  const rows = res.rows.map((r) => parseRow(r, methods));
  if (rows.some((r) => r === null)) return null;
  const agreement = res.agreement === null || res.agreement === undefined ? null : numbers(res.agreement);
  if (res.agreement && !agreement) return null;
  const applicable = Array.isArray(res.applicable)
    ? res.applicable.filter(
        (a): a is ExplainResult['applicable'][number] =>
          isObj(a) && typeof a.name === 'string' && typeof a.summary === 'string' && (a.reason === null || typeof a.reason === 'string'),
      )
    : [];
  const attention = parseAttention(res.attention);
  const result: ExplainResult = {
    rows: rows as ExplainedRow[],
    methods,
    applicable,
    agreement,
    attention,
    // Its faithfulness belongs to the maps: kept only with them.
    ...(attention && isObj(res.attentionFaithfulness)
      ? { attentionFaithfulness: res.attentionFaithfulness as ExplainResult['attentionFaithfulness'] }
      : {}),
    seconds: revive(res.seconds) ?? NaN,
  };
  return { modelId: raw.modelId, user: raw.user as number, result };
}
