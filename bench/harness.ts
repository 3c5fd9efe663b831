/**
 * The machinery shared by every benchmark workload: starting and stopping the two servers,
 * SigV4-signing awsQuery requests, a closed-loop load generator (on the lean HTTP client in
 * http-client.ts), statistics, /proc readings and the results table.
 *
 * A workload (bench/workloads/*.ts) only says what to send and which numbers to report; run.ts runs
 * each workload against Kiln and then moto and puts the numbers side by side.
 *
 * The machine has 2 cores shared by this load generator and the server under test, so the generator
 * is kept cheap: requests are signed and serialized before the clock starts, sent over keep-alive
 * connections, and bodies of successful responses are not decoded.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpConnection, isOk, prepareRequest, type Endpoint, type PreparedRequest, type Reply } from './http-client.js';

export { HttpConnection, isOk, prepareRequest, type Endpoint, type PreparedRequest, type Reply } from './http-client.js';

export const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = dirname(BENCH_DIR);
/** Server logs go here (git-ignored). */
export const TMP_DIR = join(BENCH_DIR, '.tmp');

export const HOST = '127.0.0.1';
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The root credentials of both servers (Kiln's default root key; moto accepts anything). */
export const CREDENTIALS: Credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
export const REGION = 'us-east-1';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------------

export interface BenchOptions {
  quick: boolean;
  /** Length of each timed throughput run. */
  durationMs: number;
  /** Untimed run before each timed one: JIT, connection set-up, SQLite statement caches. */
  warmupMs: number;
  concurrencies: number[];
  coldStartRepeats: number;
  /** Give-up time for one cold start (the loop is bounded even if a server never answers). */
  coldStartTimeoutMs: number;
  /** Per-request timeout, so a hung server cannot hang the benchmark. */
  requestTimeoutMs: number;
  /** Longest wait for the machine to go quiet before a timed run (see waitForQuiet). */
  quietWaitMs: number;
  /** A timed run disturbed by other processes is repeated, up to this many runs in all. */
  maxAttempts: number;
}

export function benchOptions(quick: boolean): BenchOptions {
  return {
    quick,
    durationMs: quick ? 2000 : 5000,
    warmupMs: quick ? 500 : 1000,
    concurrencies: [1, 32],
    coldStartRepeats: quick ? 3 : 5,
    coldStartTimeoutMs: 30_000,
    requestTimeoutMs: 10_000,
    quietWaitMs: quick ? 5000 : 10_000,
    maxAttempts: quick ? 2 : 3,
  };
}

// ---------------------------------------------------------------------------------------------
// Servers
// ---------------------------------------------------------------------------------------------

export interface ServerSpec {
  name: string;
  /**
   * The executable and its arguments for a server listening on HOST:port, keeping its state in
   * `dataDir` when given (Kiln: `--data-dir` instead of `--ephemeral`; moto has no such option).
   */
  command(port: number, dataDir?: string): { file: string; args: string[] };
  /** A directory holding the server's state (see `command`); unset: in memory only. */
  dataDir?: string;
  /** Environment variables removed from the inherited environment for this server. */
  unsetEnv?: string[];
  /** Environment variables set (over the inherited ones) for this server. */
  setEnv?: Record<string, string>;
}

/** The inherited environment minus `spec.unsetEnv`, plus `spec.setEnv`. */
function serverEnv(spec: ServerSpec): NodeJS.ProcessEnv {
  const env = { ...process.env, ...spec.setEnv };
  for (const name of spec.unsetEnv ?? []) delete env[name];
  return env;
}

/** Asks the OS for a free loopback port (bind to port 0, read it back, release it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, HOST, () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Every child we started, so that exit, Ctrl-C and crashes can kill them all. */
const children = new Set<ChildProcess>();

export interface ServerProcess {
  spec: ServerSpec;
  child: ChildProcess;
  pid: number;
  endpoint: Endpoint;
  logFile: string;
  /** performance.now() just before spawn(). */
  spawnedAt: number;
  stop(): Promise<void>;
}

let logCounter = 0;

/** Starts a server; its stdout and stderr go to a file so that piping them costs the generator nothing. */
export async function spawnServer(spec: ServerSpec, port?: number): Promise<ServerProcess> {
  mkdirSync(TMP_DIR, { recursive: true });
  const actualPort = port ?? (await freePort());
  const logFile = join(TMP_DIR, `${spec.name.toLowerCase()}-${process.pid}-${++logCounter}.log`);
  const fd = openSync(logFile, 'w');
  const { file, args } = spec.command(actualPort, spec.dataDir);
  const spawnedAt = performance.now();
  const child = spawn(file, args, { cwd: REPO_DIR, env: serverEnv(spec), stdio: ['ignore', fd, fd] });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`could not start ${spec.name}: ${file}`);
  children.add(child);
  child.once('exit', () => children.delete(child));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    // Graceful first (Kiln closes its store); SIGKILL if that takes more than 2 s.
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  };
  return { spec, child, pid: child.pid, endpoint: { host: HOST, port: actualPort }, logFile, spawnedAt, stop };
}

/** The last lines a server printed, for error reports. */
export function logTail(server: ServerProcess, lines = 15): string {
  try {
    return readFileSync(server.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/** Kills every server still running, synchronously (usable from an 'exit' handler). */
export function killAllServers(): void {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** Kill the servers on normal exit, on errors and on Ctrl-C, so no server outlives the benchmark. */
export function installCleanup(): void {
  process.on('exit', killAllServers);
  // `on`, not `once`: Ctrl-C reaches this process twice (directly, and relayed by tsx's parent), and a
  // second signal with no listener left would kill it before the 'exit' handlers run.
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.error(`\n${signal}: stopping servers`);
      killAllServers();
      process.exit(130);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    killAllServers();
    process.exit(1);
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    killAllServers();
    process.exit(1);
  });
}

/** Resolves a command on PATH through a shell-free lookup; pyenv shims are resolved to the real script. */
export function resolveExecutable(name: string): string {
  // A pyenv shim is a bash script that runs `pyenv exec`: 50-100 ms of bash per start here, which would be
  // charged to moto's cold start. `pyenv which` names the real script, whose shebang is python.
  const pyenv = spawnSync('pyenv', ['which', name], { encoding: 'utf8' });
  if (pyenv.status === 0 && pyenv.stdout.trim() && existsSync(pyenv.stdout.trim())) return pyenv.stdout.trim();
  const which = spawnSync('which', [name], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) return which.stdout.trim();
  throw new Error(`${name} not found on PATH`);
}

// ---------------------------------------------------------------------------------------------
// Signed awsQuery requests
// ---------------------------------------------------------------------------------------------

export type QueryService = 'iam' | 'sts';
const API_VERSIONS: Record<QueryService, string> = { iam: '2010-05-08', sts: '2011-06-15' };

const signers = new Map<string, SignatureV4>();
function signer(service: QueryService, credentials: Credentials): SignatureV4 {
  const key = `${service} ${credentials.accessKeyId}`;
  let s = signers.get(key);
  if (!s) {
    s = new SignatureV4({ service, region: REGION, credentials, sha256: Hash.bind(null, 'sha256') });
    signers.set(key, s);
  }
  return s;
}

/** `Action=...&Version=...&k=v...`, form-encoded. */
export function queryBody(service: QueryService, action: string, params: Record<string, string> = {}): string {
  return new URLSearchParams({ Action: action, Version: API_VERSIONS[service], ...params }).toString();
}

/** Signs one POST / awsQuery request for `endpoint` the way the AWS SDK for JavaScript v3 does. */
export async function signQuery(
  endpoint: Endpoint, service: QueryService, body: string, signingDate = new Date(), credentials: Credentials = CREDENTIALS,
): Promise<PreparedRequest> {
  const bytes = Buffer.from(body);
  const request = new HttpRequest({
    method: 'POST', protocol: 'http:', hostname: endpoint.host, port: endpoint.port, path: '/',
    headers: {
      host: `${endpoint.host}:${endpoint.port}`,
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'content-length': String(bytes.length),
    },
    body,
  });
  const signed = await signer(service, credentials).sign(request, { signingDate });
  return prepareRequest('POST', '/', Object.entries(signed.headers).flat(), bytes);
}

/**
 * `count` signatures of the same request, each with a different x-amz-date (one second apart, going
 * back from now; all well inside the 15-minute validity window). Distinct signatures keep the
 * benchmark honest should a server ever cache verification results per signature.
 */
export async function signPool(endpoint: Endpoint, service: QueryService, body: string, count = 256, credentials: Credentials = CREDENTIALS): Promise<PreparedRequest[]> {
  const now = Date.now();
  const pool: PreparedRequest[] = [];
  for (let i = 0; i < count; i++) pool.push(await signQuery(endpoint, service, body, new Date(now - i * 1000), credentials));
  return pool;
}

// ---------------------------------------------------------------------------------------------
// Sending
// ---------------------------------------------------------------------------------------------

/**
 * One request over `connection` (undefined: a fresh connection that is closed afterwards).
 * `timeoutMs` arms a per-request timer; load runs leave it out and rely on runLoad's watchdog,
 * because a timer per request is a measurable share of the generator's CPU.
 */
export async function send(endpoint: Endpoint, request: PreparedRequest, options: { connection?: HttpConnection; readBody?: boolean; timeoutMs?: number } = {}): Promise<Reply> {
  if (options.connection) return options.connection.request(request, options);
  const connection = new HttpConnection(endpoint);
  try {
    return await connection.request(request, options);
  } finally {
    connection.destroy();
  }
}

/** Signs and sends one request and insists on a 2xx whose body contains `expect` (set-up and sanity checks). */
export async function call(
  endpoint: Endpoint, service: QueryService, action: string, params: Record<string, string>, expect = `<${action}Response`, credentials: Credentials = CREDENTIALS,
): Promise<string> {
  const reply = await send(endpoint, await signQuery(endpoint, service, queryBody(service, action, params), new Date(), credentials), { readBody: true, timeoutMs: 10_000 });
  if (!isOk(reply.status) || !reply.body?.includes(expect)) {
    throw new Error(`${service} ${action} on port ${endpoint.port}: HTTP ${reply.status}, expected ${expect}:\n${reply.body?.slice(0, 800)}`);
  }
  return reply.body;
}

/** The text of the first `<tag>...</tag>` in an XML body (no entity decoding; enough for ids, names and flags). */
export function xmlText(body: string, tag: string): string | undefined {
  const start = body.indexOf(`<${tag}>`);
  if (start < 0) return undefined;
  const from = start + tag.length + 2;
  const end = body.indexOf(`</${tag}>`, from);
  return end < 0 ? undefined : body.slice(from, end);
}

/** How many times `needle` occurs in `text` (counting list members without parsing the XML). */
export function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * Every member of an IAM Marker/IsTruncated listing (ListRoles, ListUsers, ...), following Markers,
 * counted by occurrences of `<${memberTag}>`. For set-up and checks, not for timed runs.
 */
export async function countListing(endpoint: Endpoint, action: string, params: Record<string, string>, memberTag: string): Promise<number> {
  let total = 0;
  let marker: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const body = await call(endpoint, 'iam', action, { ...params, ...(marker ? { Marker: marker } : {}) });
    total += occurrences(body, `<${memberTag}>`);
    if (xmlText(body, 'IsTruncated') !== 'true') return total;
    marker = xmlText(body, 'Marker');
    if (!marker) throw new Error(`${action}: IsTruncated without a Marker`);
  }
  throw new Error(`${action}: more than 10,000 pages`);
}

export const ASSUME_ROLE_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

// ---------------------------------------------------------------------------------------------
// Load generation
// ---------------------------------------------------------------------------------------------

/**
 * One unit of work (a request, or a CreateRole+DeleteRole pair), sent in sequence over the worker's
 * own connection; returns the replies it got. `index` counts from 0 across all workers, so
 * pre-signed pools can be indexed by it.
 */
export type Operation = (index: number, connection: HttpConnection) => Promise<Reply[]>;

export interface LoadSpec {
  endpoint: Endpoint;
  /** Pid of the server, to charge its CPU time. */
  pid: number;
  concurrency: number;
  durationMs: number;
  /** Hard cap on operations (the size of a pre-signed pool, or just a bound). */
  maxOps: number;
  /** In-flight requests still unanswered this long after the deadline are aborted (and counted as errors). */
  timeoutMs: number;
  op: Operation;
}

export interface LoadResult {
  ops: number;
  /** Non-2xx replies plus transport failures (refused, reset, aborted by the watchdog). */
  errors: number;
  errorSamples: string[];
  elapsedMs: number;
  /** Per operation, in ms, sorted ascending. */
  latencies: Float64Array;
  /** True when the run stopped because maxOps was reached before durationMs. */
  exhausted: boolean;
  /** CPU time over the run, in % of one core: this generator, the server, everything else on the machine. */
  clientCpuPct: number;
  serverCpuPct: number;
  otherCpuPct: number;
}

/**
 * Closed-loop load: `concurrency` workers, each sending its next operation as soon as the previous
 * one is answered, over a keep-alive connection of its own. Stops at durationMs or maxOps, whichever
 * comes first. A single watchdog (not a timer per request, which would cost the generator CPU)
 * destroys the connections if requests are still in flight timeoutMs after the deadline.
 */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const connections = Array.from({ length: spec.concurrency }, () => new HttpConnection(spec.endpoint));
  const closeAll = () => {
    for (const connection of connections) connection.destroy();
  };
  const latencies = new Float64Array(spec.maxOps);
  const errorSamples: string[] = [];
  let next = 0;
  let done = 0;
  let errors = 0;
  const noteError = (text: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(text);
  };

  const machineBefore = machineBusyMs();
  const cpuBefore = process.cpuUsage();
  const serverBefore = processCpuMs(spec.pid);
  const started = performance.now();
  const deadline = started + spec.durationMs;
  const watchdog = setTimeout(() => {
    noteError(`watchdog: requests still unanswered ${spec.timeoutMs} ms after the deadline; aborted`);
    closeAll();
  }, spec.durationMs + spec.timeoutMs);

  async function worker(connection: HttpConnection): Promise<void> {
    while (next < spec.maxOps && performance.now() < deadline) {
      const index = next++;
      const t0 = performance.now();
      try {
        for (const reply of await spec.op(index, connection)) {
          if (!isOk(reply.status)) noteError(`HTTP ${reply.status}: ${(reply.body ?? '').replace(/\s+/g, ' ').slice(0, 300)}`);
        }
      } catch (error) {
        // Transport failures, and checks of a reply's content that an operation throws.
        noteError(`failed: ${(error as Error).message}`);
      }
      latencies[done++] = performance.now() - t0;
    }
  }

  try {
    await Promise.all(connections.map(worker));
  } finally {
    clearTimeout(watchdog);
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverMs = processCpuMs(spec.pid) - serverBefore;
  const machineMs = machineBusyMs() - machineBefore;
  closeAll();
  const clientMs = (cpu.user + cpu.system) / 1000;
  const pct = (ms: number) => (ms / elapsedMs) * 100;
  return {
    ops: done, errors, errorSamples, elapsedMs,
    latencies: latencies.subarray(0, done).sort(),
    exhausted: next >= spec.maxOps && elapsedMs < spec.durationMs,
    clientCpuPct: pct(clientMs),
    serverCpuPct: pct(serverMs),
    // /proc/stat has 10 ms resolution, so small negative values are rounding: clamp them.
    otherCpuPct: Math.max(0, pct(machineMs - clientMs - serverMs)),
  };
}

/**
 * Other engineers' builds and tests may share this 2-core machine. Before a timed run, wait (bounded)
 * until the machine is mostly idle, so that the numbers measure the server rather than the neighbours.
 * Returns the busy share (in % of one core) of the last sample, so callers can note a noisy run.
 */
export async function waitForQuiet(maxWaitMs: number, thresholdPct = 25, sampleMs = 300): Promise<number> {
  const giveUp = performance.now() + maxWaitMs;
  let busyPct = Infinity;
  do {
    const before = machineBusyMs();
    await sleep(sampleMs);
    busyPct = ((machineBusyMs() - before) / sampleMs) * 100;
    if (busyPct < thresholdPct) break;
  } while (performance.now() < giveUp);
  return busyPct;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

// ---------------------------------------------------------------------------------------------
// /proc readings
// ---------------------------------------------------------------------------------------------

const CLOCK_TICKS = (() => {
  const r = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const n = Number(r.stdout?.trim());
  return Number.isFinite(n) && n > 0 ? n : 100;
})();

/** utime + stime of a process, in ms (all its threads; NaN if it is gone). */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces; fields after the closing paren are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS) * 1000;
  } catch {
    return NaN;
  }
}

/** CPU time spent by the whole machine (all cores, all processes; not idle, not iowait) in ms. */
export function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user).
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + steal) / CLOCK_TICKS) * 1000;
}

/** Resident set size in MiB, from /proc/<pid>/status VmRSS. */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) / 1024;
}

// ---------------------------------------------------------------------------------------------
// Workloads and results
// ---------------------------------------------------------------------------------------------

export type Better = 'higher' | 'lower';

/** One number for one server; run.ts pairs Kiln's and moto's by `label`. */
export interface Measurement {
  label: string;
  unit: string;
  value: number;
  better: Better;
  /** Other processes used more than NOISY_OTHER_PCT of a core while this was measured. */
  noisy?: boolean;
}

export interface WorkloadResult {
  measurements: Measurement[];
  errors: number;
  errorSamples: string[];
  /** Lines for the "where the CPU went" table. */
  cpu: Array<{ label: string; clientPct: number; serverPct: number; otherPct: number }>;
  notes: string[];
}

export function emptyResult(): WorkloadResult {
  return { measurements: [], errors: 0, errorSamples: [], cpu: [], notes: [] };
}

export interface WorkloadContext {
  spec: ServerSpec;
  /** The long-running server (for 'shared' workloads). */
  server: ServerProcess;
  options: BenchOptions;
  progress(message: string): void;
}

export interface Workload {
  title: string;
  /**
   * 'fresh': starts its own processes (cold start) and runs before the long-running servers exist,
   * so nothing else competes for the 2 cores. 'shared': runs against the long-running server.
   */
  kind: 'fresh' | 'shared';
  run(ctx: WorkloadContext): Promise<WorkloadResult>;
  /** Kiln's goals for this workload, judged after both servers ran it. */
  targets?: TargetCheck[];
  /** Set for a workload that runs on Kiln only: why moto is left out (printed in the notes). */
  kilnOnly?: string;
}

/** Values by measurement label, for one server. */
export type Values = Map<string, number>;

export interface TargetCheck {
  description: string;
  evaluate(kiln: Values, moto: Values): { met: boolean; detail: string };
}

/** A timed run counts as disturbed when other processes used more than this share of one core. */
export const NOISY_OTHER_PCT = 30;

/** Waits for the neighbours to calm down (bounded) and says so when they did not. */
export async function quietBeforeRun(ctx: WorkloadContext, label: string): Promise<void> {
  const busy = await waitForQuiet(ctx.options.quietWaitMs);
  if (busy >= 25) ctx.progress(`${label}: machine still ${busy.toFixed(0)}% busy after ${ctx.options.quietWaitMs} ms; running anyway`);
}

/**
 * Runs `attempt` (warm-up and timed run) after waiting for a quiet machine, and again, up to
 * maxAttempts in all, while other processes (other engineers' builds and tests) took more than
 * NOISY_OTHER_PCT of a core during the timed run. Keeps the least disturbed run; the errors of the
 * runs it drops still count.
 */
export async function leastDisturbed(ctx: WorkloadContext, label: string, result: WorkloadResult, attempt: () => Promise<LoadResult>): Promise<LoadResult> {
  const runs: LoadResult[] = [];
  for (let i = 1; i <= ctx.options.maxAttempts; i++) {
    await quietBeforeRun(ctx, label);
    const load = await attempt();
    runs.push(load);
    if (load.otherCpuPct <= NOISY_OTHER_PCT) break;
    ctx.progress(`${label}: other processes took ${load.otherCpuPct.toFixed(0)}% CPU during run ${i}${i < ctx.options.maxAttempts ? '; repeating' : ''}`);
  }
  const best = runs.reduce((a, b) => (b.otherCpuPct < a.otherCpuPct ? b : a));
  for (const dropped of runs.filter((r) => r !== best)) {
    result.errors += dropped.errors;
    result.errorSamples.push(...dropped.errorSamples.map((s) => `${label} (repeated run): ${s}`));
  }
  if (runs.length > 1) result.notes.push(`${label}: ${runs.length} runs (others' CPU %: ${runs.map((r) => r.otherCpuPct.toFixed(0)).join(', ')}); kept the quietest`);
  return best;
}

/** What one phase of a measurement sends: the operation and a cap on operations (a pool's size). */
export interface PreparedLoad {
  op: Operation;
  maxOps: number;
}

/**
 * The usual measurement of one label: wait for a quiet machine, an untimed warm-up, a timed run
 * (repeated while disturbed, see leastDisturbed), folded into `result` by recordLoad. `prepare` is
 * called for each phase of each attempt, so that every phase can get fresh names or a fresh
 * pre-signed pool; the timed phase sees the warm-up's result (to size its pool from the warm-up rate).
 */
export interface TimedLoadDef {
  label: string;
  unit: string;
  concurrency: number;
  /** Defaults to ctx.server. */
  server?: ServerProcess;
  /** How long requests may stay unanswered after the deadline; defaults to options.requestTimeoutMs. */
  timeoutMs?: number;
  prepare(phase: 'warm-up' | 'timed', warm?: LoadResult): Promise<PreparedLoad>;
}

export async function warmUpAndTime(ctx: WorkloadContext, result: WorkloadResult, def: TimedLoadDef): Promise<LoadResult> {
  const load = await warmUpAndTimeUnrecorded(ctx, result, def);
  recordLoad(result, def.label, def.unit, load);
  return load;
}

/** warmUpAndTime without recordLoad (errors still go into `result`): for runs that are merged first. */
export async function warmUpAndTimeUnrecorded(ctx: WorkloadContext, result: WorkloadResult, def: TimedLoadDef): Promise<LoadResult> {
  const { endpoint, pid } = def.server ?? ctx.server;
  const { options } = ctx;
  const run = (load: PreparedLoad, durationMs: number) =>
    runLoad({ endpoint, pid, concurrency: def.concurrency, durationMs, timeoutMs: def.timeoutMs ?? options.requestTimeoutMs, ...load });
  const load = await leastDisturbed(ctx, def.label, result, async () => {
    ctx.progress(`${def.label}: warm-up`);
    const warm = await run(await def.prepare('warm-up'), options.warmupMs);
    result.errors += warm.errors;
    result.errorSamples.push(...warm.errorSamples.map((s) => `${def.label} (warm-up): ${s}`));
    const timed = await def.prepare('timed', warm);
    ctx.progress(`${def.label}: ${options.durationMs} ms timed`);
    return run(timed, options.durationMs);
  });
  return load;
}

/** Several timed runs of the same thing as one: operations, time and latency samples pooled, CPU averaged over time. */
export function mergeLoads(loads: LoadResult[]): LoadResult {
  const elapsedMs = loads.reduce((t, l) => t + l.elapsedMs, 0);
  const weighted = (pick: (l: LoadResult) => number) => loads.reduce((t, l) => t + pick(l) * l.elapsedMs, 0) / elapsedMs;
  const latencies = new Float64Array(loads.reduce((n, l) => n + l.latencies.length, 0));
  let at = 0;
  for (const l of loads) {
    latencies.set(l.latencies, at);
    at += l.latencies.length;
  }
  return {
    ops: loads.reduce((n, l) => n + l.ops, 0),
    errors: loads.reduce((n, l) => n + l.errors, 0),
    errorSamples: loads.flatMap((l) => l.errorSamples),
    elapsedMs,
    latencies: latencies.sort(),
    exhausted: loads.some((l) => l.exhausted),
    clientCpuPct: weighted((l) => l.clientCpuPct),
    serverCpuPct: weighted((l) => l.serverCpuPct),
    otherCpuPct: weighted((l) => l.otherCpuPct),
  };
}

/** A target "Kiln >= `factor` x moto" on the throughput of each of `labels` (all must hold). */
export function throughputTarget(description: string, labels: string[], factor: number, unit: string): TargetCheck {
  return {
    description,
    evaluate(kiln, moto) {
      const parts = labels.map((label) => {
        const k = kiln.get(`${label}: throughput`) ?? NaN;
        const m = moto.get(`${label}: throughput`) ?? NaN;
        return { ratio: k / m, text: `${label}: ${(k / m).toFixed(1)}x (Kiln ${formatNumber(k)} vs moto ${formatNumber(m)} ${unit})` };
      });
      return { met: parts.every((p) => p.ratio >= factor), detail: parts.map((p) => p.text).join('; ') };
    },
  };
}

/** Folds one timed load run into a result: throughput, p50/p99 latency, errors, CPU. */
export function recordLoad(result: WorkloadResult, label: string, unit: string, load: LoadResult): void {
  const noisy = load.otherCpuPct > NOISY_OTHER_PCT;
  result.measurements.push(
    { label: `${label}: throughput`, unit, value: (load.ops / load.elapsedMs) * 1000, better: 'higher', noisy },
    { label: `${label}: p50 latency`, unit: 'ms', value: percentile(load.latencies, 50), better: 'lower', noisy },
    { label: `${label}: p99 latency`, unit: 'ms', value: percentile(load.latencies, 99), better: 'lower', noisy },
  );
  result.errors += load.errors;
  result.errorSamples.push(...load.errorSamples.map((s) => `${label}: ${s}`));
  result.cpu.push({ label, clientPct: load.clientCpuPct, serverPct: load.serverCpuPct, otherPct: load.otherCpuPct });
  if (load.exhausted) result.notes.push(`${label}: stopped early after ${load.ops} ops (pre-signed pool used up) in ${Math.round(load.elapsedMs)} ms`);
}

/**
 * A throughput workload for one repeated awsQuery request: for each concurrency, an untimed
 * warm-up and then a timed run, both cycling through a pool of pre-signed copies of the request.
 * Adding a read-style workload is one call to this.
 */
export function requestThroughput(def: {
  title: string;
  service: QueryService;
  action: string;
  params?: Record<string, string>;
  /** Runs once per server before the first warm-up (e.g. create the role that GetRole reads). */
  setup?: (endpoint: Endpoint) => Promise<void>;
}): Workload {
  return {
    title: def.title,
    kind: 'shared',
    async run(ctx) {
      const { endpoint, pid } = ctx.server;
      const result = emptyResult();
      await def.setup?.(endpoint);
      // Sanity check: the request really is answered with the operation's response, not some error page.
      await call(endpoint, def.service, def.action, def.params ?? {});
      const pool = await signPool(endpoint, def.service, queryBody(def.service, def.action, def.params));
      const op: Operation = async (i, connection) => [await send(endpoint, pool[i % pool.length], { connection })];
      for (const concurrency of ctx.options.concurrencies) {
        const label = `${def.title} c=${concurrency}`;
        // Bounded by time; maxOps is only a safety cap (far above what 2 cores can do in the window).
        const base = { endpoint, pid, concurrency, op, timeoutMs: ctx.options.requestTimeoutMs, maxOps: 1_000_000 };
        const load = await leastDisturbed(ctx, label, result, async () => {
          ctx.progress(`${label}: warm-up`);
          const warm = await runLoad({ ...base, durationMs: ctx.options.warmupMs });
          result.errors += warm.errors;
          result.errorSamples.push(...warm.errorSamples.map((s) => `${label} (warm-up): ${s}`));
          ctx.progress(`${label}: ${ctx.options.durationMs} ms timed`);
          return runLoad({ ...base, durationMs: ctx.options.durationMs });
        });
        recordLoad(result, label, 'req/s', load);
      }
      return result;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Table
// ---------------------------------------------------------------------------------------------

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** A plain-text table (also valid Markdown) with columns padded to their widest cell. */
export function renderTable(header: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: string[]) =>
    '| ' + cells.map((cell, c) => (rightAligned[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join(' | ') + ' |';
  const rule = '|' + widths.map((w, c) => (rightAligned[c] ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|') + '|';
  return [line(header), rule, ...rows.map(line)].join('\n');
}
