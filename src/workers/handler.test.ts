// The core worker's handler only forwards: a task runs under its own signal, and cancel(taskId) stops it.
import { describe, expect, it } from 'vitest';
import { createCoreHandler } from './handler';

describe('core handler', () => {
  it('cancels the task it is asked to, and only that one', async () => {
    const api = createCoreHandler();
    const rows = Array.from({ length: 200_000 }, (_, i) => `u${i % 997},i${i % 113},view,${1_600_000_000 + i}`).join('\n');
    const file = new Blob([`user,item,event,time\n${rows}\n`]);
    const cancelled = api.ingest({ events: { file, name: 'big.csv' } }, 'a', () => {});
    const other = api.ingest({ events: { file, name: 'big.csv' } }, 'b', () => {});
    api.cancel('a');
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    const done = await other;
    expect(done.ok && done.data.log.length).toBe(200_000);
  });
});
