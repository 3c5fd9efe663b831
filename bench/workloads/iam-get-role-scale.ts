/**
 * IAM GetRole latency against the number of roles stored (Kiln only). A dedicated Kiln (ephemeral,
 * started like the long-running one) is seeded through the API with 100 roles and GetRole is timed
 * at c=1; then it is seeded up to 100,000 roles (10,000 with --quick) and GetRole is timed again. Each
 * timed run cycles through pre-signed GetRoles of roles spread evenly over the whole store, not one
 * hot role. Seeding is CreateRole at concurrency 32, each request signed as it is sent.
 *
 * moto is left out: its CreateRole scans every stored role, so it slows as the store grows (measured
 * here one at a time: 126 creates/s at 1,000 roles, 62/s at 8,000, i.e. ~7 ms + ~1.2 ms per 1,000
 * roles each), and concurrent creates fail with HTTP 500 once it holds a few hundred roles (see
 * iam-list-roles.ts). Seeding it with 100,000 roles would take about two hours.
 */
import {
  ASSUME_ROLE_POLICY, call, emptyResult, formatNumber, queryBody, rssMiB, runLoad, send, signQuery, warmUpAndTime,
  spawnServer, type Endpoint, type Operation, type PreparedRequest, type ServerProcess, type Workload,
} from '../harness.js';
import { waitUntilServing } from './cold-start.js';

const SMALL = 100;
const LARGE = 100_000;
const LARGE_QUICK = 10_000;
const SEED_CONCURRENCY = 32;
/** Distinct GetRole requests per timed run (at most one per role). */
const POOL = 1000;

const roleName = (i: number) => `bench-scale-${String(i).padStart(6, '0')}`;
export const scaleLabel = (roles: number) => `IAM GetRole, ${formatNumber(roles)} roles stored c=1`;

/** Creates roles [from, to) at concurrency 32; returns the rate. */
async function seed(server: ServerProcess, from: number, to: number): Promise<number> {
  const { endpoint, pid } = server;
  const op: Operation = async (i, connection) => {
    const body = queryBody('iam', 'CreateRole', { RoleName: roleName(from + i), AssumeRolePolicyDocument: ASSUME_ROLE_POLICY });
    return [await send(endpoint, await signQuery(endpoint, 'iam', body), { connection })];
  };
  const load = await runLoad({ endpoint, pid, concurrency: SEED_CONCURRENCY, durationMs: 30 * 60_000, maxOps: to - from, timeoutMs: 10_000, op });
  if (load.errors || load.ops !== to - from) throw new Error(`seeding ${to - from} roles: ${load.ops} sent, ${load.errors} failed: ${load.errorSamples.join('; ')}`);
  return (load.ops / load.elapsedMs) * 1000;
}

/** Pre-signed GetRoles of up to POOL roles spread evenly over the `stored` roles. */
async function getRolePool(endpoint: Endpoint, stored: number): Promise<PreparedRequest[]> {
  const now = Date.now();
  const pool: PreparedRequest[] = [];
  for (let j = 0; j < POOL; j++) {
    const role = roleName(Math.floor((j * stored) / POOL) % stored);
    pool.push(await signQuery(endpoint, 'iam', queryBody('iam', 'GetRole', { RoleName: role }), new Date(now - (j % 256) * 1000)));
  }
  return pool;
}

export const iamGetRoleScale: Workload = {
  title: 'IAM GetRole vs store size',
  kind: 'shared',
  kilnOnly: 'moto\'s CreateRole scans every stored role (126/s at 1,000 roles, 62/s at 8,000, one at a time; concurrent creates fail), so seeding 100,000 would take about two hours',
  async run(ctx) {
    const result = emptyResult();
    const large = ctx.options.quick ? LARGE_QUICK : LARGE;
    if (ctx.options.quick) result.notes.push(`--quick: the large store holds ${formatNumber(large)} roles, not ${formatNumber(LARGE)}`);
    const server = await spawnServer(ctx.spec);
    try {
      await waitUntilServing(server, ctx.options.coldStartTimeoutMs);
      const { endpoint } = server;
      let stored = 0;
      for (const size of [SMALL, large]) {
        ctx.progress(`seeding roles ${stored}..${size - 1} at c=${SEED_CONCURRENCY}`);
        const rate = await seed(server, stored, size);
        stored = size;
        result.notes.push(`seeded to ${formatNumber(size)} roles at ${rate.toFixed(0)} CreateRole/s (c=${SEED_CONCURRENCY}); RSS then ${rssMiB(server.pid).toFixed(0)} MiB`);
        // The last role really is there (and GetRole answers).
        await call(endpoint, 'iam', 'GetRole', { RoleName: roleName(size - 1) });
        const pool = await getRolePool(endpoint, size);
        const op: Operation = async (i, connection) => [await send(endpoint, pool[i % pool.length], { connection })];
        await warmUpAndTime(ctx, result, { label: scaleLabel(size), unit: 'req/s', concurrency: 1, server, prepare: async () => ({ op, maxOps: 1_000_000 }) });
      }
    } finally {
      await server.stop();
    }
    return result;
  },
  targets: [{
    description: 'Kiln GetRole latency with 100,000 roles stored within 1.5x of with 100 (c=1, p50 and p99)',
    evaluate(kiln) {
      const largeLabel = [...kiln.keys()].find((l) => l.startsWith('IAM GetRole, ') && !l.startsWith(scaleLabel(SMALL)))?.replace(/: .*$/, '') ?? scaleLabel(LARGE);
      const parts = ['p50', 'p99'].map((p) => {
        const small = kiln.get(`${scaleLabel(SMALL)}: ${p} latency`) ?? NaN;
        const big = kiln.get(`${largeLabel}: ${p} latency`) ?? NaN;
        return { ratio: big / small, text: `${p} ${big.toFixed(2)} vs ${small.toFixed(2)} ms = ${(big / small).toFixed(2)}x` };
      });
      const stored = largeLabel.replace(/^IAM GetRole, ([\d,]+) roles.*$/, '$1');
      return { met: parts.every((p) => p.ratio <= 1.5), detail: `${stored} vs 100 roles: ${parts.map((p) => p.text).join('; ')}` };
    },
  }],
};
