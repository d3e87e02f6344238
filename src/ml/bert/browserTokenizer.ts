// Builds a TextTokenizer from tokenizer files held in memory: no filesystem and no network, so it works in a page or a Worker.
import { fail, ok, type Result } from '../../lib/result';
import { wrapTokenizer, type TextTokenizer } from './textTokenizer';

/** The tokenizer part of a model folder, as text. tokenizer.json is preferred; vocab.txt is the fallback older BERT repos ship. */
export interface TokenizerFiles {
  tokenizerJson?: string;
  tokenizerConfig?: string;
  vocabTxt?: string;
}

type Json = Record<string, unknown>;

/**
 * A tokenizer from in-memory files. transformers.js is imported lazily (it is large and only text models need it),
 * with remote models off; its tokenizer classes are constructed directly from the parsed JSON, so nothing is fetched.
 */
export async function tokenizerFromFiles(files: TokenizerFiles): Promise<Result<TextTokenizer>> {
  let config: Json = {};
  if (files.tokenizerConfig !== undefined) {
    const parsed = parseObject(files.tokenizerConfig, 'tokenizer_config.json');
    if (!parsed.ok) return parsed;
    config = parsed.data;
  }
  let tokenizerJson: Json;
  if (files.tokenizerJson !== undefined) {
    const parsed = parseObject(files.tokenizerJson, 'tokenizer.json');
    if (!parsed.ok) return parsed;
    tokenizerJson = parsed.data;
  } else if (files.vocabTxt !== undefined) {
    tokenizerJson = wordPieceTokenizerJson(files.vocabTxt, config);
  } else {
    return fail('no tokenizer: the model needs tokenizer.json or vocab.txt');
  }
  // BertTokenizer(Fast) is what HF writes for BERT; an absent config means a bare vocab.txt, which is BERT's too.
  const fullConfig: Json = { tokenizer_class: 'BertTokenizer', ...specialTokenDefaults(config), ...config };

  const transformers = await import('@huggingface/transformers');
  guardAgainstNetwork(transformers.env);
  const name = String(fullConfig.tokenizer_class).replace(/Fast$/, '');
  // Mirrors AutoTokenizer's lookup by class name, minus its file loading.
  const exported = (transformers as unknown as Record<string, unknown>)[name];
  const Cls = (
    typeof exported === 'function' && /Tokenizer$/.test(name) ? exported : transformers.PreTrainedTokenizer
  ) as typeof transformers.PreTrainedTokenizer;
  try {
    return ok(wrapTokenizer(new Cls(tokenizerJson, fullConfig)));
  } catch (e) {
    return fail(
      `could not build the tokenizer from ${files.tokenizerJson !== undefined ? 'tokenizer.json' : 'vocab.txt'}: ${(e as Error).message}`,
    );
  }
}

/**
 * The tokenizer.json that HF's BertTokenizerFast would write for a vocab.txt (WordPiece, BERT normaliser and
 * pre-tokeniser, [CLS] … [SEP] template), so repos that ship only vocab.txt tokenize exactly as in Python.
 */
export function wordPieceTokenizerJson(vocabTxt: string, config: Json = {}): Json {
  const lines = vocabTxt.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  // No prototype: a vocab.txt line "__proto__" is a token like any other, and "constructor" is absent unless listed.
  const vocab: Record<string, number> = Object.create(null);
  lines.forEach((token, id) => (vocab[token] = id));
  const special = specialTokenDefaults(config);
  const idOf = (key: string) => vocab[special[key]];
  const lowercase = config.do_lower_case ?? true;
  const addedTokens = Object.values(special)
    .filter((tok) => vocab[tok] !== undefined)
    .map((tok) => ({ id: vocab[tok], content: tok, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }))
    .sort((a, b) => a.id - b.id);
  const cls = special.cls_token;
  const sep = special.sep_token;
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: config.tokenize_chinese_chars ?? true,
      strip_accents: config.strip_accents ?? null,
      lowercase,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: cls, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: sep, type_id: 0 } }],
      pair: [
        { SpecialToken: { id: cls, type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: sep, type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: sep, type_id: 1 } },
      ],
      special_tokens: {
        [cls]: { id: cls, ids: [idOf('cls_token')], tokens: [cls] },
        [sep]: { id: sep, ids: [idOf('sep_token')], tokens: [sep] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: special.unk_token, continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}

/** BERT's special tokens, overridden by tokenizer_config.json where it names them (as a string or an AddedToken object). */
function specialTokenDefaults(config: Json): Record<string, string> {
  const out: Record<string, string> = {
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    mask_token: '[MASK]',
  };
  for (const key of Object.keys(out)) {
    const v = config[key];
    if (typeof v === 'string') out[key] = v;
    else if (v && typeof v === 'object' && typeof (v as Json).content === 'string') out[key] = (v as Json).content as string;
  }
  return out;
}

/**
 * Remote models off; and although tokenizers never start ONNX Runtime, transformers.js points its wasm location at a
 * CDN at import. Clearing it makes the bundled ONNX Runtime load the wasm that the build emits beside it (the app's own
 * origin, precached or cached by the service worker), so nothing phones out even if a session is ever created. Without
 * cross-origin isolation (a static host that sends no COOP/COEP) SharedArrayBuffer is absent: ask for one thread up
 * front rather than relying on ONNX Runtime's warning and fallback.
 */
type OnnxWasmEnv = { wasmPaths?: unknown; numThreads?: number };
function guardAgainstNetwork(env: { allowRemoteModels: boolean; useBrowserCache?: boolean; backends?: { onnx?: { wasm?: OnnxWasmEnv } } }) {
  env.allowRemoteModels = false;
  env.useBrowserCache = false;
  const wasm = env.backends?.onnx?.wasm;
  if (wasm && typeof globalThis.location !== 'undefined') {
    delete wasm.wasmPaths;
    if (!globalThis.crossOriginIsolated) wasm.numThreads = 1;
  }
}

function parseObject(text: string, file: string): Result<Json> {
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return ok(v as Json);
    return fail(`${file} must be a JSON object`);
  } catch (e) {
    return fail(`${file} is not valid JSON (${(e as Error).message})`);
  }
}
