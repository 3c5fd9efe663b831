/**
 * IAM ListRoles returning 1,000 roles: the server is first brought to exactly 1,000 roles (CreateRole
 * one at a time, counting the roles earlier workloads left), then `ListRoles MaxItems=1000` is
 * timed. Every answer is read and must hold 1,000 roles (counted by their <RoleId>); a server that
 * truncates below MaxItems has its Marker followed, and the whole listing counts as one operation
 * (the notes say when that happened). Reading and counting ~0.5 MB per answer costs the load
 * generator some CPU, the same for both servers.
 */
import {
  ASSUME_ROLE_POLICY, countListing, emptyResult, occurrences, queryBody, runLoad, send, signPool, signQuery, isOk,
  throughputTarget, warmUpAndTime, xmlText, type Endpoint, type Operation, type Workload,
} from '../harness.js';

const ROLE_COUNT = 1000;
const LISTING_TIMEOUT_MS = 60_000;
const TITLE = 'IAM ListRoles (1,000 roles, MaxItems=1000)';
/** moto 5.2.1 CreateRole scans every role without a lock, so concurrent creates into a store of hundreds fail
 * with "dictionary changed size during iteration" (HTTP 500): the 1,000 roles are created one at a time. */
const SEED_CONCURRENCY = 1;

/** Creates roles until the server holds exactly `total`. */
async function seed(endpoint: Endpoint, pid: number, total: number, progress: (m: string) => void): Promise<string> {
  const existing = await countListing(endpoint, 'ListRoles', { MaxItems: '1000' }, 'RoleId');
  if (existing > total) throw new Error(`the server already holds ${existing} roles, more than the ${total} this workload lists`);
  const missing = total - existing;
  progress(`seeding ${missing} roles (${existing} already there)`);
  const op: Operation = async (i, connection) => {
    const body = queryBody('iam', 'CreateRole', { RoleName: `bench-list-${String(i).padStart(4, '0')}`, AssumeRolePolicyDocument: ASSUME_ROLE_POLICY });
    return [await send(endpoint, await signQuery(endpoint, 'iam', body), { connection })];
  };
  const load = await runLoad({ endpoint, pid, concurrency: SEED_CONCURRENCY, durationMs: 10 * 60_000, maxOps: missing, timeoutMs: 10_000, op });
  if (load.errors) throw new Error(`seeding failed: ${load.errorSamples.join('; ')}`);
  const now = await countListing(endpoint, 'ListRoles', { MaxItems: '1000' }, 'RoleId');
  if (now !== total) throw new Error(`after seeding the server lists ${now} roles, not ${total}`);
  return `${existing} roles left by earlier workloads + ${missing} created (CreateRole at c=${SEED_CONCURRENCY}, ${((missing / load.elapsedMs) * 1000).toFixed(0)} roles/s)`;
}

export const iamListRoles: Workload = {
  title: TITLE,
  kind: 'shared',
  async run(ctx) {
    const { endpoint, pid } = ctx.server;
    const result = emptyResult();
    result.notes.push(`seeded: ${await seed(endpoint, pid, ROLE_COUNT, ctx.progress)}`);
    const pool = await signPool(endpoint, 'iam', queryBody('iam', 'ListRoles', { MaxItems: '1000' }));
    const pagesPerListing = new Map<number, number>();
    const op: Operation = async (i, connection) => {
      let reply = await send(endpoint, pool[i % pool.length], { connection, readBody: true });
      let roles = 0;
      let pages = 1;
      for (;;) {
        if (!isOk(reply.status)) return [reply];
        const body = reply.body ?? '';
        roles += occurrences(body, '<RoleId>');
        if (xmlText(body, 'IsTruncated') !== 'true') break;
        const Marker = xmlText(body, 'Marker');
        if (!Marker) throw new Error('ListRoles: IsTruncated without a Marker');
        // Signed here: only a server that pages below MaxItems pays for it (in generator CPU).
        reply = await send(endpoint, await signQuery(endpoint, 'iam', queryBody('iam', 'ListRoles', { MaxItems: '1000', Marker })), { connection, readBody: true });
        pages++;
      }
      if (roles !== ROLE_COUNT) throw new Error(`ListRoles listed ${roles} roles, expected ${ROLE_COUNT}`);
      pagesPerListing.set(pages, (pagesPerListing.get(pages) ?? 0) + 1);
      return [reply];
    };
    for (const concurrency of ctx.options.concurrencies) {
      await warmUpAndTime(ctx, result, {
        label: `${TITLE} c=${concurrency}`, unit: 'req/s', concurrency,
        // moto answers one listing at a time in ~0.3 s, so at c=32 a request waits 7-10 s for its turn.
        timeoutMs: LISTING_TIMEOUT_MS,
        prepare: async () => ({ op, maxOps: 1_000_000 }),
      });
    }
    const paging = [...pagesPerListing].map(([pages, n]) => `${n} listing(s) in ${pages} page(s)`).join(', ');
    result.notes.push(`every answer checked to hold ${ROLE_COUNT} roles; ${paging}${pagesPerListing.size === 1 && pagesPerListing.has(1) ? ' (never truncated below MaxItems)' : ' (Marker followed; a whole listing is one operation)'}`);
    return result;
  },
  targets: [throughputTarget('Kiln ListRoles (1,000 roles) >= 20x moto (c=1 and c=32)', [`${TITLE} c=1`, `${TITLE} c=32`], 20, 'req/s')],
};
