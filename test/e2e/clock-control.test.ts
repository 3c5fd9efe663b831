/**
 * `--clock-control`: POST /_kiln/clock moves a running Kiln's clock forward (time keeps flowing
 * from there) and runs what became due, so an outside suite can fast-forward background work —
 * here a service-linked role's deletion task. Without the flag the endpoint does not exist.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateServiceLinkedRoleCommand, DeleteServiceLinkedRoleCommand, GetServiceLinkedRoleDeletionStatusCommand } from '@aws-sdk/client-iam';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';

async function advance(kiln: TestKiln, body: unknown): Promise<Response> {
  return fetch(`${kiln.endpoint}/_kiln/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

describe('POST /_kiln/clock', () => {
  let kiln: TestKiln;
  before(async () => {
    // Deletion phases of a minute each: only moving the clock can finish the task within the test.
    kiln = await startTestKiln({ clockControl: true, slrDeletionStartMs: 60_000, slrDeletionRunMs: 60_000 });
  });
  after(() => kiln.close());

  it('moves time forward, answers the new time, and runs the work that became due', async () => {
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' }));
    const { DeletionTaskId } = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForImageBuilder' }));
    const status = async () => (await kiln.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }))).Status;
    assert.equal(await status(), 'NOT_STARTED');

    const before = Date.now();
    const response = await advance(kiln, { advanceSeconds: 61 });
    assert.equal(response.status, 200);
    const { now } = await response.json() as { now: string };
    assert.ok(new Date(now).getTime() >= before + 61_000, `${now} is at least 61 s ahead`);
    assert.equal(await status(), 'IN_PROGRESS');

    await advance(kiln, { advanceSeconds: 61 });
    assert.equal(await status(), 'SUCCEEDED');
  });

  it('keeps accepting clients that sign with their own (real) clock after a jump of days', async () => {
    const response = await advance(kiln, { advanceSeconds: 3 * 24 * 60 * 60 });
    const { now } = await response.json() as { now: string };
    assert.ok(new Date(now).getTime() > Date.now() + 2 * 24 * 60 * 60 * 1000);
    // Signed by the SDK with the wall clock, three days behind Kiln's: still valid, as on AWS.
    const created = await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' }));
    // ... and Kiln's clock is what the new role records.
    assert.ok(Math.abs(created.Role!.CreateDate!.getTime() - new Date(now).getTime()) < 60_000, `${created.Role!.CreateDate!.toISOString()} is Kiln's time ${now}`);
  });

  it('refuses a body that is not {"advanceSeconds": N ≥ 0}', async () => {
    for (const body of [{ advanceSeconds: -1 }, { advanceSeconds: 'soon' }, {}]) {
      assert.equal((await advance(kiln, body)).status, 400, JSON.stringify(body));
    }
    const raw = await fetch(`${kiln.endpoint}/_kiln/clock`, { method: 'POST', body: '{not json' });
    assert.equal(raw.status, 400);
  });

  it('does not exist without --clock-control', async () => {
    const plain = await startTestKiln();
    try {
      assert.equal((await advance(plain, { advanceSeconds: 1 })).status, 404);
    } finally {
      await plain.close();
    }
  });
});
