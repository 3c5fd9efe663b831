/**
 * IAM service-linked role cycle: CreateServiceLinkedRole (autoscaling.amazonaws.com, with a
 * CustomSuffix never used before) → DeleteServiceLinkedRole → GetServiceLinkedRoleDeletionStatus on
 * the task the delete returned. Throughput in cycles/s, latency per cycle (three sequential requests).
 *
 * Create and delete are pre-signed; the status request carries the task id the delete answered, so it
 * is signed during the cycle (about 0.1 ms of the load generator's CPU per cycle, for both servers).
 *
 * Kiln deletes a service-linked role asynchronously: a background task that waits
 * KILN_SLR_DELETION_START_MS, then runs for KILN_SLR_DELETION_RUN_MS. The long-running Kiln is started
 * with both at 0 (see run.ts), so the deletions happen during the timed run rather than after it, and
 * suffixes never repeat in any case. Before each phase the workload waits until no autoscaling role is
 * left, and after the timed run it notes how long Kiln's deletion backlog took to drain. moto deletes
 * at once and answers SUCCEEDED whatever the task.
 */
import { performance } from 'node:perf_hooks';
import {
  countListing, emptyResult, isOk, queryBody, send, signQuery, sleep, throughputTarget, warmUpAndTime, xmlText,
  type Endpoint, type Operation, type PreparedRequest, type Workload,
} from '../harness.js';

const SERVICE = 'autoscaling.amazonaws.com';
const ROLE_PREFIX = 'AWSServiceRoleForAutoScaling_';
const SLR_PATH = `/aws-service-role/${SERVICE}/`;
const TITLE = 'IAM SLR create+delete+status';

/** Bounds of the pre-signed pool for a timed run (sized from the warm-up rate, as for CreateRole+DeleteRole). */
const MIN_CYCLES = 1000;
const MAX_CYCLES = 30_000;
const DRAIN_TIMEOUT_MS = 60_000;

interface SignedCycle {
  create: PreparedRequest;
  delete: PreparedRequest;
}

async function signCycles(endpoint: Endpoint, prefix: string, count: number): Promise<SignedCycle[]> {
  const cycles: SignedCycle[] = [];
  for (let i = 0; i < count; i++) {
    const CustomSuffix = `${prefix}-${i}`;
    cycles.push({
      create: await signQuery(endpoint, 'iam', queryBody('iam', 'CreateServiceLinkedRole', { AWSServiceName: SERVICE, CustomSuffix })),
      delete: await signQuery(endpoint, 'iam', queryBody('iam', 'DeleteServiceLinkedRole', { RoleName: ROLE_PREFIX + CustomSuffix })),
    });
  }
  return cycles;
}

function cycleOp(endpoint: Endpoint, cycles: SignedCycle[], statuses: Map<string, number>): Operation {
  return async (i, connection) => {
    const created = await send(endpoint, cycles[i].create, { connection });
    if (!isOk(created.status)) return [created];
    const deleted = await send(endpoint, cycles[i].delete, { connection, readBody: true });
    if (!isOk(deleted.status)) return [created, deleted];
    const DeletionTaskId = xmlText(deleted.body ?? '', 'DeletionTaskId');
    if (!DeletionTaskId) throw new Error(`DeleteServiceLinkedRole answered without a DeletionTaskId: ${deleted.body?.slice(0, 300)}`);
    const request = await signQuery(endpoint, 'iam', queryBody('iam', 'GetServiceLinkedRoleDeletionStatus', { DeletionTaskId }));
    const status = await send(endpoint, request, { connection, readBody: true });
    if (isOk(status.status)) {
      const value = xmlText(status.body ?? '', 'Status') ?? '(none)';
      statuses.set(value, (statuses.get(value) ?? 0) + 1);
      if (value === 'FAILED') throw new Error(`deletion task ${DeletionTaskId} FAILED: ${status.body?.slice(0, 300)}`);
    }
    return [created, deleted, status];
  };
}

/** Waits until no autoscaling service-linked role is left; returns how many there were at first and how long it took. */
async function drain(endpoint: Endpoint): Promise<{ pending: number; ms: number }> {
  const started = performance.now();
  const count = () => countListing(endpoint, 'ListRoles', { PathPrefix: SLR_PATH, MaxItems: '1000' }, 'RoleId');
  const pending = await count();
  for (let left = pending; left > 0; left = await count()) {
    if (performance.now() - started > DRAIN_TIMEOUT_MS) throw new Error(`${left} service-linked roles still not deleted ${DRAIN_TIMEOUT_MS} ms after the run`);
    await sleep(20);
  }
  return { pending, ms: pending > 0 ? performance.now() - started : 0 };
}

export const iamServiceLinkedRole: Workload = {
  title: TITLE,
  kind: 'shared',
  async run(ctx) {
    const { endpoint } = ctx.server;
    const { options } = ctx;
    const result = emptyResult();
    // Sanity check: both servers name the role as expected and delete it.
    {
      const [r] = await signCycles(endpoint, 'bench-slr-check', 1);
      const created = await send(endpoint, r.create, { readBody: true, timeoutMs: 10_000 });
      if (!isOk(created.status) || xmlText(created.body ?? '', 'RoleName') !== `${ROLE_PREFIX}bench-slr-check-0`) {
        throw new Error(`CreateServiceLinkedRole: HTTP ${created.status}, expected role ${ROLE_PREFIX}bench-slr-check-0:\n${created.body?.slice(0, 800)}`);
      }
      const deleted = await send(endpoint, r.delete, { readBody: true, timeoutMs: 10_000 });
      if (!isOk(deleted.status)) throw new Error(`DeleteServiceLinkedRole: HTTP ${deleted.status}:\n${deleted.body?.slice(0, 800)}`);
    }
    for (const concurrency of options.concurrencies) {
      const label = `${TITLE} c=${concurrency}`;
      let phase = 0;
      const statuses = new Map<string, number>();
      await warmUpAndTime(ctx, result, {
        label, unit: 'cycles/s', concurrency,
        async prepare(name, warm) {
          // Start each phase with no deletion backlog left over from the one before.
          await drain(endpoint);
          statuses.clear();
          const size = warm
            ? Math.min(MAX_CYCLES, Math.max(MIN_CYCLES, Math.ceil((warm.ops / warm.elapsedMs) * options.durationMs * 3)))
            : (options.quick ? 500 : 1000);
          ctx.progress(`${label}: signing ${size} cycles for the ${name}`);
          const cycles = await signCycles(endpoint, `b${concurrency}p${++phase}`, size);
          return { op: cycleOp(endpoint, cycles, statuses), maxOps: cycles.length };
        },
      });
      const { pending, ms } = await drain(endpoint);
      const seen = [...statuses].map(([s, n]) => `${s} ${n}`).join(', ');
      result.notes.push(`${label}: statuses answered right after the delete: ${seen}; ${pending} role(s) still awaiting deletion when the timed run ended${pending ? `, all gone ${Math.round(ms)} ms later` : ''}`);
    }
    return result;
  },
  targets: [throughputTarget('Kiln SLR create+delete+status cycles >= 10x moto (c=1 and c=32)', [`${TITLE} c=1`, `${TITLE} c=32`], 10, 'cycles/s')],
};
