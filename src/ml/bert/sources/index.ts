// Where a BERT model comes from: a URL folder (the app's own models/), files the analyst picked, or the Hugging Face Hub
// (only on explicit request, cached for offline use). Each source, one file each, yields the same in-memory bundle of an HF folder.
export { assembleBundle, BUNDLE_FILES, OPTIONAL_FILES, openBertBundle, REQUIRED_FILES, type BertBundle } from './bundle';
export { downloadFiles, type DownloadOptions, type FetchLike, type FileRequest } from './download';
export { bundleFromUrl, hostedModelUrl, listHostedModels, type HostedModel } from './url';
export { bundleFromFiles, type PickedFile } from './files';
export { bundleFromHub, type HubBundle, type HubOptions } from './hub';
export { deleteCachedModel, HUB_CACHE_NAME, listCachedModels, type CachedModel, type CacheLike, type CacheStorageLike } from './cache';
