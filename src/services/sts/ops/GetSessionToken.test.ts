/** GetSessionToken on the handler: durations, the principal the credentials act as, and no session credentials. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../../kernel/errors.js';
import type { Principal } from '../../../kernel/scope.js';
import { ACCOUNT, ROOT, handlerHarness } from '../../../../test/helpers/handler-context.js';
import { CreateRole } from '../../iam/ops/CreateRole.js';
import { CreateUser } from '../../iam/ops/CreateUser.js';
import { findSession } from '../domain/sessions.js';
import { AssumeRole } from './AssumeRole.js';
import { GetSessionToken } from './GetSessionToken.js';

describe('GetSessionToken', () => {
  const h = handlerHarness();
  after(() => h.close());
  let alice: Principal;
  const seconds = (expiration: Date) => (expiration.getTime() - h.clock.now().getTime()) / 1000;

  it('gives a user 12 hours by default, or what it asks for, acting as itself', async () => {
    const { User } = await h.root((ctx) => CreateUser({ UserName: 'alice' }, ctx));
    alice = { type: 'user', arn: User!.Arn, userId: User!.UserId, account: ACCOUNT, accessKeyId: 'AKIA0000000000000042', name: 'alice' };
    const { Credentials } = await h.as(alice, (ctx) => GetSessionToken({}, ctx));
    assert.equal(seconds(Credentials!.Expiration), 43_200);
    assert.match(Credentials!.AccessKeyId, /^ASIA/);
    const session = await h.store.tx((tx) => findSession(tx, Credentials!.AccessKeyId));
    assert.equal(session?.kind, 'session-token');
    assert.deepEqual(session?.principal, { ...alice, accessKeyId: Credentials!.AccessKeyId });
    assert.equal(seconds((await h.as(alice, (ctx) => GetSessionToken({ DurationSeconds: 129_600 }, ctx))).Credentials!.Expiration), 129_600);
  });

  it('gives the root user at most one hour', async () => {
    assert.equal(seconds((await h.root((ctx) => GetSessionToken({}, ctx))).Credentials!.Expiration), 3600);
    assert.equal(seconds((await h.root((ctx) => GetSessionToken({ DurationSeconds: 900 }, ctx))).Credentials!.Expiration), 900);
    const { Credentials } = await h.root((ctx) => GetSessionToken({ DurationSeconds: 7200 }, ctx));
    assert.equal(seconds(Credentials!.Expiration), 3600);
    assert.deepEqual((await h.store.tx((tx) => findSession(tx, Credentials!.AccessKeyId)))?.principal, { ...ROOT, accessKeyId: Credentials!.AccessKeyId });
  });

  it('cannot be called with session credentials', async () => {
    const denied = (e: AwsError) => e.code === 'AccessDenied' && e.status === 403 && e.message === 'Cannot call GetSessionToken with session credentials';
    const { Credentials } = await h.as(alice, (ctx) => GetSessionToken({}, ctx));
    const fromSessionToken = (await h.store.tx((tx) => findSession(tx, Credentials!.AccessKeyId)))!.principal;
    await assert.rejects(h.as(fromSessionToken, (ctx) => GetSessionToken({}, ctx)), denied);

    await h.root((ctx) => CreateRole({ RoleName: 'R', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }] }) }, ctx));
    const assumed = await h.as(alice, (ctx) => AssumeRole({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/R`, RoleSessionName: 's' }, ctx));
    const roleSession = (await h.store.tx((tx) => findSession(tx, assumed.Credentials!.AccessKeyId)))!.principal;
    await assert.rejects(h.as(roleSession, (ctx) => GetSessionToken({}, ctx)), denied);
  });

  it('makes AssumeRole with its credentials role chaining (one hour at most)', async () => {
    const { Credentials } = await h.as(alice, (ctx) => GetSessionToken({}, ctx));
    const fromSessionToken = (await h.store.tx((tx) => findSession(tx, Credentials!.AccessKeyId)))!.principal;
    await assert.rejects(
      h.as(fromSessionToken, (ctx) => AssumeRole({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/R`, RoleSessionName: 's', DurationSeconds: 3601 }, ctx)),
      (e: AwsError) => e.message === 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
    const out = await h.as(fromSessionToken, (ctx) => AssumeRole({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/R`, RoleSessionName: 's' }, ctx));
    assert.equal(out.AssumedRoleUser?.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/R/s`);
  });
});
