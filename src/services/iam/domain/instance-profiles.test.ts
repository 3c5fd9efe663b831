/**
 * findInstanceProfile, the lookup Image Builder makes through IAM's public API, on in-memory
 * SQLite with a ManualClock and sequential ids.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../../kernel/clock.js';
import { SequentialIds } from '../../../kernel/ids.js';
import { createLogger } from '../../../kernel/log.js';
import { openSqliteStore } from '../../../store/sqlite/sqlite-store.js';
import { DEFAULT_SETTINGS, rememberNothing, type HandlerContext } from '../../types.js';
import { AddRoleToInstanceProfile } from '../ops/AddRoleToInstanceProfile.js';
import { CreateInstanceProfile } from '../ops/CreateInstanceProfile.js';
import { CreateRole } from '../ops/CreateRole.js';
import { RemoveRoleFromInstanceProfile } from '../ops/RemoveRoleFromInstanceProfile.js';
import { findInstanceProfile } from './instance-profiles.js';

const TRUST = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });

describe('findInstanceProfile', () => {
  const store = openSqliteStore({});
  const clock = new ManualClock('2026-03-01T12:00:00.000Z');
  const ids = new SequentialIds();
  after(() => store.close());
  const within = <T>(fn: (ctx: HandlerContext) => Promise<T>): Promise<T> => store.tx((tx) => fn({
    scope: {
      partition: 'aws', account: '123456789012', region: 'us-east-1', requestId: 'r',
      principal: { type: 'root', arn: 'arn:aws:iam::123456789012:root', userId: '123456789012', account: '123456789012', accessKeyId: 'test' },
    },
    tx, clock, ids, log: createLogger('silent'), settings: DEFAULT_SETTINGS,
    schedule: async () => 'unused', authorize: async () => {}, remember: rememberNothing,
  }));

  it('finds a profile by any letter case, with its role once one is added', async () => {
    await within((ctx) => CreateInstanceProfile({ InstanceProfileName: 'BuildProfile', Path: '/ib/' }, ctx));
    await within((ctx) => CreateRole({ RoleName: 'BuildRole', AssumeRolePolicyDocument: TRUST }, ctx));

    const empty = await within((ctx) => findInstanceProfile(ctx, 'buildprofile'));
    assert.ok(empty);
    assert.equal(empty.profile.InstanceProfileName, 'BuildProfile');
    assert.equal(empty.profile.InstanceProfileId, 'AIPA00000000000000001');
    assert.equal(empty.profile.Arn, 'arn:aws:iam::123456789012:instance-profile/ib/BuildProfile');
    assert.equal(empty.profile.CreateDate, '2026-03-01T12:00:00.000Z');
    assert.equal(empty.role, undefined);
    assert.ok(!('role' in empty), 'no role member when the profile is empty');

    await within((ctx) => AddRoleToInstanceProfile({ InstanceProfileName: 'BUILDPROFILE', RoleName: 'buildrole' }, ctx));
    const full = await within((ctx) => findInstanceProfile(ctx, 'BuildProfile'));
    assert.equal(full?.role?.RoleName, 'BuildRole');
    assert.deepEqual(full?.role?.InstanceProfileNames, ['BuildProfile']);
    assert.deepEqual(full?.profile.RoleNames, ['BuildRole']);

    await within((ctx) => RemoveRoleFromInstanceProfile({ InstanceProfileName: 'BuildProfile', RoleName: 'BuildRole' }, ctx));
    assert.equal((await within((ctx) => findInstanceProfile(ctx, 'BuildProfile')))?.role, undefined);
  });

  it('answers undefined for a profile that does not exist', async () => {
    assert.equal(await within((ctx) => findInstanceProfile(ctx, 'Nope')), undefined);
  });
});
