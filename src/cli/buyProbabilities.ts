// `reclens guide --probabilities <file>`: buy probabilities from another predictor (a fine-tuned text or sequence
// classifier, or any model of the analyst's) in place of the logistic baseline's, read with the shared CSV reader.
// The file has a header with a user column ("user") and a probability column ("p(will buy)", as `reclens predict`
// writes it, or "probability"); every value must lie in [0, 1], and the first one that does not fails the file.
import { openRows } from '../data/csv/load';
import { CliError } from './command';
import { fileSource } from './files';

const PROBABILITY_COLUMNS = ['p(will buy)', 'probability', 'buyprobability', 'buy_probability'];

export interface BuyProbabilities {
  /** Per log user (index); NaN for users the file does not name. */
  probabilities: Float64Array;
  /** Users of the log the file gives a probability for. */
  matched: number;
  /** Rows whose user is not in the log. */
  unknown: number;
}

export async function readBuyProbabilities(path: string, users: readonly string[]): Promise<BuyProbabilities> {
  const source = fileSource(path);
  // Any format the events reader takes (CSV, CSV.gz, Parquet).
  const opened = await openRows(source);
  if (!opened.ok) throw new CliError(`--probabilities: ${opened.reason}`);
  const { shape, batches } = opened.data;
  const header = (shape.header ?? []).map((h) => h.trim().toLowerCase());
  const userCol = header.indexOf('user');
  const pCol = header.findIndex((h) => PROBABILITY_COLUMNS.includes(h));
  if (userCol < 0 || pCol < 0)
    throw new CliError(`--probabilities ${path}: needs a header with a "user" column and a "p(will buy)" or "probability" column`);
  const index = new Map(users.map((u, i) => [u, i]));
  const probabilities = new Float64Array(users.length).fill(NaN);
  let matched = 0;
  let unknown = 0;
  for await (const batch of batches([userCol, pCol])) {
    for (let r = 0; r < batch.count; r++) {
      const problem = batch.problems.get(r);
      if (problem) throw new CliError(`--probabilities ${path}: line ${batch.lines[r]}: ${problem.reason}`);
      const cell = batch.cell(1, r).trim();
      const p = cell === '' ? NaN : Number(cell);
      if (!(p >= 0 && p <= 1))
        throw new CliError(`--probabilities ${path}: line ${batch.lines[r]}: "${cell}" is not a probability in [0, 1]`);
      const u = index.get(batch.cell(0, r).trim());
      if (u === undefined) unknown++;
      else {
        if (Number.isNaN(probabilities[u])) matched++;
        probabilities[u] = p;
      }
    }
  }
  return { probabilities, matched, unknown };
}
