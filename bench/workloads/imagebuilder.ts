/**
 * EC2 Image Builder workloads (Kiln only: moto has no Image Builder).
 *
 * 1 and 2 each start a Kiln of their own, like the long-running one but with every build stage
 * lasting 0 ms (KILN_BUILD_*_MS=0), and set it up through the API, signed as root test/test in
 * us-east-1: IAM CreateRole + CreateInstanceProfile + AddRoleToInstanceProfile, then CreateComponent
 * (inline YAML with a build phase), CreateImageRecipe and CreateInfrastructureConfiguration.
 *
 * 1. Build throughput: CreateImage (fresh clientToken each) at c=32 for a bounded window, then wait
 *    for the last builds to reach AVAILABLE; builds/s = builds / (first CreateImage .. last AVAILABLE).
 * 2. GetImage (on an AVAILABLE build) vs IAM GetRole on the same Kiln, c=1 and c=32, run in the
 *    order image, role, role, image and each pair pooled (as the enforcement workload does).
 * 3. ListImages ({"maxResults":25}) at c=1 with 100 images stored and with 100,000 (20,000 with
 *    --quick). Seeding that many through HTTP would take ~15 minutes (~110 CreateImageRecipe +
 *    CreateImage pairs/s at c=32), so each store size is seeded the same way, in process: the real
 *    handlers (IAM CreateRole, CreateInstanceProfile, AddRoleToInstanceProfile; Image Builder
 *    CreateComponent, CreateInfrastructureConfiguration, then per image CreateImageRecipe with a
 *    name of its own + CreateImage, 1,000 images per transaction) write a fresh SQLite file under
 *    bench/.tmp, with contexts built as a request's (the first CreateImage creates the
 *    service-linked role; every CreateImage schedules its build task, which does not run): 100,000
 *    images took 66 s here (~1,500 pairs/s). Then a
 *    Kiln of its own serves that file (`serve --data-dir`, not --ephemeral) with every build stage
 *    24 h long, so none of the pending builds advances (or costs CPU) while ListImages is timed;
 *    ListImages lists image versions whatever their status. The directory is deleted afterwards.
 *    Every image is a recipe of its own, so ListImages really has that many image versions to page over.
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  call, CREDENTIALS, emptyResult, formatNumber, HttpConnection, isOk, prepareRequest, mergeLoads, quietBeforeRun, recordLoad, REGION, runLoad, signPool, queryBody, send, sleep,
  spawnServer, warmUpAndTime, warmUpAndTimeUnrecorded, type Endpoint, type LoadResult, type Operation, type PreparedRequest, type ServerProcess, type Workload, type WorkloadContext,
  type Values, TMP_DIR,
} from '../harness.js';
import { waitUntilServing } from './cold-start.js';
import { TaskEngine } from '../../src/engine/tasks.js';
import { SystemClock } from '../../src/kernel/clock.js';
import { RandomIds } from '../../src/kernel/ids.js';
import { createLogger } from '../../src/kernel/log.js';
import type { Principal } from '../../src/kernel/scope.js';
import { requestAuthorizer } from '../../src/server/authz.js';
import { AddRoleToInstanceProfile } from '../../src/services/iam/ops/AddRoleToInstanceProfile.js';
import { CreateInstanceProfile } from '../../src/services/iam/ops/CreateInstanceProfile.js';
import { CreateRole } from '../../src/services/iam/ops/CreateRole.js';
import { registerIamTasks } from '../../src/services/iam/tasks.js';
import { CreateComponent } from '../../src/services/imagebuilder/ops/CreateComponent.js';
import { CreateImage } from '../../src/services/imagebuilder/ops/CreateImage.js';
import { CreateImageRecipe } from '../../src/services/imagebuilder/ops/CreateImageRecipe.js';
import { CreateInfrastructureConfiguration } from '../../src/services/imagebuilder/ops/CreateInfrastructureConfiguration.js';
import { registerImageBuilderTasks } from '../../src/services/imagebuilder/tasks.js';
import { DEFAULT_SETTINGS, rememberNothing, type HandlerContext, type ServiceSettings } from '../../src/services/types.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Tx } from '../../src/store/types.js';

const KILN_ONLY = 'moto has no EC2 Image Builder (no imagebuilder backend in moto 5.x)';
const ZERO_DURATIONS = {
  KILN_BUILD_PENDING_MS: '0', KILN_BUILD_BUILDING_MS: '0', KILN_BUILD_TESTING_MS: '0',
  KILN_BUILD_DISTRIBUTING_MS: '0', KILN_BUILD_INTEGRATING_MS: '0',
};
const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const COMPONENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';
const PARENT = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x';
const CONCURRENCY = 32;

// ---------------------------------------------------------------------------------------------
// Signed restJson requests
// ---------------------------------------------------------------------------------------------

const ibSigner = new SignatureV4({ service: 'imagebuilder', region: REGION, credentials: CREDENTIALS, sha256: Hash.bind(null, 'sha256') });

async function signRest(endpoint: Endpoint, method: string, path: string, input: { query?: Record<string, string>; body?: unknown } = {}, signingDate = new Date()): Promise<PreparedRequest> {
  const body = input.body === undefined ? '' : JSON.stringify(input.body);
  const headers: Record<string, string> = { host: `${endpoint.host}:${endpoint.port}` };
  if (input.body !== undefined) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(Buffer.byteLength(body));
  }
  const request = new HttpRequest({ method, protocol: 'http:', hostname: endpoint.host, port: endpoint.port, path, query: input.query, headers, body: body || undefined });
  const signed = await ibSigner.sign(request, { signingDate });
  const qs = input.query ? '?' + Object.entries(input.query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') : '';
  return prepareRequest(method, path + qs, Object.entries(signed.headers).flat(), Buffer.from(body));
}

/** One signed Image Builder call that must succeed; returns the parsed JSON answer. */
async function ib(endpoint: Endpoint, method: string, op: string, input: { query?: Record<string, string>; body?: unknown } = {}, connection?: HttpConnection): Promise<any> {
  const reply = await send(endpoint, await signRest(endpoint, method, `/${op}`, input), { readBody: true, timeoutMs: 10_000, connection });
  if (!isOk(reply.status)) throw new Error(`imagebuilder ${op}: HTTP ${reply.status}: ${reply.body?.slice(0, 500)}`);
  return JSON.parse(reply.body || '{}');
}

const createImageBody = (fx: Fixtures) => ({ imageRecipeArn: fx.recipe, infrastructureConfigurationArn: fx.infra, clientToken: randomUUID() });
const getImage = (endpoint: Endpoint, arn: string, connection?: HttpConnection) => ib(endpoint, 'GET', 'GetImage', { query: { imageBuildVersionArn: arn } }, connection);

// ---------------------------------------------------------------------------------------------
// Kiln and fixtures
// ---------------------------------------------------------------------------------------------

async function startZeroDurationKiln(ctx: WorkloadContext): Promise<ServerProcess> {
  const server = await spawnServer({ ...ctx.spec, setEnv: { ...ctx.spec.setEnv, ...ZERO_DURATIONS } });
  await waitUntilServing(server, ctx.options.coldStartTimeoutMs);
  return server;
}

interface Fixtures {
  component: string;
  infra: string;
  recipe: string;
}

async function fixtures(endpoint: Endpoint): Promise<Fixtures> {
  await call(endpoint, 'iam', 'CreateRole', { RoleName: 'BenchBuilder', AssumeRolePolicyDocument: TRUST });
  await call(endpoint, 'iam', 'CreateInstanceProfile', { InstanceProfileName: 'BenchBuilderProfile' });
  await call(endpoint, 'iam', 'AddRoleToInstanceProfile', { InstanceProfileName: 'BenchBuilderProfile', RoleName: 'BenchBuilder' });
  const component = (await ib(endpoint, 'PUT', 'CreateComponent', { body: { name: 'bench-hello', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT, clientToken: randomUUID() } })).componentBuildVersionArn;
  const infra = (await ib(endpoint, 'PUT', 'CreateInfrastructureConfiguration', { body: { name: 'bench-builders', instanceProfileName: 'BenchBuilderProfile', clientToken: randomUUID() } })).infrastructureConfigurationArn;
  const recipe = await createRecipe(endpoint, component, 'bench-recipe');
  return { component, infra, recipe };
}

async function createRecipe(endpoint: Endpoint, component: string, name: string): Promise<string> {
  return (await ib(endpoint, 'PUT', 'CreateImageRecipe', {
    body: { name, semanticVersion: '1.0.0', parentImage: PARENT, components: [{ componentArn: component }], clientToken: randomUUID() },
  })).imageRecipeArn;
}

/** Polls GetImage until every build in `arns` is AVAILABLE; returns when the last was seen so. Throws on a failed build or after timeoutMs. */
async function waitAvailable(endpoint: Endpoint, arns: string[], timeoutMs = 120_000, pollMs = 10): Promise<number> {
  const connections = Array.from({ length: CONCURRENCY }, () => new HttpConnection(endpoint));
  let pending = arns;
  const giveUp = performance.now() + timeoutMs;
  try {
    for (;;) {
      const states: string[] = [];
      let next = 0;
      await Promise.all(connections.slice(0, pending.length).map(async (connection) => {
        while (next < pending.length) {
          const i = next++;
          states[i] = (await getImage(endpoint, pending[i], connection)).image?.state?.status;
        }
      }));
      const seen = performance.now();
      const bad = states.find((s) => s === 'FAILED' || s === 'CANCELLED');
      if (bad) throw new Error(`a build ended ${bad}`);
      pending = pending.filter((_, i) => states[i] !== 'AVAILABLE');
      if (pending.length === 0) return seen;
      if (seen > giveUp) throw new Error(`${pending.length} build(s) not AVAILABLE after ${timeoutMs} ms (e.g. ${states.find((s) => s !== 'AVAILABLE')})`);
      await sleep(pollMs);
    }
  } finally {
    for (const connection of connections) connection.destroy();
  }
}

/** A CreateImage operation at load, signed as it is sent, collecting the build ARNs. */
function createImageOp(endpoint: Endpoint, fx: Fixtures, arns: string[]): Operation {
  return async (_i, connection) => {
    const reply = await send(endpoint, await signRest(endpoint, 'PUT', '/CreateImage', { body: createImageBody(fx) }), { connection, readBody: true });
    if (isOk(reply.status)) arns.push(JSON.parse(reply.body!).imageBuildVersionArn);
    return [reply];
  };
}

// ---------------------------------------------------------------------------------------------
// 1. Build throughput
// ---------------------------------------------------------------------------------------------

const BUILD_LABEL = 'Image Builder builds c=32';

export const ibBuildThroughput: Workload = {
  title: 'Image Builder build throughput',
  kind: 'shared',
  kilnOnly: KILN_ONLY,
  async run(ctx) {
    const result = emptyResult();
    const server = await startZeroDurationKiln(ctx);
    const windowMs = ctx.options.quick ? 4000 : 10_000;
    try {
      const { endpoint, pid } = server;
      const fx = await fixtures(endpoint);
      // The first CreateImage creates the service-linked role; then a short untimed warm-up.
      await waitAvailable(endpoint, [(await ib(endpoint, 'PUT', 'CreateImage', { body: createImageBody(fx) })).imageBuildVersionArn]);
      const warmArns: string[] = [];
      ctx.progress(`${BUILD_LABEL}: warm-up`);
      const warm = await runLoad({ endpoint, pid, concurrency: CONCURRENCY, durationMs: ctx.options.warmupMs, maxOps: 1_000_000, timeoutMs: 10_000, op: createImageOp(endpoint, fx, warmArns) });
      result.errors += warm.errors;
      result.errorSamples.push(...warm.errorSamples);
      await waitAvailable(endpoint, warmArns);
      await quietBeforeRun(ctx, BUILD_LABEL);
      ctx.progress(`${BUILD_LABEL}: ${windowMs} ms of CreateImage`);
      const arns: string[] = [];
      const started = performance.now();
      const load = await runLoad({ endpoint, pid, concurrency: CONCURRENCY, durationMs: windowMs, maxOps: 1_000_000, timeoutMs: 10_000, op: createImageOp(endpoint, fx, arns) });
      const createsEnded = performance.now();
      // Builds run in due order, so the last-created are the last to finish: poll those closely...
      const lastAvailable = await waitAvailable(endpoint, arns.slice(-CONCURRENCY), 120_000, 5);
      // ...then check every one (untimed; a straggler would move the end later).
      const verified = await waitAvailable(endpoint, arns);
      const end = verified - lastAvailable > 50 ? verified : lastAvailable;
      recordLoad(result, `${BUILD_LABEL}: CreateImage`, 'req/s', load);
      result.measurements.push(
        { label: `${BUILD_LABEL}: builds reaching AVAILABLE`, unit: 'builds/s', value: (arns.length / (end - started)) * 1000, better: 'higher', noisy: load.otherCpuPct > 30 },
        { label: `${BUILD_LABEL}: drain after last CreateImage`, unit: 'ms', value: end - createsEnded, better: 'lower' },
      );
      result.notes.push(`${formatNumber(arns.length)} builds created in ${Math.round(load.elapsedMs)} ms, all AVAILABLE ${Math.round(end - started)} ms after the first CreateImage (checked with GetImage on every build)`);
    } finally {
      await server.stop();
    }
    return result;
  },
  targets: [{
    description: 'Image Builder: >= 200 builds/s reach AVAILABLE (c=32 CreateImage, zero stage durations)',
    evaluate(kiln: Values) {
      const v = kiln.get(`${BUILD_LABEL}: builds reaching AVAILABLE`) ?? NaN;
      return { met: v >= 200, detail: `${formatNumber(v)} builds/s` };
    },
  }],
};

// ---------------------------------------------------------------------------------------------
// 2. GetImage vs GetRole
// ---------------------------------------------------------------------------------------------

const getImageLabel = (c: number) => `Image Builder GetImage c=${c}`;
const getRoleLabel = (c: number) => `IAM GetRole (same Kiln) c=${c}`;

export const ibGetImage: Workload = {
  title: 'Image Builder GetImage vs IAM GetRole',
  kind: 'shared',
  kilnOnly: KILN_ONLY,
  async run(ctx) {
    const result = emptyResult();
    const server = await startZeroDurationKiln(ctx);
    try {
      const { endpoint } = server;
      const fx = await fixtures(endpoint);
      const arn = (await ib(endpoint, 'PUT', 'CreateImage', { body: createImageBody(fx) })).imageBuildVersionArn as string;
      await waitAvailable(endpoint, [arn]);
      // GetRole of the instance profile's role, created by fixtures().
      await call(endpoint, 'iam', 'GetRole', { RoleName: 'BenchBuilder' });
      const now = Date.now();
      const imagePool: PreparedRequest[] = [];
      for (let i = 0; i < 256; i++) imagePool.push(await signRest(endpoint, 'GET', '/GetImage', { query: { imageBuildVersionArn: arn } }, new Date(now - i * 1000)));
      const check = await send(endpoint, imagePool[0], { readBody: true, timeoutMs: 10_000 });
      if (!isOk(check.status) || !check.body?.includes('"AVAILABLE"')) throw new Error(`GetImage: HTTP ${check.status}: ${check.body?.slice(0, 300)}`);
      const rolePool = await signPool(endpoint, 'iam', queryBody('iam', 'GetRole', { RoleName: 'BenchBuilder' }));
      const ops: Record<'image' | 'role', Operation> = {
        image: async (i, connection) => [await send(endpoint, imagePool[i % imagePool.length], { connection })],
        role: async (i, connection) => [await send(endpoint, rolePool[i % rolePool.length], { connection })],
      };
      const labelOf = (which: 'image' | 'role', concurrency: number) => (which === 'image' ? getImageLabel : getRoleLabel)(concurrency);
      for (const concurrency of ctx.options.concurrencies) {
        // Image, role, role, image: each runs once early and once late, so that a drift over the four
        // runs (neighbours, CPU clock) does not favour whichever runs first; each pair is pooled.
        const runs: Record<'image' | 'role', LoadResult[]> = { image: [], role: [] };
        for (const which of ['image', 'role', 'role', 'image'] as const) {
          runs[which].push(await warmUpAndTimeUnrecorded(ctx, result, {
            label: `${labelOf(which, concurrency)} (run ${runs[which].length + 1} of 2)`, unit: 'req/s', concurrency, server,
            prepare: async () => ({ op: ops[which], maxOps: 1_000_000 }),
          }));
        }
        for (const which of ['image', 'role'] as const) {
          const rates = runs[which].map((l) => ((l.ops / l.elapsedMs) * 1000).toFixed(0)).join(' and ');
          result.notes.push(`${labelOf(which, concurrency)}: two ${ctx.options.durationMs} ms runs pooled (${rates} req/s)`);
          recordLoad(result, labelOf(which, concurrency), 'req/s', mergeLoads(runs[which]));
        }
      }
    } finally {
      await server.stop();
    }
    return result;
  },
  targets: [{
    description: 'Image Builder: GetImage at least as fast as IAM GetRole (throughput, c=1 and c=32)',
    evaluate(kiln: Values) {
      const parts = [1, 32].map((c) => {
        const gi = kiln.get(`${getImageLabel(c)}: throughput`) ?? NaN;
        const gr = kiln.get(`${getRoleLabel(c)}: throughput`) ?? NaN;
        const p50i = kiln.get(`${getImageLabel(c)}: p50 latency`) ?? NaN;
        const p50r = kiln.get(`${getRoleLabel(c)}: p50 latency`) ?? NaN;
        return { met: gi >= gr, text: `c=${c}: ${formatNumber(gi)} vs ${formatNumber(gr)} req/s = ${(gi / gr).toFixed(2)}x (p50 ${p50i.toFixed(2)} vs ${p50r.toFixed(2)} ms)` };
      });
      return { met: parts.every((p) => p.met), detail: parts.map((p) => p.text).join('; ') };
    },
  }],
};

// ---------------------------------------------------------------------------------------------
// 3. ListImages vs store size
// ---------------------------------------------------------------------------------------------

const SMALL = 100;
const LARGE = 100_000;
const listLabel = (images: number) => `Image Builder ListImages (25), ${formatNumber(images)} images stored c=1`;
/** Images created per store transaction while seeding. */
const SEED_PER_TX = 1000;
const DAY_MS = 86_400_000;
/**
 * Every build stage lasts a day, both for the seeding (the build task is scheduled at CreateImage
 * time, due after pendingMs) and for the server: no seeded build advances while ListImages is timed.
 */
const FROZEN_DURATIONS = {
  KILN_BUILD_PENDING_MS: String(DAY_MS), KILN_BUILD_BUILDING_MS: String(DAY_MS), KILN_BUILD_TESTING_MS: String(DAY_MS),
  KILN_BUILD_DISTRIBUTING_MS: String(DAY_MS), KILN_BUILD_INTEGRATING_MS: String(DAY_MS),
};
const FROZEN_SETTINGS: ServiceSettings = {
  ...DEFAULT_SETTINGS,
  imageBuild: { pendingMs: DAY_MS, buildingMs: DAY_MS, testingMs: DAY_MS, distributingMs: DAY_MS, integratingMs: DAY_MS },
};
const ROOT: Principal = { type: 'root', arn: 'arn:aws:iam::123456789012:root', userId: '123456789012', account: '123456789012', accessKeyId: 'test' };

/**
 * Writes a Kiln state file holding `count` images, each from a recipe of its own, by calling the
 * real handlers in process (no HTTP): IAM CreateRole, CreateInstanceProfile and
 * AddRoleToInstanceProfile, Image Builder CreateComponent and CreateInfrastructureConfiguration,
 * then per image CreateImageRecipe + CreateImage, SEED_PER_TX images per transaction. Each context
 * is built as dispatch builds a request's (root in us-east-1, the system clock, random ids, the
 * second permissions through requestAuthorizer, tasks scheduled on a TaskEngine on the same store),
 * so the first CreateImage creates the service-linked role and every CreateImage schedules its
 * build task; the engine never ticks here, so no build runs. Returns the seeding time in ms.
 */
export async function seedImageStore(file: string, count: number, progress: (m: string) => void): Promise<number> {
  const started = performance.now();
  const store = openSqliteStore({ file });
  try {
    const clock = new SystemClock();
    const ids = new RandomIds();
    const log = createLogger('silent');
    const engine = new TaskEngine({ store, clock, ids, log });
    registerIamTasks(engine, FROZEN_SETTINGS);
    registerImageBuilderTasks(engine, FROZEN_SETTINGS);
    const context = (tx: Tx): HandlerContext => {
      const ctx: HandlerContext = {
        scope: { partition: 'aws', account: ROOT.account, region: REGION, requestId: randomUUID(), principal: ROOT },
        tx, clock, ids, log, settings: FROZEN_SETTINGS,
        schedule: (kind, dueAt, state) => engine.schedule(tx, kind, dueAt, state),
        authorize: (...args) => authorizer.authorize(...args),
        remember: rememberNothing,
      };
      const authorizer = requestAuthorizer(ctx, { mode: 'enforce', log, protocol: 'rest-json' });
      return ctx;
    };
    const { component, infra } = await store.tx(async (tx) => {
      await CreateRole({ RoleName: 'BenchBuilder', AssumeRolePolicyDocument: TRUST }, context(tx));
      await CreateInstanceProfile({ InstanceProfileName: 'BenchBuilderProfile' }, context(tx));
      await AddRoleToInstanceProfile({ InstanceProfileName: 'BenchBuilderProfile', RoleName: 'BenchBuilder' }, context(tx));
      return {
        component: (await CreateComponent({ name: 'bench-hello', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT, clientToken: randomUUID() }, context(tx))).componentBuildVersionArn!,
        infra: (await CreateInfrastructureConfiguration({ name: 'bench-builders', instanceProfileName: 'BenchBuilderProfile', clientToken: randomUUID() }, context(tx))).infrastructureConfigurationArn!,
      };
    });
    for (let first = 0; first < count; first += SEED_PER_TX) {
      await store.tx(async (tx) => {
        for (let i = first; i < Math.min(count, first + SEED_PER_TX); i++) {
          const recipe = (await CreateImageRecipe({
            name: `bench-list-${String(i).padStart(6, '0')}`, semanticVersion: '1.0.0', parentImage: PARENT,
            components: [{ componentArn: component }], clientToken: randomUUID(),
          }, context(tx))).imageRecipeArn!;
          await CreateImage({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra, clientToken: randomUUID() }, context(tx));
        }
      });
      if ((first / SEED_PER_TX) % 10 === 9) progress(`seeded ${formatNumber(first + SEED_PER_TX)} images`);
    }
  } finally {
    await store.close();
  }
  return performance.now() - started;
}

export const ibListImagesScale: Workload = {
  title: 'Image Builder ListImages vs store size',
  kind: 'shared',
  kilnOnly: KILN_ONLY,
  async run(ctx) {
    const result = emptyResult();
    const large = ctx.options.quick ? 20_000 : LARGE;
    if (ctx.options.quick) result.notes.push(`--quick: ${formatNumber(large)} images instead of ${formatNumber(LARGE)}`);
    for (const count of [SMALL, large]) {
      // Both sizes alike: a fresh state file seeded in process, then a Kiln of its own serving it.
      const dataDir = join(TMP_DIR, `ib-list-images-${process.pid}-${count}`);
      rmSync(dataDir, { recursive: true, force: true });
      try {
        ctx.progress(`seeding ${formatNumber(count)} images in process`);
        const seedMs = await seedImageStore(join(dataDir, 'kiln.db'), count, ctx.progress);
        const rate = (count / seedMs) * 1000;
        ctx.progress(`seeded ${formatNumber(count)} images in ${(seedMs / 1000).toFixed(1)} s (${rate.toFixed(0)} recipe+image/s)`);
        result.notes.push(
          `${formatNumber(count)} images seeded in process through the handlers (CreateImageRecipe + CreateImage, ${formatNumber(SEED_PER_TX)} per transaction, ` +
          `SQLite file) in ${(seedMs / 1000).toFixed(1)} s (${rate.toFixed(0)} pairs/s); served by kiln serve --data-dir with every build stage 24 h long (all builds PENDING)`,
        );
        const server = await spawnServer({ ...ctx.spec, dataDir, setEnv: { ...ctx.spec.setEnv, ...FROZEN_DURATIONS } });
        try {
          await waitUntilServing(server, ctx.options.coldStartTimeoutMs);
          const { endpoint } = server;
          const page = await ib(endpoint, 'POST', 'ListImages', { body: { maxResults: 25 } });
          if (page.imageVersionList?.length !== 25 || !page.nextToken) throw new Error(`ListImages: ${page.imageVersionList?.length} versions, nextToken ${page.nextToken}`);
          const now = Date.now();
          const pool: PreparedRequest[] = [];
          for (let i = 0; i < 256; i++) pool.push(await signRest(endpoint, 'POST', '/ListImages', { body: { maxResults: 25 } }, new Date(now - i * 1000)));
          const op: Operation = async (i, connection) => [await send(endpoint, pool[i % pool.length], { connection })];
          await warmUpAndTime(ctx, result, { label: listLabel(count), unit: 'req/s', concurrency: 1, server, prepare: async () => ({ op, maxOps: 1_000_000 }) });
        } finally {
          await server.stop();
        }
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    return result;
  },
  targets: [{
    description: 'Image Builder: ListImages (maxResults 25) latency with 100,000 images within 1.5x of with 100 (c=1, p50 and p99)',
    evaluate(kiln: Values) {
      const labels = [...new Set([...kiln.keys()].filter((l) => l.startsWith('Image Builder ListImages')).map((l) => l.replace(/: [^:]*$/, '')))];
      const [small, large] = labels;
      const parts = ['p50', 'p99'].map((p) => {
        const s = kiln.get(`${small}: ${p} latency`) ?? NaN;
        const b = kiln.get(`${large}: ${p} latency`) ?? NaN;
        return { ratio: b / s, text: `${p} ${b.toFixed(2)} vs ${s.toFixed(2)} ms = ${(b / s).toFixed(2)}x` };
      });
      const stored = (large ?? '').replace(/^.*, ([\d,]+) images.*$/, '$1');
      return { met: parts.every((p) => p.ratio <= 1.5), detail: `${stored} vs ${SMALL} images: ${parts.map((p) => p.text).join('; ')}` };
    },
  }],
};
