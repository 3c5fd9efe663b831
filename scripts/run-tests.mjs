#!/usr/bin/env node
// Runs every *.test.ts under src/, test/ and bench/ with node's test runner, given as an explicit file
// list (Node 20 finds no .ts files by itself), and fails when the list is empty so that a run
// can never pass while running nothing. Extra arguments narrow the list by substring.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // node_modules, and dot directories such as bench/.tmp (benchmark data), hold no tests of ours.
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

const filters = process.argv.slice(2);
const files = ['src', 'test', 'bench'].flatMap(find).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('run-tests: no test files found');
  process.exit(1);
}
console.log(`run-tests: ${files.length} test files`);
// The SQLite store's check for nested transactions is on in tests (and the servers they start).
const env = { ...process.env, KILN_STORE_NESTING_CHECK: '1' };
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
