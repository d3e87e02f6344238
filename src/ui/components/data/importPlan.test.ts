import { describe, expect, it } from 'vitest';
import { assignRole, columnRoles, guessKind, proposeMapping, rememberMapping, shapeKey } from './importPlan';
import type { FileShape } from '../../../data/csv/reader';

const shape: FileShape = {
  file: 'events.csv',
  bytes: 100,
  encoding: 'utf-8',
  dialect: { delimiter: ',', newline: '\n', hasHeader: true },
  header: ['user_id', 'item_id', 'event_type', 'timestamp'],
  width: 4,
  sample: [
    ['1', '10', 'view', '1600000000'],
    ['2', '11', 'buy', '1600000100'],
  ],
  warnings: [],
};

describe('import plan', () => {
  it('guesses kinds by name and content', () => {
    expect(guessKind('movies.csv', shape, false)).toBe('items');
    expect(guessKind('log.csv', shape, false)).toBe('events');
    expect(guessKind('log2.csv', shape, true)).toBe('items');
  });
  it('moves a role between columns rather than duplicating it', () => {
    const m = proposeMapping('events', shape, undefined);
    expect(columnRoles(m, 4)).toEqual(['user', 'item', 'event', 'time']);
    const moved = assignRole(m, 2, 'user');
    expect(columnRoles(moved, 4)).toEqual([null, 'item', 'user', 'time']);
  });
  it('remembers a corrected mapping per file shape and ignores damaged entries', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const mapping = assignRole(proposeMapping('events', shape, undefined), 3, null);
    rememberMapping({ file: null as unknown as File, shape, kind: 'events', mapping }, storage);
    expect(proposeMapping('events', shape, storage)).toEqual(mapping);
    store.set(shapeKey('events', shape), '{not json');
    expect(proposeMapping('events', shape, storage).roles.time).toBe(3);
  });
});
