// Builds bench:gpu's kit into .gpukit (git-ignored): what bench/gpu/run.sh needs on a GPU machine that has Python and
// PyTorch but no Node, no npm and no network. Then, unless --no-run, runs it here with --quick (SwiftShader), a check
// that the kit works end to end before a GPU's scarce minutes are spent on it.
//
// The kit: measure.ts bundled into one file (TF.js and RecLens's core inside), TF.js's wasm binaries, Dawn's Node
// bindings (the npm package `webgpu`, Linux x64 only: the app does not depend on it), this Node binary, and Debian's
// Vulkan loader. The two binaries travel xz-compressed (gzip left the kit over the device tool's limit); run.sh
// unpacks them with xz or, where there is none, Python's lzma. On the device: run({ command: 'bash bench/gpu/run.sh', carry: ['.gpukit'] }).
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { ROOT } from '../lib/report';

const WEBGPU_PACKAGE = 'webgpu@0.6.2';
/** What may travel to the device (64 MiB with the working tree, which is ~6 MiB). */
const KIT_LIMIT_BYTES = 56 * 2 ** 20;

const { values: args } = parseArgs({ options: { 'no-run': { type: 'boolean', default: false } } });
const KIT = resolve(ROOT, '.gpukit');
const CACHE = resolve(ROOT, 'bench/out/gpu-kit-cache');

function say(line: string) {
  console.log(`[bench:gpu pack] ${line}`);
}

/** Dawn's bindings for Linux x64 from the npm registry (cached), as node_modules/webgpu in the kit. */
function copyWebGpuPackage() {
  mkdirSync(CACHE, { recursive: true });
  const tgz = readdirSync(CACHE).find((f) => f.startsWith('webgpu-') && f.endsWith('.tgz'));
  const archive = tgz
    ? join(CACHE, tgz)
    : join(CACHE, execFileSync('npm', ['pack', WEBGPU_PACKAGE, '--silent'], { cwd: CACHE }).toString().trim());
  const unpacked = join(CACHE, 'package');
  if (!existsSync(unpacked)) execFileSync('tar', ['xzf', archive, '-C', CACHE]);
  const to = join(KIT, 'node_modules/webgpu');
  mkdirSync(join(to, 'dist'), { recursive: true });
  for (const f of ['index.js', 'package.json', 'LICENSE.md']) cpSync(join(unpacked, f), join(to, f));
  mkdirSync(join(to, 'dist/linux-x64'), { recursive: true });
  xz(join(unpacked, 'dist/linux-x64/dawn.node'), join(to, 'dist/linux-x64/dawn.node.xz'));
}

function xz(from: string, to: string) {
  writeFileSync(to, execFileSync('xz', ['-T2', '-6', '-c', from], { maxBuffer: 256 << 20 }));
}

/**
 * Debian's Vulkan loader and the GL vendor-neutral libraries NVIDIA's Vulkan driver links against (the set the device
 * tool's README brings for Vulkan there), for a machine without them: run.sh unpacks them only then.
 */
const LOADER_PACKAGES = ['libvulkan1', 'libglvnd0', 'libglx0', 'libgl1', 'libegl1', 'libopengl0', 'libgles2'];
function downloadVulkanLoader() {
  const debs = join(KIT, 'deb');
  mkdirSync(debs, { recursive: true });
  try {
    execFileSync('apt-get', ['download', ...LOADER_PACKAGES], { cwd: debs, stdio: 'ignore' });
  } catch {
    say(`apt-get download ${LOADER_PACKAGES.join(' ')} failed: the GPU machine will need a Vulkan loader of its own`);
  }
}

function sizeOf(path: string): number {
  const s = statSync(path);
  return s.isDirectory() ? readdirSync(path).reduce((n, f) => n + sizeOf(join(path, f)), 0) : s.size;
}

async function main() {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error('the kit is built for Linux x64 GPU machines, on one');
  rmSync(KIT, { recursive: true, force: true });
  mkdirSync(KIT, { recursive: true });
  await build({
    entryPoints: [resolve(ROOT, 'bench/gpu/measure.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: join(KIT, 'measure.mjs'),
    // TF.js's Node paths call require() and read __dirname, which an ES module bundle has to make for itself.
    banner: {
      js: [
        "import { createRequire as __createRequire } from 'node:module';",
        "import { fileURLToPath as __fileURLToPath } from 'node:url';",
        'const require = __createRequire(import.meta.url);',
        'const __filename = __fileURLToPath(import.meta.url);',
        "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
      ].join(' '),
    },
    logLevel: 'warning',
  });
  say('bundled bench/gpu/measure.ts');
  cpSync(resolve(ROOT, 'node_modules/@tensorflow/tfjs-backend-wasm/dist'), join(KIT, 'tfjs-wasm'), {
    recursive: true,
    filter: (f) => !/\.(js|map|ts)$/.test(f) || statSync(f).isDirectory(),
  });
  copyWebGpuPackage();
  xz(process.execPath, join(KIT, 'node.xz'));
  downloadVulkanLoader();
  const bytes = sizeOf(KIT);
  say(`kit in .gpukit: ${(bytes / 2 ** 20).toFixed(1)} MiB`);
  if (bytes > KIT_LIMIT_BYTES)
    throw new Error(`the kit is ${(bytes / 2 ** 20).toFixed(1)} MiB, over the ${KIT_LIMIT_BYTES / 2 ** 20} MiB the device tool carries`);
  say("on a GPU machine (device tool): run({ command: 'bash bench/gpu/run.sh', carry: ['.gpukit'] })");
  if (!args['no-run']) {
    say('checking the kit here: bash bench/gpu/run.sh --quick (software adapter, toy sizes)');
    execFileSync('bash', [resolve(ROOT, 'bench/gpu/run.sh'), '--quick'], { cwd: ROOT, stdio: 'inherit' });
  }
}

await main();
