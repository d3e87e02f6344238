// The README's ranges table and `reclens help settings` are written from the tables the checks read.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EASE_RANGES } from '../rec/models/ease';
import { SEQREC_RANGES } from '../ml/seqrec/config';
import { settingsHelp, settingsMarkdown } from './settingsHelp';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('settings documentation', () => {
  it('README holds the generated ranges table verbatim', () => {
    const block = README.match(/<!-- ranges:start[^\n]*-->\n([\s\S]*?)\n<!-- ranges:end -->/);
    expect(block?.[1]).toBe(settingsMarkdown());
  });

  it('help lists every user-facing setting with its range, and no internal one', () => {
    const help = settingsHelp();
    expect(help).toMatch(/--params for sasrec, bert4rec:\n(.*\n)*\s+maxLen\s+\[1, 2048\] integer/);
    expect(help).toMatch(/lambda\s+\(0, 1e7\]/);
    expect(help).toMatch(/steps\s+\[1, 4096\] integer/);
    expect(help).toMatch(/num_hidden_layers\s+\[1, 96\] integer/);
    expect(help).not.toMatch(/\bepochsTrained\b|\bnumItems\b|\btextDim\b/);
    expect(SEQREC_RANGES.numItems.internal && EASE_RANGES.lambda.minOpen).toBe(true);
  });
});
