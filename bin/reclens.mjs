#!/usr/bin/env node
// Entry point of the `reclens` CLI: runs the TypeScript core directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
// Before any WebAssembly compiles: the kernels' fused multiply-add twins, as the app's worker runs them (Node 20).
(await import('../src/cli/relaxedSimd.ts')).enableRelaxedSimd();
const { main, installCrashHandlers } = await import('../src/cli/main.ts');
installCrashHandlers(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2));
