#!/usr/bin/env node
// Bundles the `kiln` command into one file, dist/cli/main.js: loading one module instead of a
// hundred and fifty is most of Kiln's cold start. better-sqlite3 (a native addon) and yaml
// (loaded lazily, only for component documents) stay outside the bundle.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3', 'yaml'],
  // commander is CommonJS and requires Node's built-ins; give the ESM bundle a `require` for them.
  banner: { js: "import { createRequire as kilnCreateRequire } from 'node:module'; const require = kilnCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
