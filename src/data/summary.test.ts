import { describe, expect, it } from 'vitest';
import { loadEvents } from './csv/load';
import { textSource } from './csv/source';
import { summarise } from './summary';

async function logOf(text: string) {
  const r = await loadEvents(textSource('events.csv', text));
  if (!r.ok) throw new Error(r.reason);
  return r.data.log;
}

describe('summarise: conversion funnel', () => {
  it('counts each step after every earlier step, so no step rate exceeds 100% when purchases skip the cart', async () => {
    // u1 views, carts and buys; u2 and u3 view and buy without a cart step; u4 only views; u5 buys with nothing else in the window.
    const log = await logOf(
      [
        'user,item,event,time',
        'u1,a,view,1600000001',
        'u1,a,cart,1600000002',
        'u1,a,purchase,1600000003',
        'u2,b,view,1600000004',
        'u2,b,purchase,1600000005',
        'u3,c,view,1600000006',
        'u3,c,purchase,1600000007',
        'u4,a,view,1600000008',
        'u5,b,purchase,1600000009',
      ].join('\n'),
    );
    const { funnel } = summarise(log);
    expect(funnel).toEqual([
      { step: 'view', users: 4, reached: 4 },
      { step: 'cart', users: 1, reached: 1 },
      // Four buyers in all, against one who carted: the at-all count alone would read as 400%.
      { step: 'purchase', users: 4, reached: 1 },
    ]);
    for (let i = 1; i < funnel.length; i++) expect(funnel[i].reached).toBeLessThanOrEqual(funnel[i - 1].reached);
  });

  it('needs no order within a user: a log cut in time may show the purchase before the view', async () => {
    const log = await logOf('user,item,event,time\nu1,a,purchase,1600000001\nu1,a,view,1600000002\nu2,a,view,1600000003\n');
    expect(summarise(log).funnel).toEqual([
      { step: 'view', users: 2, reached: 2 },
      { step: 'purchase', users: 1, reached: 1 },
    ]);
  });
});
