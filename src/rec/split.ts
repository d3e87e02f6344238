// Leave-one-out by time: per user the last target interaction is the test item, the one before it validation.
import { userEvents, type EventLog } from '../data/eventLog';
import { asItemIdx, asUserIdx, type ItemIdx } from '../lib/ids';
import type { Interactions, TrainData } from './recommender';

export interface SplitOptions {
  /**
   * Event types that count as interactions at all. Default: every type in the log (every MovieLens rating) except
   * `exposure` — an exposure is what the recommender did, not what the user did.
   */
  events?: readonly string[];
  /** Event types that may be held out and are masked once seen (default: every interaction). */
  targetEvents?: readonly string[];
}

export type Stage = 'validation' | 'test';

/**
 * Rules (deterministic, no randomness):
 * - A user's sequence is their interactions in log time order (ties by row, as the EventLog orders them).
 * - A target-type interaction with an item the user already had as a target-type interaction is dropped: we predict
 *   the next *new* item, and ranking masks seen items, so a repeat could never be hit.
 *   Non-target events (e.g. views when targets are purchases) are kept in full as context.
 * - test = the last target interaction, validation = the target interaction before it; events after the test event
 *   are dropped (they are the future). Train = the rest.
 * - Users with fewer than 2 target interactions, or with nothing before the validation event (so < 3 interactions
 *   in the default setting), are train-only: all their interactions are training data and they are not evaluated.
 * - When targets are a subset of events, training data keeps non-target events between validation and test; the
 *   validation history never sees them, but the fitted model may (documented leak, validation only).
 */
export interface LeaveOneOutSplit {
  readonly numUsers: number;
  readonly numItems: number;
  /** Each user's retained sequence; for evaluated users it ends with the test event. */
  readonly sequences: Interactions;
  /** 1 where the element of `sequences.items` is a target-type interaction. */
  readonly isTarget: Uint8Array;
  /** Event type of each element of `sequences.items` (index into the log's event types); absent in old checkpoints. */
  readonly events?: Uint8Array;
  readonly numEventTypes?: number;
  /** Position inside the user's sequence of the validation / test event; -1 for train-only users. */
  readonly valPos: Int32Array;
  readonly testPos: Int32Array;
  readonly options: { events: string[] | null; targetEvents: string[] | null };
}

export function leaveOneOutSplit(log: EventLog, options: SplitOptions = {}): LeaveOneOutSplit {
  const typeSet = (names: readonly string[] | undefined): Uint8Array | null => {
    if (!names) return null;
    const mask = new Uint8Array(256);
    log.eventTypes.forEach((t, i) => {
      if (names.includes(t)) mask[i] = 1;
    });
    return mask;
  };
  const keep = typeSet(options.events ?? log.eventTypes.filter((t) => t !== 'exposure'));
  const target = typeSet(options.targetEvents);
  const numUsers = log.users.length;
  const numItems = log.items.length;
  const offsets = new Uint32Array(numUsers + 1);
  const items: number[] = [];
  const flags: number[] = [];
  const types: number[] = [];
  const valPos = new Int32Array(numUsers).fill(-1);
  const testPos = new Int32Array(numUsers).fill(-1);
  const seenTarget = new Int32Array(numItems).fill(-1);
  for (let u = 0; u < numUsers; u++) {
    const start = items.length;
    const targets: number[] = [];
    for (const row of userEvents(log, asUserIdx(u))) {
      const e = log.event[row];
      if (keep && !keep[e]) continue;
      const item = log.item[row];
      const isTarget = !target || target[e] === 1;
      if (isTarget) {
        if (seenTarget[item] === u) continue;
        seenTarget[item] = u;
        targets.push(items.length - start);
      }
      items.push(item);
      flags.push(isTarget ? 1 : 0);
      types.push(e);
    }
    const nt = targets.length;
    if (nt >= 2 && targets[nt - 2] >= 1) {
      valPos[u] = targets[nt - 2];
      testPos[u] = targets[nt - 1];
      items.length = start + testPos[u] + 1;
      flags.length = items.length;
      types.length = items.length;
    }
    offsets[u + 1] = items.length;
  }
  return {
    numUsers,
    numItems,
    sequences: { offsets, items: Int32Array.from(items) },
    isTarget: Uint8Array.from(flags),
    events: Uint8Array.from(types),
    numEventTypes: log.eventTypes.length,
    valPos,
    testPos,
    options: { events: options.events ? [...options.events] : null, targetEvents: options.targetEvents ? [...options.targetEvents] : null },
  };
}

/**
 * The training sequences: every retained interaction except the held-out validation and test events. With
 * `withValidation` the validation event is training data too — the final fit of a protocol that tunes on validation
 * first and then, as the BERT4Rec and SASRec papers do, trains on everything but the test item.
 */
export function trainData(split: LeaveOneOutSplit, { withValidation = false } = {}): TrainData {
  const { numUsers, sequences, valPos, testPos } = split;
  const offsets = new Uint32Array(numUsers + 1);
  const items = new Int32Array(sequences.items.length - (withValidation ? 1 : 2) * countEvaluated(split));
  const events = split.events ? new Uint8Array(items.length) : undefined;
  let w = 0;
  for (let u = 0; u < numUsers; u++) {
    const s = sequences.offsets[u];
    const n = sequences.offsets[u + 1] - s;
    for (let k = 0; k < n; k++) {
      if ((k === valPos[u] && !withValidation) || k === testPos[u]) continue;
      if (events) events[w] = split.events![s + k];
      items[w++] = sequences.items[s + k];
    }
    offsets[u + 1] = w;
  }
  return {
    numUsers,
    numItems: split.numItems,
    sequences: { offsets, items },
    ...(events ? { events, numEventTypes: split.numEventTypes } : {}),
  };
}

function countEvaluated(split: LeaveOneOutSplit): number {
  let n = 0;
  for (let u = 0; u < split.numUsers; u++) if (split.testPos[u] >= 0) n++;
  return n;
}

/** Users that have a held-out item, in index order. */
export function evaluatedUsers(split: LeaveOneOutSplit): Int32Array {
  const out: number[] = [];
  for (let u = 0; u < split.numUsers; u++) if (split.testPos[u] >= 0) out.push(u);
  return Int32Array.from(out);
}

/** The held-out item of user u at a stage, or -1. */
export function heldOutItem(split: LeaveOneOutSplit, u: number, stage: Stage): ItemIdx {
  const pos = stage === 'test' ? split.testPos[u] : split.valPos[u];
  return asItemIdx(pos < 0 ? -1 : split.sequences.items[split.sequences.offsets[u] + pos]);
}

/** What a model may condition on: the sequence before the held-out event (test history includes validation). */
export function historyOf(split: LeaveOneOutSplit, u: number, stage: Stage | 'all'): Int32Array {
  const s = split.sequences.offsets[u];
  const pos = stage === 'all' ? -1 : stage === 'test' ? split.testPos[u] : split.valPos[u];
  const end = pos < 0 ? split.sequences.offsets[u + 1] : s + pos;
  return split.sequences.items.subarray(s, end);
}

/** Event types aligned with historyOf(split, u, stage), or undefined when the split has none. */
export function historyEventsOf(split: LeaveOneOutSplit, u: number, stage: Stage | 'all'): Uint8Array | undefined {
  if (!split.events) return undefined;
  const s = split.sequences.offsets[u];
  return split.events.subarray(s, s + historyOf(split, u, stage).length);
}

/** Items ranking must never return for u at this stage: target-type items already in the history. */
export function excludedItems(split: LeaveOneOutSplit, u: number, stage: Stage | 'all'): Int32Array {
  const s = split.sequences.offsets[u];
  const hist = historyOf(split, u, stage);
  const out: number[] = [];
  for (let k = 0; k < hist.length; k++) if (split.isTarget[s + k]) out.push(hist[k]);
  return Int32Array.from(out);
}
