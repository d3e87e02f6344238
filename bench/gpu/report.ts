// bench:gpu's run as Markdown tables, for BENCHMARKS.md: each side's median and its ratio to the others.
import { fmt, median } from '../lib/report';
import type { GpuRun, TorchResult } from './types';

const cell = (xs: number[] | undefined, digits: number) => (xs && xs.length ? fmt(median(xs), digits) : '–');
const ratio = (a: number[] | undefined, b: number[] | undefined) => (a?.length && b?.length ? `${fmt(median(a) / median(b), 2)}×` : '–');

function torchRates(r: TorchResult | undefined, key: 'stepsPerSec' | 'tokensPerSec'): number[] | undefined {
  if (!r || 'error' in r) return undefined;
  if (key === 'tokensPerSec') return r.tokensPerSec as number[];
  return (r.runs as { stepsPerSec: number }[]).map((x) => x.stepsPerSec);
}

function torchLoss(r: TorchResult | undefined): number | undefined {
  if (!r || 'error' in r) return undefined;
  return (r.runs as { losses: number[] }[])[0].losses.at(-1);
}

const errors = (run: GpuRun) => [
  ...run.errors.map((e) => `- ${e}`),
  ...[...run.torch.train, ...run.torch.embed]
    .filter((t) => 'error' in t.result)
    .map((t) => `- PyTorch ${t.device} failed: ${(t.result as { error: string }).error}`),
];

export function gpuMarkdown(run: GpuRun, command: string): string {
  const { wasm, webgpu } = run.sides;
  const threads = (run.torch.train.find((t) => t.device === 'cpu')?.result as { threads?: number } | undefined)?.threads;
  const lines = [
    `\`${command}\`, ${run.date}${run.quick ? ' (--quick: toy sizes, a check of the kit, not a measurement)' : ''}. ${run.machine}.`,
    `GPU: ${run.gpu ?? 'none found by nvidia-smi'}. WebGPU adapter (Dawn, in Node): ${run.adapter ? `${run.adapter.vendor} ${run.adapter.architecture} ${run.adapter.description}`.trim() + (run.adapter.isFallback ? ' (software)' : '') : 'none'}. Whole run ${fmt(run.seconds)} s.`,
    '',
    '| SASRec training step, steps/s (median) | TF.js wasm (1 thread) | TF.js webgpu | PyTorch CUDA | PyTorch CPU' +
      (threads ? ` (${threads} threads)` : '') +
      ' | webgpu ÷ wasm | webgpu ÷ CUDA | loss after the last step: wasm / webgpu / CUDA / CPU |',
    '|---|---|---|---|---|---|---|---|',
  ];
  // Every shape any side ran, so that one side's failure leaves the others' figures in the table.
  const shapes = [...new Map([...(wasm?.train ?? []), ...(webgpu?.train ?? []), ...run.torch.train].map((x) => [x.batchSize, x])).values()];
  for (const { batchSize, maxLen } of shapes) {
    const t = wasm?.train.find((x) => x.batchSize === batchSize);
    const gpuSide = webgpu?.train.find((x) => x.batchSize === batchSize);
    const torch = (device: string) => run.torch.train.find((x) => x.batchSize === batchSize && x.device === device)?.result;
    const cuda = torchRates(torch('cuda'), 'stepsPerSec');
    const cpu = torchRates(torch('cpu'), 'stepsPerSec');
    const losses = [t?.losses.at(-1), gpuSide?.losses.at(-1), torchLoss(torch('cuda')), torchLoss(torch('cpu'))].map((x) =>
      x === undefined ? '–' : fmt(x, 4),
    );
    lines.push(
      `| batch ${batchSize} × ${maxLen} | ${cell(t?.stepsPerSec, 2)} | ${cell(gpuSide?.stepsPerSec, 2)} | ${cell(cuda, 2)} | ${cell(cpu, 2)} | ${ratio(gpuSide?.stepsPerSec, t?.stepsPerSec)} | ${ratio(gpuSide?.stepsPerSec, cuda)} | ${losses.join(' / ')} |`,
    );
  }
  // Requirement 1's efficiency figure on each backend: the step's matmul FLOP rate against the backend's own best matmul.
  const share = (side: typeof wasm, batchSize: number) => {
    const t = side?.train.find((x) => x.batchSize === batchSize);
    const best = Math.max(0, ...(side?.matmul ?? []).map((m) => m.gflops));
    return t && best > 0 ? `${fmt(t.gflops, 1)} (${fmt((100 * t.gflops) / best, 0)}%)` : '–';
  };
  lines.push(
    '',
    "| SASRec step, GFLOP/s (share of the same backend's fastest matmul above) | TF.js wasm | TF.js webgpu |",
    '|---|---|---|',
    ...shapes.map(
      ({ batchSize, maxLen }) => `| batch ${batchSize} × ${maxLen} | ${share(wasm, batchSize)} | ${share(webgpu, batchSize)} |`,
    ),
  );
  lines.push(
    '',
    '| BERT-mini forward + mean pool, tokens/s (median) | TF.js wasm | TF.js webgpu | PyTorch CUDA | PyTorch CPU | webgpu ÷ wasm | webgpu ÷ CUDA | max abs diff from wasm: webgpu / CUDA / CPU |',
    '|---|---|---|---|---|---|---|---|',
  );
  const batches = [...new Set([...(wasm?.embed ?? []), ...(webgpu?.embed ?? []), ...run.torch.embed].map((x) => x.batch))];
  for (const batch of batches) {
    const e = wasm?.embed.find((x) => x.batch === batch);
    const gpuSide = webgpu?.embed.find((x) => x.batch === batch);
    const torch = (device: string) => run.torch.embed.find((x) => x.batch === batch && x.device === device)?.result;
    const cuda = torchRates(torch('cuda'), 'tokensPerSec');
    const diffs = ['webgpu', 'torch-cuda', 'torch-cpu']
      .map((side) => run.parity.embedMaxAbsDiff[`${side} ${batch}`])
      .map((d) => (d === undefined ? '–' : d.toExponential(1)));
    lines.push(
      `| batch ${batch} × 64 | ${cell(e?.tokensPerSec, 0)} | ${cell(gpuSide?.tokensPerSec, 0)} | ${cell(cuda, 0)} | ${cell(torchRates(torch('cpu'), 'tokensPerSec'), 0)} | ${ratio(gpuSide?.tokensPerSec, e?.tokensPerSec)} | ${ratio(gpuSide?.tokensPerSec, cuda)} | ${diffs.join(' / ')} |`,
    );
  }
  lines.push(
    `| the app's embed() (tokenizer, batches of 32, read-back) | ${wasm?.embedApp ? fmt(wasm.embedApp) : '–'} | ${webgpu?.embedApp ? fmt(webgpu.embedApp) : '–'} | | | | | |`,
    '',
    '| matmul n×n, GFLOP/s | TF.js wasm | TF.js webgpu |',
    '|---|---|---|',
  );
  const sizes = [...new Set([...(wasm?.matmul ?? []), ...(webgpu?.matmul ?? [])].map((m) => m.n))].sort((a, b) => a - b);
  for (const n of sizes) {
    const g = (side: typeof wasm | undefined) => side?.matmul.find((m) => m.n === n)?.gflops;
    const [a, b] = [g(wasm), g(webgpu)];
    lines.push(`| ${n} | ${a === undefined ? '–' : fmt(a, 1)} | ${b === undefined ? '–' : fmt(b, 1)} |`);
  }
  const failed = errors(run);
  if (failed.length) lines.push('', ...failed);
  return lines.join('\n') + '\n';
}
