// `reclens explain --method <kind>` for the explanation kinds that are not attribution methods (src/explain/kinds):
// the explain command hands the whole argument list to the kind's own body, which parses its own flags.
import { isExplanationKind, type ExplanationKind } from '../../explain/kinds';
import type { Command } from '../command';
import { explainCounterfactualCommand } from './explainCounterfactual';
import { explainKnowledgeCommand } from './explainKnowledge';

const KIND_COMMANDS: Record<ExplanationKind, Command> = {
  counterfactual: explainCounterfactualCommand,
  knowledge: explainKnowledgeCommand,
};

/** The --method value of an argument list (`--method x` or `--method=x`), read before the flags are parsed. */
export function methodArg(argv: readonly string[]): string | undefined {
  for (let a = 0; a < argv.length; a++) {
    if (argv[a] === '--method') return argv[a + 1];
    if (argv[a].startsWith('--method=')) return argv[a].slice('--method='.length);
  }
  return undefined;
}

/** The command body for an explanation kind named by --method, or null for an attribution method. */
export function kindCommand(argv: readonly string[]): Command | null {
  const method = methodArg(argv);
  return method !== undefined && isExplanationKind(method) ? KIND_COMMANDS[method] : null;
}
