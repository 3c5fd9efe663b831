#!/usr/bin/env node
// Copies the data tables kept beside the code (src/**/data/**/*.json) into dist/, which tsc does not do.
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

function dataDirs(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (!entry.isDirectory()) return [];
    const path = join(dir, entry.name);
    return entry.name === 'data' ? [path] : dataDirs(path);
  });
}

for (const dir of dataDirs('src')) {
  cpSync(dir, join('dist', relative('src', dir)), { recursive: true, filter: (src) => !/\.ts$/.test(src) });
}
