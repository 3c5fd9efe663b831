/**
 * Image Builder scheduler: what one engine tick costs with 1,000, 10,000 and 100,000 ENABLED
 * scheduled pipelines (20,000 with --quick). Kiln only, in process (no HTTP): creating 100,000
 * pipelines through the API would take minutes, so they are created by calling the
 * CreateImagePipeline handler directly, a thousand per transaction, on an in-memory SQLite store
 * (as `--ephemeral`) with a ManualClock, exactly as a request would (validation, records, the
 * schedule task and dateNextRun).
 *
 * The fleet: 100 pipelines run hourly at :00 (EXPRESSION_MATCH_ONLY, so each due run starts a
 * SCHEDULED build); every other pipeline runs yearly at its own time between June and December
 * (default start condition, expressions all different), so none of them is due meanwhile. Per
 * round (3 rounds, at 12:00, 13:00 and 14:00, median reported):
 *   - idle tick at :59:30 before: nothing is due (the last round's builds were drained untimed);
 *   - due tick at :00:00: the 100 due pipelines each start a build (checked: 100 tasks ran).
 * A tick reads only the due end of the task queue, so both should stay flat as the fleet grows.
 */
import { performance } from 'node:perf_hooks';
import { TaskEngine } from '../../src/engine/tasks.js';
import { ManualClock } from '../../src/kernel/clock.js';
import { SequentialIds } from '../../src/kernel/ids.js';
import { createLogger } from '../../src/kernel/log.js';
import { AddRoleToInstanceProfile } from '../../src/services/iam/ops/AddRoleToInstanceProfile.js';
import { CreateInstanceProfile } from '../../src/services/iam/ops/CreateInstanceProfile.js';
import { CreateRole } from '../../src/services/iam/ops/CreateRole.js';
import { CreateImagePipeline } from '../../src/services/imagebuilder/ops/CreateImagePipeline.js';
import { CreateImageRecipe } from '../../src/services/imagebuilder/ops/CreateImageRecipe.js';
import { CreateInfrastructureConfiguration } from '../../src/services/imagebuilder/ops/CreateInfrastructureConfiguration.js';
import { registerImageBuilderTasks } from '../../src/services/imagebuilder/tasks.js';
import { authorizeNothing, DEFAULT_SETTINGS, rememberNothing, type HandlerContext } from '../../src/services/types.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Tx } from '../../src/store/types.js';
import { emptyResult, formatNumber, median, type Values, type Workload, type WorkloadResult } from '../harness.js';

const ACCOUNT = '123456789012';
const DUE = 100;
const ROUNDS = 3;
const PER_TX = 1000;
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

const idleLabel = (n: number) => `Image Builder scheduler tick, ${formatNumber(n)} scheduled pipelines, nothing due`;
const dueLabel = (n: number) => `Image Builder scheduler tick, ${formatNumber(n)} scheduled pipelines, ${DUE} due (each starts a build)`;

interface Fleet {
  engine: TaskEngine;
  clock: ManualClock;
  close(): Promise<void>;
}

/** A Kiln store and engine holding `count` ENABLED scheduled pipelines; the clock at day 0, 11:00. */
async function seedFleet(count: number, progress: (m: string) => void): Promise<Fleet> {
  const store = openSqliteStore({});
  const clock = new ManualClock('2026-03-02T11:00:00.000Z');
  const ids = new SequentialIds();
  const log = createLogger('silent');
  const engine = new TaskEngine({ store, clock, ids, log });
  registerImageBuilderTasks(engine, DEFAULT_SETTINGS);
  const context = (tx: Tx): HandlerContext => ({
    scope: { partition: 'aws', account: ACCOUNT, region: 'us-east-1', requestId: 'bench', principal: { type: 'root', arn: `arn:aws:iam::${ACCOUNT}:root`, userId: ACCOUNT, account: ACCOUNT, accessKeyId: 'test' } },
    tx, clock, ids, log, settings: DEFAULT_SETTINGS, authorize: authorizeNothing, remember: rememberNothing,
    schedule: (kind, dueAt, state) => engine.schedule(tx, kind, dueAt, state),
  });
  const { infra, recipe } = await store.tx(async (tx) => {
    const ctx = context(tx);
    await CreateRole({ RoleName: 'Builder', AssumeRolePolicyDocument: TRUST }, ctx);
    await CreateInstanceProfile({ InstanceProfileName: 'BuilderProfile' }, ctx);
    await AddRoleToInstanceProfile({ InstanceProfileName: 'BuilderProfile', RoleName: 'Builder' }, ctx);
    return {
      infra: (await CreateInfrastructureConfiguration({ name: 'builders', instanceProfileName: 'BuilderProfile', clientToken: 'infra' }, ctx)).infrastructureConfigurationArn!,
      recipe: (await CreateImageRecipe({ name: 'fleet', semanticVersion: '1.0.0', parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x', clientToken: 'recipe' }, ctx)).imageRecipeArn!,
    };
  });
  const started = performance.now();
  for (let first = 0; first < count; first += PER_TX) {
    await store.tx(async (tx) => {
      const ctx = context(tx);
      for (let i = first; i < Math.min(count, first + PER_TX); i++) {
        const due = i < DUE;
        const k = i - DUE;
        const scheduleExpression = due ? 'cron(0 * * * ? *)' : `cron(${k % 60} ${Math.floor(k / 60) % 24} ${1 + (k % 28)} ${6 + (k % 7)} ? *)`;
        await CreateImagePipeline({
          name: `fleet-${i}`, imageRecipeArn: recipe, infrastructureConfigurationArn: infra, clientToken: `fleet-${i}`,
          schedule: { scheduleExpression, pipelineExecutionStartCondition: due ? 'EXPRESSION_MATCH_ONLY' : undefined },
        }, ctx);
      }
    });
    if ((first / PER_TX) % 10 === 9) progress(`seeded ${formatNumber(first + PER_TX)} pipelines`);
  }
  progress(`seeded ${formatNumber(count)} pipelines in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { engine, clock, close: () => store.close() };
}

async function timedTick(engine: TaskEngine): Promise<{ ms: number; ran: number }> {
  const t0 = performance.now();
  const ran = await engine.tick();
  return { ms: performance.now() - t0, ran };
}

export async function measure(count: number, result: WorkloadResult, progress: (m: string) => void): Promise<void> {
  const fleet = await seedFleet(count, progress);
  try {
    const idle: number[] = [];
    const due: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      fleet.clock.set(`2026-03-02T${11 + round}:59:30.000Z`);
      await fleet.engine.runUntilIdle(); // the last round's builds finish (untimed)
      const quiet = await timedTick(fleet.engine);
      if (quiet.ran !== 0) throw new Error(`idle tick ran ${quiet.ran} tasks`);
      idle.push(quiet.ms);
      fleet.clock.set(`2026-03-02T${12 + round}:00:00.000Z`);
      const busy = await timedTick(fleet.engine);
      if (busy.ran !== DUE) throw new Error(`due tick ran ${busy.ran} tasks, expected ${DUE}`);
      due.push(busy.ms);
    }
    result.measurements.push({ label: idleLabel(count), unit: 'ms', value: median(idle), better: 'lower' });
    result.measurements.push({ label: dueLabel(count), unit: 'ms', value: median(due), better: 'lower' });
    result.notes.push(`${formatNumber(count)} pipelines: idle ticks ${idle.map((v) => v.toFixed(2)).join(', ')} ms; due ticks ${due.map((v) => v.toFixed(1)).join(', ')} ms`);
  } finally {
    await fleet.close();
  }
}

export const ibScheduleTick: Workload = {
  title: 'Image Builder scheduler tick vs scheduled pipelines',
  kind: 'shared',
  kilnOnly: 'moto has no EC2 Image Builder (no imagebuilder backend in moto 5.x)',
  async run(ctx) {
    const result = emptyResult();
    for (const count of [1_000, 10_000, ctx.options.quick ? 20_000 : 100_000]) {
      ctx.progress(`${formatNumber(count)} scheduled pipelines`);
      await measure(count, result, ctx.progress);
    }
    return result;
  },
  targets: [{
    description: 'Image Builder: a scheduler tick with 10,000 scheduled pipelines under 100 ms, and no more than linear growth with the fleet',
    evaluate(kiln: Values) {
      const at = (label: (n: number) => string, n: number) => kiln.get(label(n)) ?? NaN;
      const largest = [...kiln.keys()].map((l) => /tick, ([\d,]+) scheduled/.exec(l)?.[1]).filter(Boolean).map((s) => Number(s!.replace(/,/g, ''))).sort((a, b) => b - a)[0] ?? NaN;
      const due10k = at(dueLabel, 10_000);
      const idle10k = at(idleLabel, 10_000);
      const growth = at(dueLabel, largest) / at(dueLabel, 1_000);
      return {
        met: due10k < 100 && idle10k < 100 && growth <= largest / 1_000,
        detail: `10,000: idle ${idle10k.toFixed(2)} ms, due ${due10k.toFixed(1)} ms; due tick at ${formatNumber(largest)} is ${growth.toFixed(2)}x the 1,000 one (linear would be ${largest / 1_000}x)`,
      };
    },
  }],
};
