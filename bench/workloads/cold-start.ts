/**
 * Cold start: spawn the server process → first HTTP 200 to a signed STS GetCallerIdentity.
 * Each repeat is a fresh process on a fresh port; the median is reported.
 */
import { performance } from 'node:perf_hooks';
import {
  emptyResult, freePort, isOk, logTail, median, queryBody, send, signQuery, sleep, spawnServer,
  waitForQuiet, type ServerProcess, type ServerSpec, type Workload, type WorkloadContext,
} from '../harness.js';

/** How often to knock while the server is starting: fine enough to resolve a ~100 ms start. */
const POLL_INTERVAL_MS = 5;

/**
 * Polls `server` with a signed GetCallerIdentity until it answers 200; returns ms since spawn.
 * Each attempt uses a fresh connection (connection refused is the normal answer while it boots).
 */
export async function waitUntilServing(server: ServerProcess, timeoutMs: number): Promise<number> {
  // Signed before polling starts, so signing time is not charged to the server.
  const request = await signQuery(server.endpoint, 'sts', queryBody('sts', 'GetCallerIdentity'));
  const giveUp = server.spawnedAt + timeoutMs;
  let last = 'no attempt';
  while (performance.now() < giveUp) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) {
      throw new Error(`${server.spec.name} exited during start-up (${server.child.exitCode ?? server.child.signalCode}):\n${logTail(server)}`);
    }
    try {
      const reply = await send(server.endpoint, request, { timeoutMs: 2000 });
      if (isOk(reply.status)) return performance.now() - server.spawnedAt;
      last = `HTTP ${reply.status}: ${reply.body?.slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(POLL_INTERVAL_MS);
  }
  throw new Error(`${server.spec.name} did not answer GetCallerIdentity with 200 within ${timeoutMs} ms (last: ${last}):\n${logTail(server)}`);
}

/** Median ms from spawn to first 200 over `repeats` fresh processes, plus the raw samples. */
async function measureColdStarts(spec: ServerSpec, ctx: WorkloadContext, notes: string[]): Promise<{ median: number; samples: number[] }> {
  const samples: number[] = [];
  for (let i = 0; i < ctx.options.coldStartRepeats; i++) {
    // A start competes for the 2 cores with whatever else runs; wait for a quiet moment first.
    const busy = await waitForQuiet(ctx.options.quietWaitMs);
    if (busy >= 25) notes.push(`start ${i + 1}: machine ${busy.toFixed(0)}% busy beforehand`);
    const server = await spawnServer(spec, await freePort());
    try {
      samples.push(await waitUntilServing(server, ctx.options.coldStartTimeoutMs));
    } finally {
      await server.stop();
    }
    // Let the exiting process release its memory and CPU before the next start.
    await sleep(200);
  }
  return { median: median(samples), samples };
}

/**
 * This sandbox sets NODE_EXTRA_CA_CERTS, which makes every node process parse a CA bundle at start
 * (~90 ms here, more than a bare node start). Kiln makes no TLS calls, so when the variable is set a
 * second series runs without it, to separate the environment's cost from Kiln's own.
 */
const EXTRA_CA = 'NODE_EXTRA_CA_CERTS';

export const coldStart: Workload = {
  title: 'Cold start',
  kind: 'fresh',
  async run(ctx) {
    const result = emptyResult();
    const series: Array<{ label: string; spec: ServerSpec }> = [{ label: 'Cold start to first 200', spec: ctx.spec }];
    if (process.env[EXTRA_CA]) {
      series.push({ label: `Cold start to first 200, ${EXTRA_CA} unset`, spec: { ...ctx.spec, unsetEnv: [...(ctx.spec.unsetEnv ?? []), EXTRA_CA] } });
    }
    for (const { label, spec } of series) {
      const { median: value, samples } = await measureColdStarts(spec, ctx, result.notes);
      const text = samples.map((s) => s.toFixed(0)).join(', ');
      ctx.progress(`${label} (ms): ${text}`);
      result.measurements.push({ label: `${label} (median of ${samples.length})`, unit: 'ms', value, better: 'lower' });
      result.notes.push(`${label}, samples (ms): ${text}`);
    }
    return result;
  },
  targets: [{
    description: 'Kiln cold start < 150 ms',
    evaluate(kiln) {
      const starts = [...kiln].filter(([l]) => l.startsWith('Cold start'));
      const [, value] = starts[0] ?? ['', NaN];
      return { met: value < 150, detail: starts.map(([l, v]) => `${l}: ${v.toFixed(0)} ms`).join('; ') };
    },
  }],
};
