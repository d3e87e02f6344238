// The core worker: parsing, demo simulation and (later) model work run here, off the UI thread.
import * as Comlink from 'comlink';
import { createCoreHandler, datasetBuffers } from './handler';
import type { CoreApi } from './protocol';

const handler = createCoreHandler();

// Results carry large typed arrays: transfer their buffers instead of copying them.
const api: CoreApi = {
  ...handler,
  async ingest(request, taskId, onProgress) {
    const result = await handler.ingest(request, taskId, onProgress);
    return result.ok ? Comlink.transfer(result, datasetBuffers(result.data)) : result;
  },
  async demo(options, taskId, onProgress) {
    const payload = await handler.demo(options, taskId, onProgress);
    return Comlink.transfer(payload, datasetBuffers(payload));
  },
};

Comlink.expose(api);
