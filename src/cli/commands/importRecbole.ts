// `reclens import-recbole`: a RecBole SASRec/BERT4Rec export (python3 -m reclens_torch recbole-export) and the log it
// was trained on → a RecLens checkpoint folder that evaluate|recommend|explain --checkpoint open like any other.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recboleCheckpoint, RECBOLE_FILES } from '../../ml/seqrec/recboleCheckpoint';
import { encodeCheckpoint } from '../../rec/checkpoint';
import { openCheckpoint } from '../../rec/openCheckpoint';
import { CliError, parse, printJson, type Command } from '../command';
import { loadLog } from '../preamble';

const usage =
  'reclens import-recbole --model-dir <dir with model.safetensors + recbole.json> --data <events-file> [--map roles] [--targets type,…] [--only-model-items] --out <dir> [--json]';

export const importRecboleCommand: Command = {
  name: 'import-recbole',
  summary: 'Convert a RecBole SASRec or BERT4Rec model (exported by reclens_torch recbole-export) into a RecLens checkpoint folder.',
  usage,
  async run(argv) {
    const flags = {
      'model-dir': { type: 'string' },
      data: { type: 'string' },
      map: { type: 'string' },
      targets: { type: 'string' },
      'only-model-items': { type: 'boolean' },
      out: { type: 'string' },
      json: { type: 'boolean' },
    } as const;
    const { values } = parse(argv, flags, usage);
    const dir = values['model-dir'];
    if (!dir || !values.data || !values.out) throw new CliError(`--model-dir, --data and --out are required\nusage: ${usage}`);
    if (!existsSync(join(dir, RECBOLE_FILES.meta)))
      throw new CliError(`${dir} has no ${RECBOLE_FILES.meta}: export the RecBole .pth first (python3 -m reclens_torch recbole-export)`);
    const read = (f: string) => {
      const p = join(dir, f);
      return existsSync(p) ? new Uint8Array(readFileSync(p)) : null;
    };
    const log = await loadLog(values.data, values.map);
    const targets = values.targets ? values.targets.split(',').map((t) => t.trim()) : undefined;
    const imported = recboleCheckpoint(read, log, {
      source: values.data,
      targetEvents: targets,
      onlyModelItems: values['only-model-items'],
    });
    if (!imported.ok) throw new CliError(`${dir}: ${imported.reason}`);
    const { checkpoint, model, notes } = imported.data;
    const files = await encodeCheckpoint(checkpoint);
    // Opened once before anything is written: the folder must be one evaluate|recommend|explain accept.
    const opened = await openCheckpoint((f) => files[f as keyof typeof files] ?? null);
    if (!opened.ok) throw new CliError(`${dir}: the converted checkpoint does not open: ${opened.reason}`);
    opened.data.model.dispose?.();
    mkdirSync(values.out, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(values.out, name), content);
    const out = {
      out: values.out,
      importedFrom: checkpoint.config.importedFrom,
      model: checkpoint.config.model,
      users: checkpoint.users.length,
      items: checkpoint.items.length,
      evaluatedUsers: Array.from(checkpoint.split.testPos).filter((p) => p >= 0).length,
      notes,
      files: Object.keys(files).map((f) => join(values.out!, f)),
    };
    if (values.json) printJson(out);
    else {
      process.stdout.write(
        `imported RecBole ${model} as ${out.model}: ${out.items} items, ${out.users} users (${out.evaluatedUsers} evaluated) → ${values.out}\n`,
      );
      for (const n of notes) process.stdout.write(`  note: ${n}\n`);
    }
    return 0;
  },
};
