// A loaded dataset as the app holds it: the log and what came with it. Workers hand it over, IndexedDB and the
// workspace file store it (through the column schema in eventLogSchema.ts).
import type { IngestReport } from './csv/report';
import type { DemoTruth } from './demo';
import type { EventLog, ItemCatalog } from './eventLog';
import type { LogSummary } from './summary';
import type { LogFigures } from './distributions';
import type { UpliftTruth } from './demo/upliftTruth';

export interface DatasetPayload {
  name: string;
  log: EventLog;
  catalog: ItemCatalog | null;
  summary: LogSummary;
  reports: IngestReport[];
  /** Planted causal graph and effects (built-in demo only). */
  truth: DemoTruth | null;
  /** The Data view's figures of this log, when the worker that built it computed them (else the view does). */
  figures?: LogFigures;
}

/** What besides the log a dataset brings to the ML worker. */
export interface DatasetExtras {
  catalog: ItemCatalog | null;
  /** The demo's planted causal edges, to score discovery against. */
  truthEdges: { from: string; to: string }[] | null;
  /** The demo's item-level potential outcomes: every recommendation policy's true incremental purchases. */
  uplift?: UpliftTruth | null;
}
