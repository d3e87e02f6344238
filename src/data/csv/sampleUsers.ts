// Sampling by users: a seeded hash of the user id keeps about a fraction p of the users, each with all its events.
// The same id, seed and p give the same answer in the worker, the CLI and tests, chunk and part boundaries aside.
import { fail, ok, type Result } from '../../lib/result';

export interface UserSample {
  /** Share of users kept, in (0, 1]. */
  fraction: number;
  /** Seed of the hash; another seed keeps another set of users. */
  seed?: number;
}

export const DEFAULT_SAMPLE_SEED = 1;

/** FNV-1a over UTF-16 code units, seeded, then a murmur3 finaliser so nearby ids spread over the whole range. */
export function hashRange(text: string, from: number, to: number, seed: number): number {
  let h = (0x811c9dc5 ^ Math.imul(seed | 0, 0x9e3779b1)) >>> 0;
  for (let i = from; i < to; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A predicate over user ids (whole strings, or ranges of a batch's text so no string is cut per row). */
export interface UserSampler {
  keep(id: string): boolean;
  keepRange(text: string, from: number, to: number): boolean;
}

/**
 * What hashRange starts from for a sample's seed, and the limit a kept user's hash is below (p · 2^32): the figures
 * ingestion's WebAssembly start hashes with, as signed int32 words. A fraction below 1 only.
 */
export function samplerHash(sample: UserSample): { seed: number; limit: number } {
  return {
    seed: 0x811c9dc5 ^ Math.imul((sample.seed ?? DEFAULT_SAMPLE_SEED) | 0, 0x9e3779b1),
    limit: Math.floor(sample.fraction * 2 ** 32) | 0,
  };
}

export function userSampler(sample: UserSample): UserSampler {
  const seed = sample.seed ?? DEFAULT_SAMPLE_SEED;
  // Kept when hash < p · 2^32; p = 1 keeps every user.
  const limit = sample.fraction >= 1 ? Infinity : Math.floor(sample.fraction * 2 ** 32);
  const keepRange = (text: string, from: number, to: number) => hashRange(text, from, to, seed) < limit;
  return { keepRange, keep: (id) => keepRange(id, 0, id.length) };
}

/** Parses a fraction given by the analyst ("0.1", "10%"): in (0, 1]. */
export function parseSampleFraction(text: string): Result<number> {
  const t = text.trim();
  const n = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (!t || !Number.isFinite(n) || n <= 0 || n > 1) return fail(`sample fraction "${text}" must be a number in (0, 1] (e.g. 0.1 or 10%)`);
  return ok(n);
}
