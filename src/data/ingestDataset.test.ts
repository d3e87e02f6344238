// The loading service the core worker forwards to, called directly: a dataset with its catalog and reports, a load
// with no usable row, and the demo with its planted truth.
import { describe, expect, it } from 'vitest';
import { demoDataset, ingestDataset } from './ingestDataset';
import { loadDemo } from './demo';

const blob = (text: string) => new Blob([text]);

describe('ingestDataset and demoDataset', () => {
  it('ingests events with a catalog and reports progress', async () => {
    const progress: number[] = [];
    const r = await ingestDataset(
      {
        events: { file: blob('user,item,event,time\na,1,view,1600000000\nb,2,buy,1600000100\n'), name: 'e.csv' },
        items: { file: blob('item,title\n1,Lamp\n2,Desk\n'), name: 'items.csv' },
      },
      { onProgress: (p) => progress.push(p.done) },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.summary.eventsByType).toEqual({ view: 1, purchase: 1 });
    expect(r.data.catalog?.title).toEqual(['Lamp', 'Desk']);
    expect(r.data.reports.map((x) => x.file)).toEqual(['e.csv', 'items.csv']);
    expect(progress.length).toBeGreaterThan(0);
    // The Data view's figures come with the dataset, so the page does not compute them: both items titled, 2 users of 1 event.
    expect(r.data.figures?.titled).toBe(2);
    expect(r.data.figures?.distributions.historyLengths).toEqual([{ lo: 1, hi: 1, count: 2 }]);
  });
  it("names the dataset as the analyst did, the reports still after the file; a blank name falls back to the file's", async () => {
    const events = { file: blob('user,item\na,1\n'), name: 'u.data' };
    const named = await ingestDataset({ events, datasetName: ' ml-100k ' }, { onProgress: () => {} });
    expect(named.ok && [named.data.name, named.data.reports[0].file]).toEqual(['ml-100k', 'u.data']);
    const blank = await ingestDataset({ events, datasetName: '' }, { onProgress: () => {} });
    expect(blank.ok && blank.data.name).toBe('u.data');
  });
  it('returns the report when no row is usable', async () => {
    const r = await ingestDataset({ events: { file: blob('user,item,time\n,1,1600000000\n'), name: 'bad.csv' } }, { onProgress: () => {} });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason.message).toContain('no row could be used');
    expect(r.reason.reports[0].rejectedRows[0]).toEqual({ file: 'bad.csv', line: 2, column: 1, reason: 'empty user id' });
  });
  it('builds the demo with its ground truth', async () => {
    const progress: number[] = [];
    const d = demoDataset({ users: 100, seed: 3 }, (p) => progress.push(p.done));
    const direct = loadDemo({ users: 100, seed: 3 });
    expect(d.summary.users).toBe(100);
    expect(d.log.length).toBe(direct.log.length);
    // The planted graph and the computed effect travel unchanged: exposure raises purchases, adjusted for sessions.
    expect(d.truth).toEqual(direct.truth);
    const effect = d.truth!.effects['exposed->purchased'];
    expect(effect.ate).toBeGreaterThan(0);
    expect(effect.adjustmentSet).toEqual(['sessions']);
    expect(d.truth!.edges).toContainEqual({ from: 'exposed', to: 'purchased' });
    expect(progress).toEqual([0, 1, 2]);
  });
});
