// Lint rules, including the one-way dependency rules of the architecture (core never reaches into ui/store/workers).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The one-way import graph of src/ (issue #17). An arrow points from the importer to what it may import:
//
//   ui ──→ store ──→ workers/client ⇢ postMessage ⇢ workers ──→ core          cli ──→ core          main.tsx: wires them up
//   ui and store also read the core's registries, constants and pure helpers; ml (TF.js) they read for types only, and ui
//   reads workers for types only.
//
//   core, bottom to top:  lib ←── data ←── rec ←── explain
//                                   ↖── causal
//   ml, the only folder that imports TF.js, sits on top of the core: it implements the interfaces the pure folders declare
//   (rec/recommender's Recommender, explain/types' ExplainableModel, causal's NotearsEngine), so it may import them all.
//   The pure folders reach ml only through a lazy import() at a registration point (rec/registry → ml/seqrec/register,
//   explain/model → ml/explain), which keeps TF.js out of bundles and CLI runs that do not need it; no-restricted-imports
//   does not see import(), so those stay allowed. `d3` only in ui/charts; `@tensorflow/*` only in ml.
const LAYERS = {
  lib: [],
  data: ['lib'],
  rec: ['lib', 'data'],
  causal: ['lib', 'data'],
  explain: ['lib', 'data', 'rec'],
  ml: ['lib', 'data', 'rec', 'explain', 'causal'],
};
const SHELLS = ['ui', 'store', 'workers', 'cli'];
/** A relative import that lands in src/<folder>, other than `except` (regex: these names do not recur as sub-folders there). */
const into = (folders, except) => `^(\\.\\./)+${except ? `(?!${except}$)` : ''}(${folders.join('|')})(/|$)`;
const noTf = { group: ['@tensorflow/*'], message: 'Only src/ml imports TensorFlow.js; use its interfaces.' };
const noD3 = { group: ['d3', 'd3-*'], message: 'D3 belongs in src/ui/charts only.' };
const noReact = {
  group: ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*'],
  message: 'No React or zustand here: they belong to ui and store.',
};
const fence = (folder, forbidden, why, except) => ({
  regex: into(forbidden, except),
  message: `src/${folder} ${why} (see the import graph atop eslint.config.js).`,
});
const coreFence = (folder, except) => {
  const allowed = LAYERS[folder];
  const forbidden = [...Object.keys(LAYERS).filter((f) => f !== folder && !allowed.includes(f)), ...SHELLS];
  return fence(
    folder,
    forbidden,
    allowed.length ? `imports only ${allowed.join(', ')} from src` : 'imports nothing from the rest of src',
    except,
  );
};
const corePackages = (folder) => [noD3, noReact, ...(folder === 'ml' ? [] : [noTf])];
// Imports against the graph that #17 leaves for a later move, each allowed for one file and one module only.
const CORE_EXCEPTIONS = [
  // The model registry validates the sequence models' settings without loading TF.js: the ranges live beside the model.
  { file: 'src/rec/registry.ts', folder: 'rec', module: 'ml/seqrec/config' },
];
const shellFences = {
  workers: [
    fence('workers', ['ui', 'store', 'cli'], 'holds services and forwarding: it imports the core, never ui, store or cli'),
    noTf,
    noD3,
    noReact,
  ],
  store: [
    fence('store', ['ui', 'cli'], 'imports workers/client and the core, never ui or cli'),
    {
      regex: into(['ml']),
      allowTypeImports: true,
      message: 'src/store runs on the page: ml (TF.js) for types only; work goes through workers/client.',
    },
    noTf,
    noD3,
  ],
  cli: [fence('cli', ['ui', 'store', 'workers'], 'calls the core directly, never ui, store or workers'), noTf, noD3, noReact],
  ui: [
    fence('ui', ['cli'], 'never imports the CLI'),
    {
      regex: into(['workers', 'ml']),
      allowTypeImports: true,
      message: 'src/ui reads workers and ml for types only: calls go through the store.',
    },
    noTf,
  ],
};
// Tests may cross folders (an integration test of data with rec's baselines, a worker test driving the store's runTask),
// but not the package fences.
const TESTS = ['**/*.test.ts', '**/*.test.tsx'];
const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const importRules = [
  ...Object.keys(LAYERS).flatMap((folder) => [
    { files: [`src/${folder}/**`], ignores: TESTS, rules: restrict([coreFence(folder), ...corePackages(folder)]) },
    { files: TESTS.map((t) => `src/${folder}/${t}`), rules: restrict(corePackages(folder)) },
  ]),
  ...CORE_EXCEPTIONS.map(({ file, folder, module }) => ({
    files: [file],
    rules: restrict([coreFence(folder, module), ...corePackages(folder)]),
  })),
  ...Object.entries(shellFences).flatMap(([folder, patterns]) => [
    { files: [`src/${folder}/**`], ignores: TESTS, rules: restrict(folder === 'ui' ? [...patterns, noD3] : patterns) },
    { files: TESTS.map((t) => `src/${folder}/${t}`), rules: restrict(patterns.slice(1)) },
  ]),
  { files: ['src/ui/charts/**'], ignores: TESTS, rules: restrict(shellFences.ui) },
  // No DOM in the core: it runs in workers and in Node. The three reads of the environment named here are what #17's
  // "detect the environment once" gathers into one place.
  {
    files: Object.keys(LAYERS).map((folder) => `src/${folder}/**`),
    ignores: [...TESTS, 'src/rec/memory.ts', 'src/ml/backend.ts', 'src/ml/bert/sources/url.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['document', 'window'].map((name) => ({ name, message: 'The core runs in workers and Node: no DOM.' })),
      ],
    },
  },
];

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
      meta: {
        type: 'problem',
        messages: { reason: 'Say why after `--` when disabling {{rule}}: this rule guards against WebGPU reading zeros.' },
      },
      create(context) {
        return {
          Program() {
            for (const c of context.sourceCode.getAllComments()) {
              const m = /^\s*eslint-disable(?:-next-line|-line)?\s+([^]*)$/.exec(c.value);
              if (m && m[1].split('--')[0].includes('no-restricted-syntax') && !/--\s*\S/.test(m[1])) {
                context.report({ loc: c.loc, messageId: 'reason', data: { rule: 'no-restricted-syntax' } });
              }
            }
          },
        };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'public/**',
      'bench/out/**',
      'tests/fixtures/**',
      '.gpukit/**',
    ],
  },
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
  ...importRules,
  // No synchronous tensor reads where tensors may be on a GPU (see SYNC_READS); tests run on cpu and wasm, where they are sound.
  {
    files: ['src/ml/**', 'src/explain/**', 'src/rec/**', 'src/workers/**'],
    ignores: ['**/*.test.ts'],
    plugins: { local },
    rules: { 'no-restricted-syntax': ['error', noSyncRead], 'local/disable-with-reason': 'error' },
  },
  // One kernel over more than 7 tensors is an invalid WebGPU pipeline whose output reads as zeros, with no exception.
  {
    files: ['src/**'],
    ignores: ['src/ml/manyInputs.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'tf',
          property: 'addN',
          message: 'Sum many tensors with addMany (src/ml/manyInputs.ts): past 7 inputs a WebGPU kernel is invalid and reads as 0.',
        },
      ],
    },
  },
);
