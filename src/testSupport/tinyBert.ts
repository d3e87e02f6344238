// The fixture BERT (tests/fixtures/tiny-bert: random weights, 2 layers × 32) for tests and benches, and the planted
// word task the fine-tuning tests and bench:peft learn: does a text hold a purchase word, a cart word, both?
import { createRng } from '../lib/rng';
import { loadBertFromDir } from '../ml/bert/loadDir';
import type { LoadedBert } from '../ml/bert/load';
import { loadTokenizer, type TextTokenizer } from '../ml/bert/tokenizer';

export const TINY_BERT = new URL('../../tests/fixtures/tiny-bert', import.meta.url).pathname;

export async function loadTinyBert(): Promise<{ model: LoadedBert; tokenizer: TextTokenizer }> {
  const m = await loadBertFromDir(TINY_BERT);
  if (!m.ok) throw new Error(m.reason);
  return { model: m.data, tokenizer: await loadTokenizer(TINY_BERT) };
}

export const PURCHASE_WORDS = ['bought', 'buy', 'purchased', 'purchase'];
export const CART_WORDS = ['cart', 'added', 'add', 'basket'];
export const FILLER_WORDS = (
  'the a user users item items movie movies film product viewed view clicked click returned recently often then after before later ' +
  'time day week session recommend similar genre action comedy drama thriller star wars toy story price cheap shoes shirt phone ' +
  'laptop camera book music song game red blue new old good great love liked not'
).split(' ');

/** n seeded filler texts, each with a purchase word and/or a cart word planted at random: labels 2·purchase + cart, and purchase alone. */
export function plantedWords(n: number, seed: number): { texts: string[]; both: number[]; purchase: number[] } {
  const rng = createRng(seed);
  const out = { texts: [] as string[], both: [] as number[], purchase: [] as number[] };
  for (let i = 0; i < n; i++) {
    const words = Array.from({ length: 4 + rng.int(7) }, () => FILLER_WORDS[rng.int(FILLER_WORDS.length)]);
    const p = rng.int(2);
    const c = rng.int(2);
    if (p) words.splice(rng.int(words.length + 1), 0, PURCHASE_WORDS[rng.int(PURCHASE_WORDS.length)]);
    if (c) words.splice(rng.int(words.length + 1), 0, CART_WORDS[rng.int(CART_WORDS.length)]);
    out.texts.push(words.join(' '));
    out.both.push(2 * p + c);
    out.purchase.push(p);
  }
  return out;
}
