// The core worker: parsing and demo simulation run here, off the UI thread (models run in the ML worker).
import * as Comlink from 'comlink';
import { createCoreHandler } from './handler';
import { partWireBuffers, toWire, wireBuffers } from './wire';
import type { DatasetPayload } from '../data/dataset';
import type { CoreApi } from './protocol';

const handler = createCoreHandler();

// Results carry large typed arrays: transfer their buffers instead of copying them.
const api: CoreApi = {
  ...handler,
  async ingest(request, taskId, onProgress) {
    const result = await handler.ingest(request, taskId, onProgress);
    return result.ok ? wire(result.data) : result;
  },
  async parsePart(slice, plan, index, taskId, onProgress) {
    const result = await handler.parsePart(slice, plan, index, taskId, onProgress);
    return result.ok ? Comlink.transfer(result, partWireBuffers(result.data)) : result;
  },
  async assembleParts(request, plan, parts, taskId, onProgress) {
    const result = await handler.assembleParts(request, plan, parts, taskId, onProgress);
    return result.ok ? wire(result.data) : result;
  },
  async demo(options, taskId, onProgress) {
    const payload = toWire(await handler.demo(options, taskId, onProgress));
    return Comlink.transfer(payload, wireBuffers(payload));
  },
};

function wire(data: DatasetPayload) {
  const payload = toWire(data);
  return Comlink.transfer({ ok: true as const, data: payload }, wireBuffers(payload));
}

Comlink.expose(api);
