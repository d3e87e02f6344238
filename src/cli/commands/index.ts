// Every `reclens` command, in the order `reclens help` lists them.
import type { Command } from '../command';
import { ingestCommand } from './ingest';
import { demoCommand } from './demo';
import { embedCommand } from './embed';
import { classifyCommand } from './classify';
import { trainCommand } from './train';
import { evaluateCommand } from './evaluate';
import { recommendCommand } from './recommend';
import { explainCommand } from './explain';
import { causalCommand } from './causal';

export const COMMANDS: Command[] = [ingestCommand, demoCommand, embedCommand, classifyCommand, trainCommand, evaluateCommand, recommendCommand, explainCommand, causalCommand];
