// Every `reclens` command, in the order `reclens help` lists them.
import type { Command } from '../command';
import { ingestCommand } from './ingest';
import { demoCommand } from './demo';
import { embedCommand } from './embed';
import { classifyCommand } from './classify';

export const COMMANDS: Command[] = [ingestCommand, demoCommand, embedCommand, classifyCommand];
