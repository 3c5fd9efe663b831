/**
 * Where Kiln's files are, however it runs: from src/ through tsx, from dist/ as compiled modules,
 * or from the single bundled dist/cli/main.js. Paths are resolved from the package root (the
 * nearest directory with a package.json), never from a module's own location, which differs
 * between those layouts.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(import.meta.url);

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(here));

/** A file at the package root, e.g. `models/iam.json`. */
export function packagePath(...segments: string[]): string {
  return join(PACKAGE_ROOT, ...segments);
}

/** A data file kept beside the code under src/ (copied to dist/ by the build), e.g. `services/iam/data/x.json`. */
export function codeDataPath(...segments: string[]): string {
  return join(PACKAGE_ROOT, here.endsWith('.ts') ? 'src' : 'dist', ...segments);
}
