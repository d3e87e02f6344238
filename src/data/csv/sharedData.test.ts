// The real public datasets in ../shared/data (not committed: licences). Skipped cleanly when absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvents, loadItems } from './load';
import { bytesSource } from './source';
import { summarise } from '../summary';

const DATA = resolve(__dirname, '../../../../shared/data');
const source = (rel: string) => bytesSource(rel.split('/').pop()!, new Uint8Array(readFileSync(resolve(DATA, rel))));
const has = (rel: string) => existsSync(resolve(DATA, rel));

describe.skipIf(!has('ml-100k/u.data'))('shared datasets', () => {
  it('ml-100k u.data: 100000 ratings, 943 users, 1682 items', async () => {
    const r = await loadEvents(source('ml-100k/u.data'));
    if (!r.ok) throw new Error(r.reason);
    expect([r.data.report.accepted, r.data.log.users.length, r.data.log.items.length]).toEqual([100000, 943, 1682]);
  });
  it('ml-100k u.item: Latin-1, 1682 movies with genres', async () => {
    const r = await loadItems(source('ml-100k/u.item'));
    if (!r.ok) throw new Error(r.reason);
    const { catalog } = r.data;
    expect(catalog.ids.length).toBe(1682);
    expect(catalog.title[0]).toBe('Toy Story (1995)');
    expect(catalog.category[0]).toBe("Animation|Children's|Comedy");
  });
  it('REES46: view 17055, cart 165, purchase 214 with category text from the events file', async () => {
    const r = await loadEvents(source('rees46-ecommerce-sample/2019-Oct_head.csv'));
    if (!r.ok) throw new Error(r.reason);
    expect(summarise(r.data.log).eventsByType).toEqual({ view: 17055, cart: 165, purchase: 214 });
    expect(r.data.log.users.length).toBe(4504);
    expect(r.data.catalog?.category.some((c) => c === 'electronics.smartphone')).toBe(true);
  });
  it('Taobao: pv/cart/fav/buy normalised', async () => {
    const r = await loadEvents(source('taobao-userbehavior-sample/UserBehavior_time_slice.csv'));
    if (!r.ok) throw new Error(r.reason);
    expect(summarise(r.data.log).eventsByType).toEqual({ view: 98361, fav: 3383, cart: 6063, purchase: 2493 });
  });
  it('Beauty: 353962 interactions, 40226 users, 54542 items, row order as time', async () => {
    const r = await loadEvents(source('bert4rec-amazon-beauty/beauty.txt'));
    if (!r.ok) throw new Error(r.reason);
    expect([r.data.log.length, r.data.log.users.length, r.data.log.items.length, r.data.log.hasTime]).toEqual([
      353962,
      40226,
      54542,
      false,
    ]);
  });
  it('ml-latest-small with movies.csv', async () => {
    const r = await loadEvents(source('ml-latest-small/ratings.csv'));
    const m = await loadItems(source('ml-latest-small/movies.csv'));
    if (!r.ok || !m.ok) throw new Error('load failed');
    expect([r.data.log.length, r.data.log.users.length]).toEqual([100836, 610]);
    expect(m.data.catalog.ids.length).toBe(9742);
  });
});
