// One fixture BERT per test file: loaded on wasm before the file's tests, its weights freed after them. A vitest hook,
// so it lives apart from tinyBert.ts, which benches import too.
import { afterAll, beforeAll } from 'vitest';
import { initBackend } from '../ml/backend';
import type { LoadedBert } from '../ml/bert/load';
import type { TextTokenizer } from '../ml/bert/tokenizer';
import { disposeTree } from '../ml/tensors';
import { loadTinyBert } from './tinyBert';

export interface TinyBertSuite {
  /** Set once the file's beforeAll ran: read it inside tests, not at the file's top level. */
  model: LoadedBert;
  tokenizer: TextTokenizer;
}

export function useTinyBert(): TinyBertSuite {
  const suite = {} as TinyBertSuite;
  beforeAll(async () => {
    await initBackend('wasm');
    Object.assign(suite, await loadTinyBert());
  });
  afterAll(() => disposeTree(suite.model?.weights));
  return suite;
}
