#!/usr/bin/env node
// Entry point of the `reclens` CLI: runs the TypeScript core directly through tsx's loader.
import { register } from 'tsx/esm/api';

register();
const { main, installCrashHandlers } = await import('../src/cli/main.ts');
installCrashHandlers(process.argv.slice(2));
process.exitCode = await main(process.argv.slice(2));
