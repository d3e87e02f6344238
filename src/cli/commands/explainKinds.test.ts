// `explain --method <kind>` reaches the kind's own body; attribution methods stay with the explain command.
import { describe, expect, it } from 'vitest';
import { explainCounterfactualCommand } from './explainCounterfactual';
import { kindCommand, methodArg } from './explainKinds';

describe('explanation kinds on the command line', () => {
  it('reads --method in both spellings and dispatches only the kinds', () => {
    expect(methodArg(['--user', '1', '--method', 'counterfactual'])).toBe('counterfactual');
    expect(methodArg(['--method=ig'])).toBe('ig');
    expect(methodArg(['--user', '1'])).toBeUndefined();
    expect(kindCommand(['--method', 'counterfactual'])).toBe(explainCounterfactualCommand);
    expect(kindCommand(['--method=counterfactual'])).toBe(explainCounterfactualCommand);
    expect(kindCommand(['--method', 'occlusion'])).toBeNull();
  });

  it('range-checks --k before loading anything', async () => {
    await expect(
      explainCounterfactualCommand.run(['--method', 'counterfactual', '--user', '1', '--k', '0', '--checkpoint', '/nonexistent']),
    ).rejects.toThrow(/--k must be an integer in \[1, 1000\]/);
  });
});
