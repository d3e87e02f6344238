// A parsed part crosses to the assembling worker and comes back the same, catalog attributes included.
import { describe, expect, it } from 'vitest';
import { parseEventsPart } from './csv/ingestEvents';
import { inspectSample } from './csv/reader';
import { detectEventMapping } from './csv/columns';
import { bytesSource } from './csv/source';
import { partFromWire, partToWire } from './datasetWire';

describe('parts on the wire', () => {
  it('round-trips a part with catalog attributes, a missing price staying missing (NaN, not 0)', async () => {
    const text = 'user_id,item_id,timestamp,brand,price\nu1,a,1700000000,acme,1.5\nu1,b,1700000001,zed,\nu2,a,1700000002,acme,2\n';
    const bytes = new TextEncoder().encode(text);
    const shape = inspectSample('f.csv', bytes, bytes.length);
    if (!shape.ok) throw new Error(shape.reason);
    const part = await parseEventsPart(bytesSource('f.csv', bytes).chunks(), shape.data, {
      mapping: detectEventMapping(shape.data.header, shape.data.sample),
    });
    if (!part.ok) throw new Error(part.reason);
    expect(part.data.attributes).toEqual([
      { title: '', category: '', brand: 'acme', price: 1.5 },
      { title: '', category: '', brand: 'zed', price: NaN },
    ]);
    const back = partFromWire(structuredClone(partToWire(part.data)));
    expect(back.attributes).toEqual(part.data.attributes);
    expect(back.rows.items).toEqual(['a', 'b']);
  });
});
