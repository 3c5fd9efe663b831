#!/usr/bin/env node
// Bundles the `kiln` command into one file, dist/cli/main.js: loading one module instead of a
// hundred and fifty is most of Kiln's cold start. better-sqlite3 (a native addon) stays outside.
// yaml is bundled: its modules are reached only through dynamic imports (component and workflow
// documents), so esbuild initialises them on first use, while loading it from node_modules would
// cost every start ~50 ms (an ESM bundle hoists an external's import to its top).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli/main.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  external: ['better-sqlite3'],
  // commander is CommonJS and requires Node's built-ins; give the ESM bundle a `require` for them.
  banner: { js: "import { createRequire as kilnCreateRequire } from 'node:module'; const require = kilnCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
