// Every `reclens` command, in the order `reclens help` lists them.
import type { Command } from '../command';
import { ingestCommand } from './ingest';
import { embedCommand } from './embed';
import { classifyCommand } from './classify';
import { demoCommand } from './demo';

export const COMMANDS: Command[] = [ingestCommand, demoCommand];
