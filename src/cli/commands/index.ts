// Every `reclens` command, in the order `reclens help` lists them. Each is imported only when it runs (or for help), so
// `reclens ingest` never loads TensorFlow.js and the models: a CLI that starts lean stays lean on huge inputs.
import type { Command } from '../command';

export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'ingest', load: async () => (await import('./ingest')).ingestCommand },
  { name: 'demo', load: async () => (await import('./demo')).demoCommand },
  { name: 'embed', load: async () => (await import('./embed')).embedCommand },
  { name: 'classify', load: async () => (await import('./classify')).classifyCommand },
  { name: 'predict', load: async () => (await import('./predict')).predictCommand },
  { name: 'train', load: async () => (await import('./train')).trainCommand },
  { name: 'import-recbole', load: async () => (await import('./importRecbole')).importRecboleCommand },
  { name: 'evaluate', load: async () => (await import('./evaluate')).evaluateCommand },
  { name: 'recommend', load: async () => (await import('./recommend')).recommendCommand },
  { name: 'guide', load: async () => (await import('./guide')).guideCommand },
  { name: 'explain', load: async () => (await import('./explain')).explainCommand },
  { name: 'project', load: async () => (await import('./project')).projectCommand },
  { name: 'causal', load: async () => (await import('./causal')).causalCommand },
];
