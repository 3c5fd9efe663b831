/**
 * Enforcement overhead (Kiln only): GetRole signed with the root key vs with an IAM user's access key.
 * The user is made through the API (CreateUser, AttachUserPolicy arn:aws:iam::aws:policy/ReadOnlyAccess,
 * CreateAccessKey) and its requests are signed with the key CreateAccessKey returned. For each
 * concurrency the two run in the order root, user, user, root (same role, same server), and each
 * principal's two runs are pooled into one figure.
 *
 * Whether Kiln enforces policies is checked, not assumed: GetCallerIdentity as the user must name the
 * user, and CreateRole as the user (not allowed by ReadOnlyAccess) must be refused with 403. The notes
 * say which happened: a Kiln without enforcement (before `--iam-enforcement`, or with it off) answers
 * 200, and the user's figures then measure only the access-key lookup. Root requests are never
 * evaluated, so root vs user is the whole per-request cost of enforcement for a user.
 */
import {
  ASSUME_ROLE_POLICY, call, emptyResult, mergeLoads, queryBody, recordLoad, send, signPool, signQuery, warmUpAndTimeUnrecorded, xmlText,
  type Credentials, type LoadResult, type Operation, type Values, type Workload,
} from '../harness.js';

const ROLE_NAME = 'bench-enforce-role';
const USER_NAME = 'bench-enforce-user';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const TITLE = 'IAM GetRole';
type Who = 'root' | 'IAM user';
const label = (who: Who, concurrency: number) => `${TITLE} as ${who} c=${concurrency}`;

export const iamEnforcement: Workload = {
  title: 'IAM GetRole, root vs IAM user',
  kind: 'shared',
  kilnOnly: 'a measure of Kiln\'s own per-request authorization cost; moto does not enforce IAM policies by default',
  async run(ctx) {
    const { endpoint } = ctx.server;
    const result = emptyResult();
    await call(endpoint, 'iam', 'CreateRole', { RoleName: ROLE_NAME, AssumeRolePolicyDocument: ASSUME_ROLE_POLICY });
    await call(endpoint, 'iam', 'CreateUser', { UserName: USER_NAME });
    await call(endpoint, 'iam', 'AttachUserPolicy', { UserName: USER_NAME, PolicyArn: READ_ONLY });
    const keyBody = await call(endpoint, 'iam', 'CreateAccessKey', { UserName: USER_NAME });
    const user: Credentials = { accessKeyId: xmlText(keyBody, 'AccessKeyId') ?? '', secretAccessKey: xmlText(keyBody, 'SecretAccessKey') ?? '' };
    if (!user.accessKeyId || !user.secretAccessKey) throw new Error(`CreateAccessKey answered no key:\n${keyBody.slice(0, 800)}`);

    // The key signs, and Kiln knows whose it is.
    const identity = await call(endpoint, 'sts', 'GetCallerIdentity', {}, '<GetCallerIdentityResponse', user);
    const arn = xmlText(identity, 'Arn') ?? '';
    if (!arn.endsWith(`:user/${USER_NAME}`)) throw new Error(`GetCallerIdentity with the user's key answered ${arn}, not the user`);
    // The allowed action works as the user...
    await call(endpoint, 'iam', 'GetRole', { RoleName: ROLE_NAME }, '<GetRoleResponse', user);
    // ...and an action ReadOnlyAccess does not allow must be refused once enforcement exists.
    const denied = await send(endpoint, await signQuery(endpoint, 'iam', queryBody('iam', 'CreateRole', { RoleName: `${ROLE_NAME}-denied`, AssumeRolePolicyDocument: ASSUME_ROLE_POLICY }), new Date(), user), { readBody: true, timeoutMs: 10_000 });
    if (denied.status === 403) {
      result.notes.push(`enforcement observed: CreateRole as ${arn} (ReadOnlyAccess) was refused with 403 ${xmlText(denied.body ?? '', 'Code') ?? ''}`);
    } else if (denied.status >= 200 && denied.status < 300) {
      await call(endpoint, 'iam', 'DeleteRole', { RoleName: `${ROLE_NAME}-denied` });
      result.notes.push(`NO ENFORCEMENT YET: GetCallerIdentity as the user works (${arn}), but CreateRole as that user (ReadOnlyAccess only) succeeded with HTTP ${denied.status} instead of 403; no denial observed, so the user's figures measure only the access-key lookup, not policy evaluation`);
    } else {
      throw new Error(`CreateRole as the ReadOnlyAccess user: expected 403 (or 2xx without enforcement), got HTTP ${denied.status}:\n${denied.body?.slice(0, 800)}`);
    }

    const pools = {
      root: await signPool(endpoint, 'iam', queryBody('iam', 'GetRole', { RoleName: ROLE_NAME })),
      'IAM user': await signPool(endpoint, 'iam', queryBody('iam', 'GetRole', { RoleName: ROLE_NAME }), 256, user),
    } as const;
    for (const concurrency of ctx.options.concurrencies) {
      // Root, user, user, root: each principal runs once early and once late, so that a drift over the
      // four runs (heap growth, neighbours, CPU clock) does not favour whichever runs first.
      const runs: Record<Who, LoadResult[]> = { root: [], 'IAM user': [] };
      for (const who of ['root', 'IAM user', 'IAM user', 'root'] as const) {
        const pool = pools[who];
        const op: Operation = async (i, connection) => [await send(endpoint, pool[i % pool.length], { connection })];
        runs[who].push(await warmUpAndTimeUnrecorded(ctx, result, {
          label: `${label(who, concurrency)} (run ${runs[who].length + 1} of 2)`, unit: 'req/s', concurrency, prepare: async () => ({ op, maxOps: 1_000_000 }),
        }));
      }
      for (const who of ['root', 'IAM user'] as const) {
        const rates = runs[who].map((l) => ((l.ops / l.elapsedMs) * 1000).toFixed(0)).join(' and ');
        result.notes.push(`${label(who, concurrency)}: two ${ctx.options.durationMs} ms runs pooled (${rates} req/s)`);
        recordLoad(result, label(who, concurrency), 'req/s', mergeLoads(runs[who]));
      }
    }
    return result;
  },
  targets: [{
    description: 'Kiln GetRole as an IAM user: p50 latency <= 1.15x root (c=1 and c=32; p99 and throughput shown)',
    evaluate(kiln: Values) {
      const parts = [1, 32].map((c) => {
        const ratio = (metric: string) => (kiln.get(`${label('IAM user', c)}: ${metric}`) ?? NaN) / (kiln.get(`${label('root', c)}: ${metric}`) ?? NaN);
        const p50 = ratio('p50 latency');
        return { met: p50 <= 1.15, text: `c=${c}: p50 ${p50.toFixed(2)}x, p99 ${ratio('p99 latency').toFixed(2)}x, throughput ${ratio('throughput').toFixed(2)}x of root` };
      });
      return { met: parts.every((p) => p.met), detail: parts.map((p) => p.text).join('; ') };
    },
  }],
};
