// The demo as the app opens it: an EventLog and ItemCatalog built from the simulator, plus the ground truth.
import type { EventLog, ItemCatalog } from '../eventLog';
import { EventLogBuilder } from '../eventLogBuilder';
import { toItemCatalog } from './catalog';
import { simulateDemo, type DemoData, type DemoOptions } from './simulate';
import type { DemoTruth } from './truth';

export { simulateDemo, validateDemoOptions, DEMO_START, type DemoData, type DemoOptions } from './simulate';
export { VARIABLES, EDGES, type UserValues, type VariableName } from './causalModel';
export type { DemoTruth, EffectTruth } from './truth';
export type { DemoItem } from './catalog';
export { eventsCsv, itemsCsv } from './csv';

export function demoEventLog(data: DemoData): EventLog {
  const builder = new EventLogBuilder();
  for (const e of data.events) builder.add(e);
  return builder.build();
}

export function loadDemo(options: DemoOptions = {}): { log: EventLog; catalog: ItemCatalog; truth: DemoTruth } {
  const data = simulateDemo(options);
  return { log: demoEventLog(data), catalog: toItemCatalog(data.items), truth: data.truth };
}
