// The typed interface between the UI thread and the core worker (exposed with Comlink).
import type { Result } from '../lib/result';
import type { Progress } from '../lib/progress';
import type { DatasetPayload } from '../data/dataset';
import type { FileShape } from '../data/csv/reader';
import type { WirePart, WirePayload } from '../data/datasetWire';
import type { Dialect } from '../data/csv/sniff';
import type { TextEncodingName } from '../data/csv/decode';
import type { FileRequest, IngestFailure, IngestPlan, IngestRequest as CoreIngestRequest } from '../data/ingestDataset';

/**
 * A load request as the page sends it: `handOff` is the page's id for the dataset, under which the core worker also
 * hands the result to the ML worker (handoff.ts).
 */
export interface IngestRequest extends CoreIngestRequest {
  handOff?: string;
}

/** What a dataset crossing to the page carries besides the payload: whether the ML worker was handed it too. */
export type Delivered = WirePayload & { handedOff?: boolean };

export type ProgressCallback = (p: Progress) => void;

export type { FileRequest, IngestFailure, IngestPlan };

export interface CoreApi {
  inspect(file: Blob, name: string, overrides?: { dialect?: Partial<Dialect>; encoding?: TextEncodingName }): Promise<Result<FileShape>>;
  ingest(request: IngestRequest, taskId: string, onProgress: ProgressCallback): Promise<Result<DatasetPayload, IngestFailure>>;
  demo(options: { seed?: number; users?: number; handOff?: string }, taskId: string, onProgress: ProgressCallback): Promise<DatasetPayload>;
  /** A plan to parse the events file in `parts` workers, or null when it must be parsed whole (small, or quoted). */
  planIngest(request: IngestRequest, parts: number): Promise<Result<IngestPlan | null>>;
  /** Parse one part (a slice of the events file) of a plan. */
  parsePart(slice: Blob, plan: IngestPlan, index: number, taskId: string, onProgress: ProgressCallback): Promise<Result<WirePart>>;
  /** Assemble parsed parts (in file order), load the catalog if any, and summarise: the same result as `ingest`. */
  assembleParts(
    request: IngestRequest,
    plan: IngestPlan,
    parts: WirePart[],
    taskId: string,
    onProgress: ProgressCallback,
  ): Promise<Result<DatasetPayload, IngestFailure>>;
  /** Cooperative cancel: the task stops at its next checkpoint and rejects with an AbortError. */
  cancel(taskId: string): void;
  /** The ML worker's end of their channel, where parsed datasets are handed over (see IngestRequest.handOff). */
  connectMl(port: MessagePort): Promise<void>;
}
