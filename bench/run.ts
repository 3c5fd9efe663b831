/**
 * Kiln vs moto, side by side, in one run: `npx tsx bench/run.ts [--quick]` (or `npm run bench`).
 *
 * Starts Kiln (dist/, built first if missing) and moto_server on free loopback ports, runs every
 * workload in bench/workloads/ against each (Kiln first, then moto, one at a time so the server under
 * test shares the 2 cores only with the load generator), and prints one table with both servers'
 * numbers and their ratio. Exits 1 if any request failed: a run with errors is not a benchmark.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  benchOptions, emptyResult, formatNumber, HOST, NOISY_OTHER_PCT, installCleanup, killAllServers, logTail, REPO_DIR, renderTable,
  resolveExecutable, spawnServer, TMP_DIR, type BenchOptions, type ServerProcess, type ServerSpec, type Values,
  type Workload, type WorkloadResult,
} from './harness.js';
import { waitUntilServing } from './workloads/cold-start.js';
import { WORKLOADS } from './workloads/index.js';

const KILN_MAIN = join(REPO_DIR, 'dist', 'cli', 'main.js');

/**
 * Other engineers rebuild dist/ while they work, so the benchmark runs a private copy of the npm
 * package layout (dist/, models/, package.json) taken once at the start: every Kiln process in the
 * run is the same build, and a rebuild cannot break a cold start halfway through. node_modules is
 * still found by walking up from bench/.tmp/ to the repository.
 */
const KILN_SNAPSHOT = join(TMP_DIR, `kiln-${process.pid}-package`);

function snapshotKiln(): void {
  rmSync(KILN_SNAPSHOT, { recursive: true, force: true });
  for (const entry of ['dist', 'models', 'package.json']) cpSync(join(REPO_DIR, entry), join(KILN_SNAPSHOT, entry), { recursive: true });
  const main = join(KILN_SNAPSHOT, 'dist', 'cli', 'main.js');
  const check = spawnSync(process.execPath, [main, '--version'], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`the copied Kiln build does not start (dist/ mid-rebuild?):\n${check.stderr}`);
}

/**
 * Service-linked role deletion runs at once (AWS-like delays are 500 ms + 1000 ms by default), so the
 * SLR workload's deletions happen inside its timed runs. No other workload touches service-linked roles.
 */
const KILN_ENV = { KILN_SLR_DELETION_START_MS: '0', KILN_SLR_DELETION_RUN_MS: '0' };

const KILN: ServerSpec = {
  name: 'Kiln',
  setEnv: KILN_ENV,
  command: (port, dataDir) => ({
    file: process.execPath,
    args: [
      join(KILN_SNAPSHOT, 'dist', 'cli', 'main.js'), 'serve', ...(dataDir ? ['--data-dir', dataDir] : ['--ephemeral']),
      '--host', HOST, '--port', String(port), '--log-level', 'warn',
    ],
  }),
};

/** Resolved once: the real moto_server script rather than its pyenv shim (see resolveExecutable). */
const MOTO_SERVER = resolveExecutable('moto_server');

const MOTO: ServerSpec = {
  name: 'moto',
  command: (port) => ({ file: MOTO_SERVER, args: ['-H', HOST, '-p', String(port)] }),
};

const SERVERS = [KILN, MOTO] as const;

interface Outcome {
  workload: Workload;
  kiln: WorkloadResult;
  moto: WorkloadResult;
}

function progress(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function ensureBuilt(): void {
  if (existsSync(KILN_MAIN)) return;
  progress('dist/ is missing: npm run build');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('npm run build failed');
}

/** moto's version, asked of the same python interpreter that runs moto_server (its shebang). */
function motoVersion(): string {
  const shebang = readFileSync(MOTO_SERVER, 'utf8').split('\n')[0];
  const python = shebang.startsWith('#!') ? shebang.slice(2).trim().split(/\s+/)[0] : 'python3';
  const r = spawnSync(python, ['-c', 'import moto, sys; print(moto.__version__, "(python", sys.version.split()[0] + ")")'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function machineFacts(): string[] {
  const nproc = spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || String(availableParallelism());
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO_DIR, encoding: 'utf8' }).stdout.trim();
  const dirty = git('status', '--porcelain', '--', 'src').length > 0;
  return [
    `nproc: ${nproc} (${cpu})`,
    `node: ${process.version}`,
    `moto: ${motoVersion()}`,
    // Others edit src/ and rebuild dist/ while this runs: say exactly which Kiln was measured.
    `Kiln: git ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' + uncommitted src/ changes' : ''}; dist/cli/main.js built ${statSync(KILN_MAIN).mtime.toISOString()}`,
    `Kiln started with: serve --ephemeral ${Object.entries(KILN_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`,
  ];
}

/** Runs one workload against one server; a crash becomes a counted error rather than ending the run. */
async function runOne(workload: Workload, spec: ServerSpec, server: ServerProcess | undefined, options: BenchOptions): Promise<WorkloadResult> {
  if (workload.kilnOnly && spec !== KILN) return { ...emptyResult(), notes: [`not run: ${workload.kilnOnly}`] };
  progress(`${workload.title} on ${spec.name}`);
  try {
    // 'fresh' workloads ignore `server`; they spawn their own processes from `spec`.
    return await workload.run({ spec, server: server!, options, progress: (m) => progress(`  ${spec.name}: ${m}`) });
  } catch (error) {
    const message = (error as Error).stack ?? String(error);
    progress(`  ${spec.name}: FAILED: ${message}`);
    return { measurements: [], errors: 1, errorSamples: [`${workload.title} failed: ${message}${server ? `\nserver log tail:\n${logTail(server)}` : ''}`], cpu: [], notes: [] };
  }
}

async function startLongRunning(spec: ServerSpec, options: BenchOptions): Promise<ServerProcess> {
  const server = await spawnServer(spec);
  const ms = await waitUntilServing(server, options.coldStartTimeoutMs);
  progress(`${spec.name} serving on ${server.endpoint.host}:${server.endpoint.port} (pid ${server.pid}) after ${ms.toFixed(0)} ms`);
  return server;
}

async function runAll(options: BenchOptions, workloads: Workload[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  // Cold starts first, while nothing else is running.
  for (const workload of workloads.filter((w) => w.kind === 'fresh')) {
    const [kiln, moto] = [await runOne(workload, KILN, undefined, options), await runOne(workload, MOTO, undefined, options)];
    outcomes.push({ workload, kiln, moto });
  }
  // Both servers up side by side; workloads hit one at a time (the other idles).
  const servers: ServerProcess[] = [];
  try {
    for (const spec of SERVERS) servers.push(await startLongRunning(spec, options));
    const [kilnServer, motoServer] = servers;
    for (const workload of workloads.filter((w) => w.kind === 'shared')) {
      const kiln = await runOne(workload, KILN, kilnServer, options);
      const moto = await runOne(workload, MOTO, motoServer, options);
      outcomes.push({ workload, kiln, moto });
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
  return outcomes;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function values(result: WorkloadResult): Values {
  return new Map(result.measurements.map((m) => [m.label, m.value]));
}

/** "Kiln 12.3x better" / "moto 2.0x better", reading the ratio in the metric's good direction. */
function reading(ratio: number, better: 'higher' | 'lower'): string {
  if (!Number.isFinite(ratio) || ratio <= 0) return 'n/a';
  const kilnAdvantage = better === 'higher' ? ratio : 1 / ratio;
  return kilnAdvantage >= 1 ? `Kiln ${formatNumber(kilnAdvantage)}x better` : `moto ${formatNumber(1 / kilnAdvantage)}x better`;
}

function resultsTable(outcomes: Outcome[]): string {
  const rows: string[][] = [];
  for (const { workload, kiln, moto } of outcomes) {
    const motoValues = values(moto);
    // Kiln's labels first, then any that only moto produced (e.g. Kiln's run failed).
    const labels = [...new Map([...kiln.measurements, ...moto.measurements].map((m) => [m.label, m])).values()];
    const kilnValues = values(kiln);
    for (const m of labels) {
      const k = kilnValues.get(m.label) ?? NaN;
      const o = motoValues.get(m.label) ?? NaN;
      const ratio = k / o;
      // '*' marks a number measured while other processes took CPU (see NOISY_OTHER_PCT).
      const mark = (r: WorkloadResult) => (r.measurements.find((x) => x.label === m.label)?.noisy ? '*' : '');
      if (workload.kilnOnly) {
        rows.push([`${m.label} (${m.unit})`, formatNumber(k) + mark(kiln), '-', '-', m.better, 'Kiln only']);
        continue;
      }
      rows.push([`${m.label} (${m.unit})`, formatNumber(k) + mark(kiln), formatNumber(o) + mark(moto), Number.isFinite(ratio) ? ratio.toFixed(2) : 'n/a', m.better, reading(ratio, m.better)]);
    }
  }
  return renderTable(['Metric', 'Kiln', 'moto', 'Kiln/moto', 'Better', 'Reading'], rows, [false, true, true, true, false, false]);
}

function cpuTable(outcomes: Outcome[]): string {
  const rows: string[][] = [];
  for (const { kiln, moto } of outcomes) {
    for (const [name, result] of [['Kiln', kiln], ['moto', moto]] as const) {
      for (const c of result.cpu) rows.push([c.label, name, c.clientPct.toFixed(0), c.serverPct.toFixed(0), c.otherPct.toFixed(0)]);
    }
  }
  return renderTable(['Run', 'Server', 'Load generator CPU %', 'Server CPU %', 'Other processes CPU %'], rows, [false, false, true, true, true]);
}

function report(outcomes: Outcome[], workloads: Workload[], options: BenchOptions, facts: string[], started: Date): { text: string; errors: number } {
  const lines: string[] = [];
  lines.push(`Kiln vs moto benchmark: ${started.toISOString()}${options.quick ? ' (--quick)' : ''}${workloads.length < WORKLOADS.length ? ` (only: ${workloads.map((w) => w.title).join('; ')})` : ''}`);
  lines.push(...facts.map((f) => `  ${f}`));
  lines.push(`  ${options.durationMs} ms timed per run after ${options.warmupMs} ms warm-up; closed loop, concurrency ${options.concurrencies.join(' and ')}; cold start x${options.coldStartRepeats}.`);
  lines.push('  NOTE: the load generator (one node process, keep-alive HTTP/1.1 client of bench/http-client.ts, pre-signed SigV4 requests) shares the');
  lines.push('  same 2 cores with the server under test; see the CPU table for who was saturated.');
  lines.push('');
  lines.push(resultsTable(outcomes));
  if (outcomes.some((o) => [...o.kiln.measurements, ...o.moto.measurements].some((m) => m.noisy))) {
    lines.push(`* measured while other processes took > ${NOISY_OTHER_PCT}% of a core, even after ${options.maxAttempts} tries: treat with caution.`);
  }
  lines.push('');
  lines.push('CPU during each timed run (100% = one core):');
  lines.push(cpuTable(outcomes));

  const notes = outcomes.flatMap(({ workload, kiln, moto }) => [
    ...kiln.notes.map((n) => `Kiln  ${workload.title}: ${n}`),
    ...moto.notes.map((n) => `moto  ${workload.title}: ${n}`),
  ]);
  if (notes.length) lines.push('', 'Notes:', ...notes.map((n) => `  - ${n}`));

  lines.push('', 'Targets:');
  for (const { workload, kiln, moto } of outcomes) {
    for (const target of workload.targets ?? []) {
      const { met, detail } = target.evaluate(values(kiln), values(moto));
      lines.push(`  - ${target.description}: ${met ? 'MET' : 'NOT MET'} (${detail})`);
    }
  }

  let errors = 0;
  const errorLines: string[] = [];
  for (const { workload, kiln, moto } of outcomes) {
    for (const [name, result] of [['Kiln', kiln], ['moto', moto]] as const) {
      errors += result.errors;
      if (result.errors) errorLines.push(`  ${name} ${workload.title}: ${result.errors} error(s)`, ...result.errorSamples.map((s) => `    ${s}`));
    }
  }
  lines.push('');
  lines.push(errors ? `FAILED: ${errors} request(s) failed; the numbers above are not a valid benchmark.` : 'Errors: none (every response was 2xx).');
  lines.push(...errorLines);
  return { text: lines.join('\n'), errors };
}

function removeOwnLogs(): void {
  if (!existsSync(TMP_DIR)) return;
  for (const file of readdirSync(TMP_DIR)) if (file.includes(`-${process.pid}-`)) rmSync(join(TMP_DIR, file), { recursive: true, force: true });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log('usage: npx tsx bench/run.ts [--quick] [--only <text>]...');
    console.log('  --only <text>: run only the workloads whose title contains <text> (case-insensitive; repeatable)');
    return;
  }
  const only: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--only' && i + 1 < args.length) only.push(args[++i].toLowerCase());
    else if (args[i] !== '--quick') unknown.push(args[i]);
  }
  if (unknown.length) throw new Error(`unknown argument(s): ${unknown.join(' ')}`);
  const workloads = only.length ? WORKLOADS.filter((w) => only.some((o) => w.title.toLowerCase().includes(o))) : WORKLOADS;
  if (workloads.length === 0) throw new Error(`no workload title contains ${only.join(' or ')}`);
  const options = benchOptions(args.includes('--quick'));
  installCleanup();
  ensureBuilt();
  const started = new Date();
  const facts = machineFacts();
  process.on('exit', () => rmSync(KILN_SNAPSHOT, { recursive: true, force: true }));
  snapshotKiln();
  const outcomes = await runAll(options, workloads);
  const { text, errors } = report(outcomes, workloads, options, facts, started);
  console.log(text);
  // Server logs are kept (in bench/.tmp/) only when something went wrong.
  if (errors === 0) removeOwnLogs();
  process.exitCode = errors ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  killAllServers();
  process.exit(1);
});
