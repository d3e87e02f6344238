// The core worker: parsing and demo simulation run here, off the UI thread (models run in the ML worker).
import * as Comlink from 'comlink';
import { createCoreHandler } from './handler';
import { partWireBuffers, toWire, wireBuffers } from '../data/datasetWire';
import type { DatasetPayload } from '../data/dataset';
import type { CoreApi, Delivered } from './protocol';
import type { DatasetInbox } from './handoff';

const handler = createCoreHandler();
let ml: Comlink.Remote<DatasetInbox> | null = null;

// Results carry large typed arrays: hand a copy to the ML worker when asked (posting copies it here, not on the
// page), then transfer the buffers to the page instead of copying them.
const api: CoreApi = {
  ...handler,
  async ingest(request, taskId, onProgress) {
    const result = await handler.ingest(request, taskId, onProgress);
    return result.ok ? toPage(result.data, request.handOff, (data) => ({ ok: true as const, data })) : result;
  },
  async parsePart(slice, plan, index, taskId, onProgress) {
    const result = await handler.parsePart(slice, plan, index, taskId, onProgress);
    return result.ok ? Comlink.transfer(result, partWireBuffers(result.data)) : result;
  },
  async assembleParts(request, plan, parts, taskId, onProgress) {
    const result = await handler.assembleParts(request, plan, parts, taskId, onProgress);
    return result.ok ? toPage(result.data, request.handOff, (data) => ({ ok: true as const, data })) : result;
  },
  async demo(options, taskId, onProgress) {
    return toPage(await handler.demo(options, taskId, onProgress), options.handOff, (p) => p);
  },
  async connectMl(port) {
    ml = Comlink.wrap<DatasetInbox>(port);
  },
};

/** Post the dataset to the ML worker (not awaited: posting has copied it), then pack it for the page, transferred. */
function toPage<T>(data: DatasetPayload, handOff: string | undefined, wrap: (p: Delivered) => T): T {
  const handedOff = handOff !== undefined && ml !== null;
  if (handedOff) void ml!.deliver(handOff, data);
  const payload = toWire(data);
  return Comlink.transfer(wrap({ ...payload, handedOff }), wireBuffers(payload));
}

Comlink.expose(api);
