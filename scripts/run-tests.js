#!/usr/bin/env node
// Runs every compiled test file under dist/test with Node's built-in test runner.
// Node 20's `--test` takes no globs, so the files are listed here.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = 'dist/test';
const filter = process.argv.slice(2);
function collect(dir) {
  const out = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...collect(path));
    else if (/\.test\.js$/.test(entry)) out.push(path);
  }
  return out;
}
// Only compiled tests whose source still exists: tsc never deletes the output of a removed file.
const hasSource = (file) => ['.ts', '.tsx'].some((ext) => existsSync(file.replace(/^dist[\\/]/, '').replace(/\.js$/, ext)));
let files = collect(root).filter(hasSource);
if (filter.length > 0) files = files.filter((f) => filter.some((part) => f.includes(part)));
if (files.length === 0) {
  console.error('run-tests: no test files found under ' + root);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
