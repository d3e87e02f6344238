// bench:gpu's report: the ratios and parity columns come from the run's figures (medians), and a PyTorch side that
// failed is named with its error rather than left as a silent dash.
import { describe, expect, it } from 'vitest';
import { gpuMarkdown } from '../../bench/gpu/report';
import type { GpuRun } from '../../bench/gpu/types';

const train = (stepsPerSec: number[], lastLoss: number) => ({ batchSize: 32, maxLen: 50, stepsPerSec, gflops: 1, losses: [7.4, lastLoss] });
const run: GpuRun = {
  date: '2026-12-06',
  quick: false,
  machine: '16 × CPU',
  gpu: 'NVIDIA H100 80GB HBM3, 580.159.04, 81559 MiB',
  adapter: { vendor: 'nvidia', architecture: 'hopper', description: 'H100', isFallback: false },
  backends: { wasm: { gflops: 30 }, webgpu: { gflops: 900 } },
  sides: {
    wasm: {
      matmul: [{ n: 1024, gflops: 30 }],
      train: [train([6, 7, 8], 6.9)],
      embed: [{ batch: 32, tokensPerSec: [1000, 3000, 2000], rowsChecked: 8192 }],
      embedApp: 1500,
    },
    webgpu: {
      matmul: [
        { n: 1024, gflops: 2000 },
        { n: 4096, gflops: 20000 },
      ],
      train: [train([70, 20, 50], 6.91)],
      embed: [{ batch: 32, tokensPerSec: [40_000], rowsChecked: 8192 }],
      embedApp: 9000,
    },
  },
  parity: { embedMaxAbsDiff: { 'webgpu 32': 2.5e-6, 'torch-cuda 32': 1e-6 } },
  errors: ['TF.js wasm: did not start'],
  torch: {
    train: [
      {
        batchSize: 32,
        maxLen: 50,
        device: 'cuda',
        result: {
          threads: 16,
          runs: [
            { stepsPerSec: 100, losses: [7.4, 6.92] },
            { stepsPerSec: 200, losses: [] },
          ],
        },
      },
      { batchSize: 32, maxLen: 50, device: 'cpu', result: { error: 'out of memory' } },
    ],
    embed: [{ batch: 32, device: 'cuda', result: { tokensPerSec: [80_000] } }],
  },
  seconds: 200,
};

describe('gpuMarkdown', () => {
  const md = gpuMarkdown(run, 'bash bench/gpu/run.sh');
  const row = (start: string) =>
    md
      .split('\n')
      .find((l) => l.startsWith(start))!
      .split('|')
      .map((c) => c.trim());

  it('gives each side its median and the ratios of medians', () => {
    // wasm median 7, webgpu median 50, CUDA median of 100 and 200 = 150.
    expect(row('| batch 32 × 50').slice(2, 9)).toEqual(['7.00', '50.00', '150.00', '–', '7.14×', '0.33×', '6.9000 / 6.9100 / 6.9200 / –']);
    // wasm median 2000 tokens/s, webgpu 40,000, CUDA 80,000.
    expect(row('| batch 32 × 64').slice(2, 9)).toEqual(['2,000', '40,000', '80,000', '–', '20.00×', '0.50×', '2.5e-6 / 1.0e-6 / –']);
  });

  it("gives the step's GFLOP/s as a share of the same backend's fastest matmul", () => {
    const cells = md
      .split('\n')
      .filter((l) => l.startsWith('| batch 32 × 50'))[1]
      .split('|')
      .map((c) => c.trim());
    // wasm: 1 GFLOP/s of a 30 GFLOP/s matmul; webgpu: 1 of 20,000.
    expect(cells.slice(2, 4)).toEqual(['1.0 (3%)', '1.0 (0%)']);
  });

  it('lists matmul sizes either side ran, with a dash where one did not', () => {
    expect(row('| 1024').slice(2, 4)).toEqual(['30.0', '2,000.0']);
    expect(row('| 4096').slice(2, 4)).toEqual(['–', '20,000.0']);
  });

  it('names a failed PyTorch side and its error', () => {
    expect(md).toContain('- PyTorch cpu failed: out of memory');
    expect(md).toContain('- TF.js wasm: did not start');
    expect(md).toContain('GPU: NVIDIA H100 80GB HBM3');
  });

  it("keeps the other sides' rows when one TF.js backend did not run", () => {
    const webgpuOnly = gpuMarkdown({ ...run, sides: { webgpu: run.sides.webgpu } }, 'bash bench/gpu/run.sh');
    const cells = webgpuOnly
      .split('\n')
      .find((l) => l.startsWith('| batch 32 × 50'))!
      .split('|')
      .map((c) => c.trim());
    expect(cells.slice(2, 7)).toEqual(['–', '50.00', '150.00', '–', '–']);
  });
});
