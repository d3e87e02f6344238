// A wasm thread's 'load' message is pointed at the served script instead of a Blob; nothing else it posts changes.
import { afterAll, describe, expect, it } from 'vitest';
import { loadPthreadsFrom, PTHREAD_SCRIPT } from './wasmPthreads';

const sent: unknown[] = [];
class FakeWorker {
  postMessage(message: unknown) {
    sent.push(message);
  }
}
const hadWorker = 'Worker' in globalThis;
(globalThis as { Worker?: unknown }).Worker = FakeWorker;
afterAll(() => {
  if (!hadWorker) delete (globalThis as { Worker?: unknown }).Worker;
});

describe('loadPthreadsFrom', () => {
  it('rewrites the Blob of a load message to the script beside the wasm binaries, and only that', () => {
    loadPthreadsFrom('http://127.0.0.1:4415/app/tfjs-wasm/');
    const w = new FakeWorker();
    const memory = { shared: true };
    w.postMessage({ cmd: 'load', urlOrBlob: new Blob(['var x;']), wasmMemory: memory });
    w.postMessage({ cmd: 'load', urlOrBlob: 'http://elsewhere/given.js' });
    w.postMessage({ cmd: 'run', urlOrBlob: new Blob(['y']) });
    expect(sent[0]).toEqual({ cmd: 'load', urlOrBlob: `http://127.0.0.1:4415/app/tfjs-wasm/${PTHREAD_SCRIPT}`, wasmMemory: memory });
    // A URL the backend chose itself, and messages other than 'load', pass as they were.
    expect(sent[1]).toEqual({ cmd: 'load', urlOrBlob: 'http://elsewhere/given.js' });
    expect((sent[2] as { urlOrBlob: unknown }).urlOrBlob).toBeInstanceOf(Blob);
  });

  it('follows the latest folder without wrapping postMessage twice', () => {
    const patched = FakeWorker.prototype.postMessage;
    loadPthreadsFrom('http://host/other/');
    expect(FakeWorker.prototype.postMessage).toBe(patched);
    new FakeWorker().postMessage({ cmd: 'load', urlOrBlob: new Blob(['z']) });
    expect(sent.at(-1)).toEqual({ cmd: 'load', urlOrBlob: `http://host/other/${PTHREAD_SCRIPT}` });
  });
});
