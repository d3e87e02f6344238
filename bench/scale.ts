// bench:scale — a generated 5,000,000-event CSV (≈ 200 MB) loaded in headless Chromium through the app's file picker:
// wall time, peak JS heap of the page and of the workers, renderer memory, longest main-thread task, and a
// requestAnimationFrame heartbeat (the longest gap between frames) to show the page stays responsive.
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { loadavg } from 'node:os';
import type { CDPSession } from 'playwright-core';
import { ROOT, fmt, machine, today, writeJson, writeSection } from './lib/report';
import { launchChromium, startPreview } from './lib/browser';
import { generateEvents } from './lib/ingest';

const ROWS = Number(process.env.BENCH_ROWS ?? 5_000_000);
const MB = 1024 * 1024;
// The same seeded generator as bench:ingest (100,000 users, 20,000 items, 4 event types, unix seconds, a price).
const file = generateEvents(ROWS);

/** Resident memory (bytes) of every Chromium renderer process under this benchmark. */
function rendererRss(): number {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,rss=,args='], { maxBuffer: 1 << 24 })
    .toString()
    .trim()
    .split('\n');
  const procs = rows.map((l) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(l)!;
    return { pid: +m[1], ppid: +m[2], rss: +m[3] * 1024, args: m[4] };
  });
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs)
      if (!mine.has(p.pid) && mine.has(p.ppid)) {
        mine.add(p.pid);
        grew = true;
      }
  }
  return procs.filter((p) => mine.has(p.pid) && p.args.includes('--type=renderer')).reduce((a, p) => a + p.rss, 0);
}

const within = <T>(p: Promise<T>, ms: number): Promise<T | null> =>
  Promise.race([p, new Promise<null>((r) => setTimeout(() => r(null), ms))]);

interface Heap {
  usedSize: number;
  backingStorageSize: number;
}
interface Peaks {
  /** Page: V8 heap used, and ArrayBuffer backing stores (typed arrays live outside the V8 heap). */
  page: number;
  pageBuffers: number;
  /** Dedicated workers (core, parse, ML), summed at each sample; and the largest single worker. */
  workers: number;
  workerBuffers: number;
  workersEach: number;
  renderer: number;
  samples: number;
  workerSamples: number;
}

/**
 * CDP `Runtime.getHeapUsage` in the page and in every dedicated worker (attached with Target.setAutoAttach; the
 * workers' sessions are reached through Target.sendMessageToTarget), plus the renderer processes' RSS by ps.
 */
async function heapProbe(cdp: CDPSession) {
  const workers = new Map<string, string>();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.set(e.sessionId, e.targetInfo.url);
  });
  cdp.on('Target.detachedFromTarget', (e) => {
    workers.delete(e.sessionId);
  });
  let next = 1;
  const pending = new Map<number, (v: Heap) => void>();
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: Heap };
    if (m.id !== undefined && m.result) pending.get(m.id)?.(m.result);
    if (m.id !== undefined) pending.delete(m.id);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const inWorker = (sessionId: string): Promise<Heap> => {
    const id = next++;
    const answer = new Promise<Heap>((r) => pending.set(id, r));
    void cdp
      .send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) })
      .catch(() => pending.delete(id));
    return answer;
  };
  return { page: () => cdp.send('Runtime.getHeapUsage') as Promise<Heap>, workers, inWorker };
}

function sampleHeaps(probe: Awaited<ReturnType<typeof heapProbe>>): { stop: () => Promise<Peaks> } {
  const peaks: Peaks = { page: 0, pageBuffers: 0, workers: 0, workerBuffers: 0, workersEach: 0, renderer: 0, samples: 0, workerSamples: 0 };
  let running = true;
  const loop = (async () => {
    while (running) {
      const h = await within(probe.page(), 2000);
      if (h) {
        peaks.page = Math.max(peaks.page, h.usedSize);
        peaks.pageBuffers = Math.max(peaks.pageBuffers, h.backingStorageSize);
        peaks.samples++;
      }
      // A worker busy in a long synchronous stretch answers late; ask all at once and wait a while.
      const hs = await Promise.all([...probe.workers.keys()].map((s) => within(probe.inWorker(s), 3000)));
      let used = 0,
        buffers = 0;
      for (const w of hs)
        if (w) {
          used += w.usedSize;
          buffers += w.backingStorageSize;
          peaks.workersEach = Math.max(peaks.workersEach, w.usedSize + w.backingStorageSize);
          peaks.workerSamples++;
        }
      peaks.workers = Math.max(peaks.workers, used);
      peaks.workerBuffers = Math.max(peaks.workerBuffers, buffers);
      peaks.renderer = Math.max(peaks.renderer, rendererRss());
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peaks;
    },
  };
}

async function run(url: string, parseWorkers: number) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.addInitScript((n) => localStorage.setItem('reclens.parseWorkers', String(n)), parseWorkers);
    // Longest main-thread task, and the longest gap between animation frames (a heartbeat: a frozen page has none).
    // A string, not a function: tsx (esbuild keepNames) would wrap named functions in an undefined __name helper.
    await page.addInitScript({
      content: `
      window.__scale = { longest: 0, gap: 0, frames: 0, last: 0, tasks: [] };
      new PerformanceObserver(function (list) {
        for (const e of list.getEntries()) {
          window.__scale.longest = Math.max(window.__scale.longest, e.duration);
          window.__scale.tasks.push([Math.round(e.startTime), Math.round(e.duration)]);
        }
      }).observe({ type: 'longtask', buffered: false });
      function beat(t) {
        const s = window.__scale;
        if (s.last) s.gap = Math.max(s.gap, t - s.last);
        s.last = t;
        s.frames++;
        requestAnimationFrame(beat);
      }
      requestAnimationFrame(beat);`,
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__reclens?.idle() && window.__reclens.state().datasets.length > 0, null, { timeout: 120_000 });
    const cdp = await page.context().newCDPSession(page);
    const probe = await heapProbe(cdp);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /Choose files/ }).click();
    await (await chooser).setFiles(file);
    await page.getByTestId('import-load').waitFor();
    const before = await probe.page();
    const clickedAt = await page.evaluate(() => {
      const s = (window as unknown as { __scale: { longest: number; gap: number; frames: number; last: number; tasks: number[][] } })
        .__scale;
      Object.assign(s, { longest: 0, gap: 0, frames: 0, last: 0, tasks: [] });
      return performance.now();
    });
    const sampler = sampleHeaps(probe);
    await page.getByTestId('import-load').click();
    // When the dataset is in the store (the load is done); the store then goes idle after any follow-up work.
    const shownAt = (await (
      await page.waitForFunction((n) => window.__reclens?.state().datasets.some((d) => d.summary.events === n) && performance.now(), ROWS, {
        timeout: 1_800_000,
        polling: 100,
      })
    ).jsonValue()) as number;
    await page.waitForFunction(() => window.__reclens?.idle(), null, { timeout: 600_000, polling: 100 });
    // Let follow-up work (saving the dataset for the session) show in the figures too.
    await page.waitForTimeout(3000);
    const wall = (shownAt - clickedAt) / 1000;
    const peaks = await sampler.stop();
    const after = await probe.page();
    const heart = await page.evaluate(
      () => (window as unknown as { __scale: { longest: number; gap: number; frames: number; tasks: number[][] } }).__scale,
    );
    // Long tasks while loading, and after the dataset was shown (work the app does with a loaded log).
    const during = heart.tasks.filter(([start]) => start < shownAt).reduce((m, [, d]) => Math.max(m, d), 0);
    const afterShown = heart.tasks.filter(([start]) => start >= shownAt).reduce((m, [, d]) => Math.max(m, d), 0);
    const parse = await page.evaluate(() => window.__reclens!.state().lastLoad!.reports[0].seconds);
    return {
      parseWorkers,
      wall,
      parseSeconds: parse,
      before: before.usedSize + before.backingStorageSize,
      after: after.usedSize + after.backingStorageSize,
      ...peaks,
      longestTaskMs: heart.longest,
      longestTaskLoadingMs: during,
      longestTaskAfterMs: afterShown,
      longTasks: heart.tasks.map(([s, d]) => [s - clickedAt, d]),
      longestFrameGapMs: heart.gap,
      frames: heart.frames,
    };
  } finally {
    await browser.close();
  }
}

const loadStart = loadavg()[0];
const bytes = statSync(file).size;
console.log(`file: ${file} (${fmt(bytes / 1e6, 1)} MB, ${fmt(ROWS)} rows)`);
if (!process.env.BENCH_NO_BUILD) execFileSync('npx', ['vite', 'build'], { cwd: ROOT, stdio: 'ignore' });
const preview = await startPreview(4181);
const runs = [];
try {
  for (const n of (process.env.BENCH_PARSE_WORKERS ?? '1').split(',').map(Number)) {
    const r = await run(preview.url, n);
    console.log(r);
    runs.push(r);
  }
} finally {
  preview.stop();
}

const data = { date: today(), machine: machine(), loadStart, rows: ROWS, bytes, runs };
writeJson('scale', data);
const mb = (x: number) => fmt(x / MB, 0);
writeSection(
  'scale',
  `## Scale: a 5,000,000-event log in the browser (\`npm run bench:scale\`)

${fmt(ROWS)}-row generated CSV (${fmt(bytes / 1e6, 1)} MB; 100,000 users, 20,000 items, 4 event types, unix time, price) chosen in the app's
file picker and loaded in headless Debian Chromium (one run per row). Machine: ${machine()}; 1-minute load average when
the run started: ${fmt(loadStart, 2)}. Date: ${today()}.

| parse workers | click Load → dataset shown | parse | page heap + buffers: before → after | page peak: JS heap; array buffers | workers' peak (sum over workers): JS heap; array buffers | largest worker, peak | renderer RSS, peak | longest main-thread task: while loading; after the dataset is shown | longest gap between frames |
|---|---|---|---|---|---|---|---|---|---|
${runs.map((r) => `| ${r.parseWorkers} | ${fmt(r.wall, 1)} s | ${fmt(r.parseSeconds, 1)} s | ${mb(r.before)} → ${mb(r.after)} MiB | ${mb(r.page)}; ${mb(r.pageBuffers)} MiB | ${mb(r.workers)}; ${mb(r.workerBuffers)} MiB | ${mb(r.workersEach)} MiB | ${mb(r.renderer)} MiB | ${fmt(r.longestTaskLoadingMs)} ms; ${fmt(r.longestTaskAfterMs)} ms | ${fmt(r.longestFrameGapMs)} ms (${fmt(r.frames)} frames) |`).join('\n')}

Heaps by CDP \`Runtime.getHeapUsage\` in the page and in each dedicated worker (\`usedSize\`; typed arrays live outside
it, in \`backingStorageSize\`, given as array buffers), sampled every 250 ms, so a short spike between samples can be
missed; figures include 3 s after the dataset is shown (the app saves it for the session then); "shown" is seen by
polling every 100 ms, so a task that starts as the dataset arrives counts as "while loading"; renderer RSS summed over Chromium's renderer processes (\`ps\`; the page and its workers share one).
`,
);
console.log('wrote BENCHMARKS.md');
