/**
 * IAM CreateRole + DeleteRole pairs: writes through the store. Each pair uses a role name never used
 * before, so the store grows no rows but sees real inserts and deletes. Throughput is in pairs/s and
 * latency is per pair (two sequential requests).
 */
import {
  ASSUME_ROLE_POLICY, emptyResult, isOk, leastDisturbed, queryBody, recordLoad, runLoad, send, signQuery, throughputTarget,
  type Endpoint, type Operation, type PreparedRequest, type Workload,
} from '../harness.js';

interface SignedPair {
  create: PreparedRequest;
  delete: PreparedRequest;
}

/** Bounds of the pre-signed pool for a timed run (signing 100k requests takes ~10 s here). */
const MIN_PAIRS = 2000;
const MAX_PAIRS = 50_000;

async function signPairs(endpoint: Endpoint, prefix: string, count: number): Promise<SignedPair[]> {
  const pairs: SignedPair[] = [];
  for (let i = 0; i < count; i++) {
    const RoleName = `${prefix}-${i}`;
    pairs.push({
      create: await signQuery(endpoint, 'iam', queryBody('iam', 'CreateRole', { RoleName, AssumeRolePolicyDocument: ASSUME_ROLE_POLICY })),
      delete: await signQuery(endpoint, 'iam', queryBody('iam', 'DeleteRole', { RoleName })),
    });
  }
  return pairs;
}

function pairOp(endpoint: Endpoint, pairs: SignedPair[]): Operation {
  return async (i, connection) => {
    const created = await send(endpoint, pairs[i].create, { connection });
    // A failed create leaves nothing to delete; the failure is already counted.
    if (!isOk(created.status)) return [created];
    return [created, await send(endpoint, pairs[i].delete, { connection })];
  };
}

export const iamCreateDeleteRole: Workload = {
  title: 'IAM CreateRole+DeleteRole',
  kind: 'shared',
  async run(ctx) {
    const { endpoint, pid } = ctx.server;
    const { options } = ctx;
    const result = emptyResult();
    for (const concurrency of options.concurrencies) {
      const label = `IAM CreateRole+DeleteRole c=${concurrency}`;
      let attempt = 0;
      const load = await leastDisturbed(ctx, label, result, async () => {
        // Names are never reused, not even by a repeated run.
        const prefix = `bench-cd-c${concurrency}-a${++attempt}`;
        const run = (pairs: SignedPair[], durationMs: number) => runLoad({
          endpoint, pid, concurrency, durationMs, maxOps: pairs.length, timeoutMs: options.requestTimeoutMs, op: pairOp(endpoint, pairs),
        });
        ctx.progress(`${label}: warm-up`);
        const warm = await run(await signPairs(endpoint, `${prefix}-warm`, options.quick ? 1000 : 2000), options.warmupMs);
        result.errors += warm.errors;
        result.errorSamples.push(...warm.errorSamples.map((s) => `${label} (warm-up): ${s}`));
        // Signing a pool sized for the fastest conceivable server would take longer than the run, so
        // it is sized from the warm-up rate, with 3x headroom (the warm-up is slower: JIT, noise).
        const rate = (warm.ops / warm.elapsedMs) * 1000;
        const size = Math.min(MAX_PAIRS, Math.max(MIN_PAIRS, Math.ceil(rate * (options.durationMs / 1000) * 3)));
        ctx.progress(`${label}: signing ${size} pairs`);
        const pairs = await signPairs(endpoint, `${prefix}-run`, size);
        ctx.progress(`${label}: ${options.durationMs} ms timed`);
        return run(pairs, options.durationMs);
      });
      recordLoad(result, label, 'pairs/s', load);
    }
    return result;
  },
  targets: [throughputTarget(
    'Kiln CreateRole+DeleteRole pairs >= 10x moto (c=1 and c=32)',
    ['IAM CreateRole+DeleteRole c=1', 'IAM CreateRole+DeleteRole c=32'], 10, 'pairs/s',
  )],
};
