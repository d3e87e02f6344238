// Lint rules, including the one-way dependency rules of the architecture (core never reaches into ui/store/workers).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CORE = ['src/lib/**', 'src/data/**', 'src/rec/**', 'src/explain/**', 'src/causal/**', 'src/ml/**'];
const shellPaths = ['**/ui/**', '**/store/**', '**/workers/**', '**/cli/**'];
const noTf = { group: ['@tensorflow/*'], message: 'Only src/ml imports TensorFlow.js; use its interfaces.' };
const noD3 = { group: ['d3', 'd3-*'], message: 'D3 belongs in src/ui/charts only.' };
const noUi = { group: ['react', 'react-dom', 'zustand', 'zustand/*', ...shellPaths], message: 'The core is pure: no React, store, workers or CLI.' };

// TF.js 4.22's synchronous read of a WebGPU tensor copies it through a canvas, and on Chromium's software adapter it
// returns zeros (trained weights, gradients, anything over 256×256×4 bytes) and caches them, so later async reads see
// the zeros too. Where a sync read is sound (a tensor known to be on cpu/wasm), disable the rule for that line with the
// reason after `--`; the local rule below refuses a disable without one.
const SYNC_READS = ['dataSync', 'arraySync', 'bufferSync'];
const noSyncRead = {
  selector: `MemberExpression[property.name=/^(${SYNC_READS.join('|')})$/]`,
  message: 'Read tensors with `await t.data()` / `await t.array()`: a synchronous read on WebGPU can return zeros (see eslint.config.js).',
};
const local = {
  rules: {
    'disable-with-reason': {
      meta: { type: 'problem', messages: { reason: 'Say why after `--` when disabling {{rule}}: this rule guards against WebGPU reading zeros.' } },
      create(context) {
        return {
          Program() {
            for (const c of context.sourceCode.getAllComments()) {
              const m = /^\s*eslint-disable(?:-next-line|-line)?\s+([^]*)$/.exec(c.value);
              if (m && m[1].split('--')[0].includes('no-restricted-syntax') && !/--\s*\S/.test(m[1])) context.report({ loc: c.loc, messageId: 'reason', data: { rule: 'no-restricted-syntax' } });
            }
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'public/**', 'bench/out/**', 'tests/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules, 'react-hooks/set-state-in-effect': 'off' },
  },
  { files: CORE.filter((p) => p !== 'src/ml/**'), rules: { 'no-restricted-imports': ['error', { patterns: [noTf, noD3, noUi] }] } },
  { files: ['src/ml/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noD3, noUi] }] } },
  { files: ['src/store/**', 'src/workers/**', 'src/cli/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noTf, noD3] }] } },
  { files: ['src/ui/components/**'], rules: { 'no-restricted-imports': ['error', { patterns: [noTf, noD3] }] } },
  // No synchronous tensor reads where tensors may be on a GPU (see SYNC_READS); tests run on cpu and wasm, where they are sound.
  {
    files: ['src/ml/**', 'src/explain/**', 'src/rec/**', 'src/workers/**'],
    ignores: ['**/*.test.ts'],
    plugins: { local },
    rules: { 'no-restricted-syntax': ['error', noSyncRead], 'local/disable-with-reason': 'error' },
  },
  // One kernel over more than 7 tensors is an invalid WebGPU pipeline whose output reads as zeros, with no exception.
  { files: ['src/**'], ignores: ['src/ml/manyInputs.ts'], rules: { 'no-restricted-properties': ['error', { object: 'tf', property: 'addN', message: 'Sum many tensors with addMany (src/ml/manyInputs.ts): past 7 inputs a WebGPU kernel is invalid and reads as 0.' }] } },
);
