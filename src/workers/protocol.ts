// The typed interface between the UI thread and the core worker (exposed with Comlink).
import type { Result } from '../lib/result';
import type { Progress } from '../lib/progress';
import type { DatasetPayload } from '../data/dataset';
import type { FileShape } from '../data/csv/reader';
import type { IngestReport } from '../data/csv/report';
import type { ColumnMapping, Role } from '../data/csv/columns';
import type { WirePart, WirePayload } from './wire';
import type { Dialect } from '../data/csv/sniff';
import type { TimeFormat } from '../data/csv/timestamps';
import type { TextEncodingName } from '../data/csv/decode';
import type { UserSample } from '../data/csv/sampleUsers';

/** One file the analyst chose, with the reading choices they confirmed or changed. */
export interface FileRequest {
  file: Blob;
  name: string;
  roles?: Partial<Record<Role, number>>;
  timeFormat?: TimeFormat;
  dialect?: Partial<Dialect>;
  encoding?: TextEncodingName;
  /** Events files only: sample by users (a seeded hash of the user id keeps about this share of users). */
  sample?: UserSample;
}

export interface IngestRequest {
  events: FileRequest;
  items?: FileRequest;
  /** The page's id for the dataset: when set, the core worker also hands the result to the ML worker (handoff.ts). */
  handOff?: string;
}

/** What a dataset crossing to the page carries besides the payload: whether the ML worker was handed it too. */
export type Delivered = WirePayload & { handedOff?: boolean };

/** A failed load still carries the report of what was read, so the analyst sees every rejected row. */
export interface IngestFailure {
  message: string;
  reports: IngestReport[];
}

export type ProgressCallback = (p: Progress) => void;

/** How a large events file is cut for parallel parsing: the shared shape and mapping, and where parts 2..n start. */
export interface IngestPlan {
  shape: FileShape;
  mapping: ColumnMapping;
  points: number[];
  sample?: UserSample;
}

export interface CoreApi {
  inspect(file: Blob, name: string, overrides?: { dialect?: Partial<Dialect>; encoding?: TextEncodingName }): Promise<Result<FileShape>>;
  ingest(request: IngestRequest, taskId: string, onProgress: ProgressCallback): Promise<Result<DatasetPayload, IngestFailure>>;
  demo(options: { seed?: number; users?: number; handOff?: string }, taskId: string, onProgress: ProgressCallback): Promise<DatasetPayload>;
  /** A plan to parse the events file in `parts` workers, or null when it must be parsed whole (small, or quoted). */
  planIngest(request: IngestRequest, parts: number): Promise<Result<IngestPlan | null>>;
  /** Parse one part (a slice of the events file) of a plan. */
  parsePart(slice: Blob, plan: IngestPlan, index: number, taskId: string, onProgress: ProgressCallback): Promise<Result<WirePart>>;
  /** Assemble parsed parts (in file order), load the catalog if any, and summarise: the same result as `ingest`. */
  assembleParts(request: IngestRequest, plan: IngestPlan, parts: WirePart[], taskId: string, onProgress: ProgressCallback): Promise<Result<DatasetPayload, IngestFailure>>;
  /** Cooperative cancel: the task stops at its next checkpoint and rejects with an AbortError. */
  cancel(taskId: string): void;
  /** The ML worker's end of their channel, where parsed datasets are handed over (see IngestRequest.handOff). */
  connectMl(port: MessagePort): Promise<void>;
}
