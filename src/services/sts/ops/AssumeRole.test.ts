/**
 * AssumeRole on the handler: trust policy principal forms and conditions evaluated with the
 * caller's own policies, the checks on the request, durations, session policies and tags, role
 * chaining, and what the session stores. In-memory SQLite, ManualClock, sequential ids.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AssumeRoleRequest } from '../../../generated/sts.js';
import { AwsError } from '../../../kernel/errors.js';
import type { Principal } from '../../../kernel/scope.js';
import { ACCOUNT, handlerHarness } from '../../../../test/helpers/handler-context.js';
import { CreateRole } from '../../iam/ops/CreateRole.js';
import { CreateServiceLinkedRole } from '../../iam/ops/CreateServiceLinkedRole.js';
import { CreateUser } from '../../iam/ops/CreateUser.js';
import { GetRole } from '../../iam/ops/GetRole.js';
import { PutRolePolicy } from '../../iam/ops/PutRolePolicy.js';
import { PutUserPolicy } from '../../iam/ops/PutUserPolicy.js';
import { ROLES, type RoleRecord } from '../../iam/domain/roles.js';
import { findSession } from '../domain/sessions.js';
import { AssumeRole } from './AssumeRole.js';
import { GetCallerIdentity } from './GetCallerIdentity.js';

const OTHER_ACCOUNT = '210987654321';
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object) => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const trustAws = (AWS: string | string[], Action: string | string[] = 'sts:AssumeRole', Condition?: object) =>
  ({ Effect: 'Allow', Principal: { AWS }, Action, ...(Condition ? { Condition } : {}) });
const roleArn = (name: string, account = ACCOUNT) => `arn:aws:iam::${account}:role/${name}`;
const userArn = (name: string) => `arn:aws:iam::${ACCOUNT}:user/${name}`;

async function expectAwsError(call: Promise<unknown>, code: string, message: string, status?: number): Promise<void> {
  await assert.rejects(call, (error: unknown) => {
    assert.ok(error instanceof AwsError, `an AwsError, got ${String(error)}`);
    assert.equal(error.code, code);
    assert.equal(error.message, message);
    if (status !== undefined) assert.equal(error.status, status);
    return true;
  });
}

describe('AssumeRole', () => {
  const h = handlerHarness();
  after(() => h.close());
  let counter = 0;
  const unique = (stem: string) => `${stem}${++counter}`;

  async function user(policy?: string): Promise<Principal> {
    const name = unique('user');
    const { User } = await h.root((ctx) => CreateUser({ UserName: name }, ctx));
    if (policy) await h.root((ctx) => PutUserPolicy({ UserName: name, PolicyName: 'p', PolicyDocument: policy }, ctx));
    return { type: 'user', arn: User!.Arn, userId: User!.UserId, account: ACCOUNT, accessKeyId: `AKIA${String(counter).padStart(16, '0')}`, name };
  }

  async function role(trust: string, options: { policy?: string; maxSessionDuration?: number; tags?: Array<{ Key: string; Value: string }> } = {}): Promise<string> {
    const name = unique('role');
    await h.root((ctx) => CreateRole({ RoleName: name, AssumeRolePolicyDocument: trust, MaxSessionDuration: options.maxSessionDuration, Tags: options.tags }, ctx));
    if (options.policy) await h.root((ctx) => PutRolePolicy({ RoleName: name, PolicyName: 'p', PolicyDocument: options.policy! }, ctx));
    return name;
  }

  const assume = (caller: Principal, input: Partial<AssumeRoleRequest> & { RoleArn: string }) =>
    h.as(caller, (ctx) => AssumeRole({ RoleSessionName: 'session', ...input }, ctx));

  /** The principal the returned credentials act as. */
  const sessionOf = async (accessKeyId: string): Promise<Principal> => {
    const session = await h.store.tx((tx) => findSession(tx, accessKeyId));
    assert.ok(session, 'the session is stored under its access key id');
    return session.principal;
  };

  const denied = (caller: Principal, arn: string, action = 'sts:AssumeRole') => `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${arn}`;

  it('returns credentials, the assumed-role user and a session that acts as the role', async () => {
    const alice = await user();
    const name = await role(doc(trustAws(userArn(alice.name!))));
    const out = await assume(alice, { RoleArn: roleArn(name), RoleSessionName: 'build-1' });
    const { RoleId } = (await h.root((ctx) => GetRole({ RoleName: name }, ctx))).Role!;
    assert.match(out.Credentials!.AccessKeyId, /^ASIA\d{16}$/);
    assert.equal(out.Credentials!.SecretAccessKey.length, 40);
    assert.ok(out.Credentials!.SessionToken.length > 300);
    assert.equal(out.Credentials!.Expiration.toISOString(), '2026-03-01T13:00:00.000Z', 'one hour by default, from Kiln\'s clock');
    assert.deepEqual(out.AssumedRoleUser, { AssumedRoleId: `${RoleId}:build-1`, Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/build-1` });
    assert.equal(out.PackedPolicySize, undefined);
    assert.equal(out.SourceIdentity, undefined);

    const session = await sessionOf(out.Credentials!.AccessKeyId);
    assert.deepEqual(session, {
      type: 'assumed-role', arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${name}/build-1`, userId: `${RoleId}:build-1`, account: ACCOUNT,
      accessKeyId: out.Credentials!.AccessKeyId, name,
      session: { roleName: name, roleArn: roleArn(name), sessionName: 'build-1', expiration: '2026-03-01T13:00:00.000Z' },
    });
    assert.deepEqual(await h.as(session, (ctx) => GetCallerIdentity({}, ctx)), { UserId: `${RoleId}:build-1`, Account: ACCOUNT, Arn: session.arn });
    const { RoleLastUsed } = (await h.root((ctx) => GetRole({ RoleName: name }, ctx))).Role!;
    assert.deepEqual(RoleLastUsed, { LastUsedDate: new Date('2026-03-01T12:00:00.000Z'), Region: 'us-east-1' });
  });

  it('records the region of the request as the role\'s last use', async () => {
    const alice = await user();
    const name = await role(doc(trustAws(alice.arn)));
    await h.as(alice, (ctx) => AssumeRole({ RoleArn: roleArn(name), RoleSessionName: 's' }, ctx), 'eu-west-1');
    assert.equal((await h.root((ctx) => GetRole({ RoleName: name }, ctx))).Role!.RoleLastUsed?.Region, 'eu-west-1');
  });

  describe('who may assume (same account)', () => {
    it('a trust policy naming the user grants without any identity-based policy', async () => {
      const alice = await user();
      await assume(alice, { RoleArn: roleArn(await role(doc(trustAws(alice.arn)))) });
    });

    it('a trust policy naming the account needs an Allow in the caller\'s own policies', async () => {
      const name = await role(doc(trustAws(`arn:aws:iam::${ACCOUNT}:root`)));
      const bare = await user();
      await expectAwsError(assume(bare, { RoleArn: roleArn(name) }), 'AccessDenied', denied(bare, roleArn(name)), 403);
      const allowed = await user(doc(allow('sts:AssumeRole', roleArn(name))));
      await assume(allowed, { RoleArn: roleArn(name) });
      const accountId = await role(doc(trustAws(ACCOUNT)));
      await assume(await user(doc(allow('sts:AssumeRole'))), { RoleArn: roleArn(accountId) });
    });

    it('an identity-based Allow alone never lets anyone assume a role its trust policy does not name', async () => {
      const admin = await user(doc(allow('*')));
      const name = await role(doc(trustAws(userArn('someone-else'))));
      await expectAwsError(assume(admin, { RoleArn: roleArn(name) }), 'AccessDenied', denied(admin, roleArn(name)), 403);
    });

    it('an explicit Deny in the caller\'s policies wins over the trust policy', async () => {
      const alice = await user(doc({ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }));
      const name = await role(doc(trustAws(alice.arn)));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name) }), 'AccessDenied', denied(alice, roleArn(name)));
    });

    it('"*" and a Deny in the trust policy', async () => {
      const alice = await user(doc(allow('sts:AssumeRole')));
      await assume(alice, { RoleArn: roleArn(await role(doc({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' }))) });
      const deniedRole = await role(doc(trustAws('*'), { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: 'sts:AssumeRole' }));
      await expectAwsError(assume(alice, { RoleArn: roleArn(deniedRole) }), 'AccessDenied', denied(alice, roleArn(deniedRole)));
    });

    it('a role that does not exist is denied with the same message, naming the ARN as given', async () => {
      const admin = await user(doc(allow('*')));
      const arn = roleArn('NoSuchRole');
      await expectAwsError(assume(admin, { RoleArn: arn }), 'AccessDenied', denied(admin, arn), 403);
      const name = await role(doc(trustAws(admin.arn)));
      const wrongPath = `arn:aws:iam::${ACCOUNT}:role/some/path/${name}`;
      await expectAwsError(assume(admin, { RoleArn: wrongPath }), 'AccessDenied', denied(admin, wrongPath));
    });

    it('the root user may not assume roles', async () => {
      const name = await role(doc(trustAws(`arn:aws:iam::${ACCOUNT}:root`)));
      await expectAwsError(h.root((ctx) => AssumeRole({ RoleArn: roleArn(name), RoleSessionName: 's' }, ctx)), 'AccessDenied', 'Roles may not be assumed by root accounts.', 403);
    });

    it('a user may not assume a service-linked role: it trusts only its service', async () => {
      await h.root((ctx) => CreateServiceLinkedRole({ AWSServiceName: 'imagebuilder.amazonaws.com' }, ctx));
      const admin = await user(doc(allow('*')));
      const arn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`;
      await expectAwsError(assume(admin, { RoleArn: arn }), 'AccessDenied',
        `User: arn:aws:iam::${ACCOUNT}:user/${admin.name} is not authorized to perform: sts:AssumeRole on resource: ${arn}`, 403);
    });

    it('anything but a role ARN is a ValidationError', async () => {
      const alice = await user();
      for (const arn of [`arn:aws:iam::${ACCOUNT}:user/alice`, `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`, `arn:aws:iam::${ACCOUNT}:role:Builder`, 'not an arn at all, really']) {
        await expectAwsError(assume(alice, { RoleArn: arn }), 'ValidationError', 'Request ARN is invalid', 400);
      }
    });
  });

  describe('trust policy conditions', () => {
    it('sts:ExternalId: right, wrong and missing', async () => {
      const alice = await user();
      const name = await role(doc(trustAws(alice.arn, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Example987' } })));
      await assume(alice, { RoleArn: roleArn(name), ExternalId: 'Example987' });
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), ExternalId: 'Wrong123' }), 'AccessDenied', denied(alice, roleArn(name)));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name) }), 'AccessDenied', denied(alice, roleArn(name)));
    });

    it('aws:PrincipalArn and sts:RoleSessionName', async () => {
      const alice = await user(doc(allow('sts:AssumeRole')));
      const bob = await user(doc(allow('sts:AssumeRole')));
      const name = await role(doc(trustAws(ACCOUNT, 'sts:AssumeRole', {
        ArnLike: { 'aws:PrincipalArn': alice.arn },
        StringEquals: { 'sts:RoleSessionName': '${aws:username}' },
      })));
      await assume(alice, { RoleArn: roleArn(name), RoleSessionName: alice.name });
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), RoleSessionName: 'other' }), 'AccessDenied', denied(alice, roleArn(name)));
      await expectAwsError(assume(bob, { RoleArn: roleArn(name), RoleSessionName: bob.name }), 'AccessDenied', denied(bob, roleArn(name)));
    });

    it('session tags need sts:TagSession, and its conditions see aws:RequestTag, aws:TagKeys and sts:TransitiveTagKeys', async () => {
      const alice = await user();
      const noTagSession = await role(doc(trustAws(alice.arn)));
      const tags = [{ Key: 'Project', Value: 'Kiln' }];
      await expectAwsError(assume(alice, { RoleArn: roleArn(noTagSession), Tags: tags }), 'AccessDenied', denied(alice, roleArn(noTagSession), 'sts:TagSession'));

      const name = await role(doc(
        trustAws(alice.arn),
        trustAws(alice.arn, 'sts:TagSession', {
          StringEquals: { 'aws:RequestTag/Project': 'Kiln' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': ['Project', 'Team'], 'sts:TransitiveTagKeys': ['Project'] },
        }),
      ));
      const out = await assume(alice, { RoleArn: roleArn(name), Tags: tags, TransitiveTagKeys: ['Project'] });
      assert.equal(typeof out.PackedPolicySize, 'number');
      const session = await sessionOf(out.Credentials!.AccessKeyId);
      assert.deepEqual(session.session?.tags, { Project: 'Kiln' });
      assert.deepEqual(session.session?.transitiveTagKeys, ['Project']);
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), Tags: [{ Key: 'Project', Value: 'Other' }] }), 'AccessDenied', denied(alice, roleArn(name), 'sts:TagSession'));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), Tags: [...tags, { Key: 'Cost', Value: '1' }] }), 'AccessDenied', denied(alice, roleArn(name), 'sts:TagSession'));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), Tags: [...tags, { Key: 'Team', Value: 'a' }], TransitiveTagKeys: ['Team'] }), 'AccessDenied', denied(alice, roleArn(name), 'sts:TagSession'));
    });

    it('SourceIdentity needs sts:SetSourceIdentity, and sts:SourceIdentity can be required', async () => {
      const alice = await user();
      const plain = await role(doc(trustAws(alice.arn)));
      await expectAwsError(assume(alice, { RoleArn: roleArn(plain), SourceIdentity: 'alice' }), 'AccessDenied', denied(alice, roleArn(plain), 'sts:SetSourceIdentity'));
      const name = await role(doc(trustAws(alice.arn, ['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringEquals: { 'sts:SourceIdentity': 'alice' } })));
      const out = await assume(alice, { RoleArn: roleArn(name), SourceIdentity: 'alice' });
      assert.equal(out.SourceIdentity, 'alice');
      assert.equal((await sessionOf(out.Credentials!.AccessKeyId)).session?.sourceIdentity, 'alice');
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), SourceIdentity: 'mallory' }), 'AccessDenied', denied(alice, roleArn(name)));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name) }), 'AccessDenied', denied(alice, roleArn(name)));
    });

    it('aws:PrincipalTag of a user, and aws:ResourceTag of the role', async () => {
      const name = unique('tagged');
      const { User } = await h.root((ctx) => CreateUser({ UserName: name, Tags: [{ Key: 'team', Value: 'builders' }] }, ctx));
      const tagged: Principal = { type: 'user', arn: User!.Arn, userId: User!.UserId, account: ACCOUNT, accessKeyId: 'AKIA0000000000000999', name };
      const trust = doc(trustAws(ACCOUNT, 'sts:AssumeRole', { StringEquals: { 'aws:PrincipalTag/team': '${aws:ResourceTag/team}' } }));
      const matching = await role(trust, { tags: [{ Key: 'team', Value: 'builders' }] });
      const other = await role(trust, { tags: [{ Key: 'team', Value: 'testers' }] });
      const withPolicy = { ...tagged };
      await h.root((ctx) => PutUserPolicy({ UserName: name, PolicyName: 'p', PolicyDocument: doc(allow('sts:AssumeRole')) }, ctx));
      await assume(withPolicy, { RoleArn: roleArn(matching) });
      await expectAwsError(assume(withPolicy, { RoleArn: roleArn(other) }), 'AccessDenied', denied(withPolicy, roleArn(other)));
    });
  });

  describe('across accounts', () => {
    async function foreignRole(trust: string): Promise<string> {
      const name = unique('foreign');
      const record = {
        RoleName: name, RoleId: `AROA${String(900 + counter).padStart(17, '0')}`, Path: '/', Arn: roleArn(name, OTHER_ACCOUNT),
        CreateDate: '2026-01-01T00:00:00.000Z', AssumeRolePolicyDocument: trust, MaxSessionDuration: 3600, Tags: [],
        InlinePolicies: {}, AttachedPolicyArns: [], InstanceProfileNames: [],
      } satisfies RoleRecord;
      await h.store.tx((tx) => tx.put(ROLES, `aws/${OTHER_ACCOUNT}`, name.toLowerCase(), record));
      return name;
    }

    it('both the trust policy and the caller\'s own policies must allow', async () => {
      const name = await foreignRole(doc(trustAws(ACCOUNT)));
      const bare = await user();
      await expectAwsError(assume(bare, { RoleArn: roleArn(name, OTHER_ACCOUNT) }), 'AccessDenied', denied(bare, roleArn(name, OTHER_ACCOUNT)));
      const allowed = await user(doc(allow('sts:AssumeRole', roleArn(name, OTHER_ACCOUNT))));
      const out = await assume(allowed, { RoleArn: roleArn(name, OTHER_ACCOUNT), RoleSessionName: 'x' });
      assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${OTHER_ACCOUNT}:assumed-role/${name}/x`);
      assert.equal((await sessionOf(out.Credentials!.AccessKeyId)).account, OTHER_ACCOUNT);

      const namesUser = await foreignRole(doc(trustAws(bare.arn)));
      await expectAwsError(assume(bare, { RoleArn: roleArn(namesUser, OTHER_ACCOUNT) }), 'AccessDenied', denied(bare, roleArn(namesUser, OTHER_ACCOUNT)));
      const notTrusted = await foreignRole(doc(trustAws('111122223333')));
      const admin = await user(doc(allow('*')));
      await expectAwsError(assume(admin, { RoleArn: roleArn(notTrusted, OTHER_ACCOUNT) }), 'AccessDenied', denied(admin, roleArn(notTrusted, OTHER_ACCOUNT)));
    });
  });

  describe('DurationSeconds', () => {
    it('may go up to the role\'s MaxSessionDuration, not beyond', async () => {
      const alice = await user();
      const name = await role(doc(trustAws(alice.arn)), { maxSessionDuration: 7200 });
      const out = await assume(alice, { RoleArn: roleArn(name), DurationSeconds: 7200 });
      assert.equal(out.Credentials!.Expiration.getTime() - h.clock.now().getTime(), 7200_000);
      assert.equal((await assume(alice, { RoleArn: roleArn(name), DurationSeconds: 900 })).Credentials!.Expiration.getTime() - h.clock.now().getTime(), 900_000);
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), DurationSeconds: 7201 }), 'ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
    });

    it('is checked only once the caller may assume the role', async () => {
      const alice = await user();
      const name = await role(doc(trustAws(userArn('nobody'))));
      await expectAwsError(assume(alice, { RoleArn: roleArn(name), DurationSeconds: 43200 }), 'AccessDenied', denied(alice, roleArn(name)));
    });
  });

  describe('role chaining', () => {
    it('caps the duration at one hour, carries transitive tags and the source identity', async () => {
      const alice = await user();
      const first = await role(doc(trustAws(alice.arn, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])), { maxSessionDuration: 43200 });
      const out = await assume(alice, {
        RoleArn: roleArn(first), RoleSessionName: 'one', DurationSeconds: 43200, SourceIdentity: 'alice',
        Tags: [{ Key: 'Star', Value: '1' }, { Key: 'Heart', Value: '1' }, { Key: 'Moon', Value: '1' }], TransitiveTagKeys: ['Star', 'Heart'],
      });
      const session1 = await sessionOf(out.Credentials!.AccessKeyId);

      const secondArn = `arn:aws:sts::${ACCOUNT}:assumed-role/${first}/one`;
      const second = await role(doc(trustAws(secondArn, ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'])), { maxSessionDuration: 43200 });
      await expectAwsError(assume(session1, { RoleArn: roleArn(second), DurationSeconds: 3601 }), 'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.', 400);
      const chained = await assume(session1, { RoleArn: roleArn(second), RoleSessionName: 'two', DurationSeconds: 3600, Tags: [{ Key: 'Sun', Value: '2' }] });
      assert.equal(chained.SourceIdentity, 'alice', 'the source identity carries over');
      const session2 = await sessionOf(chained.Credentials!.AccessKeyId);
      assert.deepEqual(session2.session?.tags, { Star: '1', Heart: '1', Sun: '2' }, 'transitive tags carry over, the others do not');
      assert.deepEqual(session2.session?.transitiveTagKeys, ['Star', 'Heart']);
      assert.equal(session2.session?.sourceIdentity, 'alice');

      await expectAwsError(assume(session1, { RoleArn: roleArn(second), Tags: [{ Key: 'heart', Value: '3' }] }), 'ValidationError',
        'The session tag heart cannot be set: the calling session passes it on as a transitive tag.', 400);
      await expectAwsError(assume(session1, { RoleArn: roleArn(second), SourceIdentity: 'bob' }), 'ValidationError',
        'The source identity cannot be changed: this role session carries the source identity alice.', 400);
      await assume(session1, { RoleArn: roleArn(second), SourceIdentity: 'alice' });

      const noSetSourceIdentity = await role(doc(trustAws(secondArn)));
      await expectAwsError(assume(session1, { RoleArn: roleArn(noSetSourceIdentity) }), 'AccessDenied', denied(session1, roleArn(noSetSourceIdentity), 'sts:SetSourceIdentity'));
    });

    it('a role session\'s own session policy limits what it may assume; a trust policy naming the role reaches its sessions', async () => {
      const alice = await user();
      const first = await role(doc(trustAws(alice.arn)), { policy: doc(allow('sts:AssumeRole')) });
      const target = await role(doc(trustAws(roleArn(first))));
      const open = await sessionOf((await assume(alice, { RoleArn: roleArn(first) })).Credentials!.AccessKeyId);
      await assume(open, { RoleArn: roleArn(target) });
      const narrowed = await sessionOf((await assume(alice, { RoleArn: roleArn(first), Policy: doc(allow('s3:GetObject')) })).Credentials!.AccessKeyId);
      await expectAwsError(assume(narrowed, { RoleArn: roleArn(target) }), 'AccessDenied', denied(narrowed, roleArn(target)));
    });
  });

  describe('session policies and PackedPolicySize', () => {
    it('keeps the inline and managed session policies on the session and reports their packed size', async () => {
      const alice = await user();
      const name = await role(doc(trustAws(alice.arn)));
      const policy = doc(allow('s3:GetObject'));
      const out = await assume(alice, { RoleArn: roleArn(name), Policy: policy, PolicyArns: [{ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }] });
      assert.ok(out.PackedPolicySize! > 0 && out.PackedPolicySize! < 10, `a small policy packs small, got ${out.PackedPolicySize}`);
      const session = await sessionOf(out.Credentials!.AccessKeyId);
      assert.equal(session.session?.policy, policy);
      assert.deepEqual(session.session?.policyArns, ['arn:aws:iam::aws:policy/ReadOnlyAccess']);
    });

    it('checks the session policy grammar, the managed policy ARNs and the packed size', async () => {
      const alice = await user();
      const name = await role(doc(trustAws(alice.arn)));
      const arn = roleArn(name);
      await assert.rejects(assume(alice, { RoleArn: arn, Policy: '{"Version":"2012-10-17"' }), (e: AwsError) => e.code === 'MalformedPolicyDocument');
      await expectAwsError(assume(alice, { RoleArn: arn, PolicyArns: [{ arn: `arn:aws:iam::${ACCOUNT}:policy/Missing` }] }), 'ValidationError',
        `Policy arn:aws:iam::${ACCOUNT}:policy/Missing does not exist or is not attachable.`);
      await expectAwsError(assume(alice, { RoleArn: arn, PolicyArns: [{ arn: `arn:aws:s3:::bucket-name-here` }] }), 'ValidationError', 'ARN arn:aws:s3:::bucket-name-here is not valid.');
      const eleven = Array.from({ length: 11 }, () => ({ arn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
      await expectAwsError(assume(alice, { RoleArn: arn, PolicyArns: eleven }), 'ValidationError', 'The number of managed session policies (PolicyArns) cannot exceed 10.');
      const big = doc(allow('s3:GetObject', Array.from({ length: 60 }, (_, i) => `arn:aws:s3:::bucket-${i}-${'x'.repeat(20)}/*`)));
      await assert.rejects(assume(alice, { RoleArn: arn, Policy: big }), (e: AwsError) => {
        assert.equal(e.code, 'PackedPolicyTooLarge');
        assert.match(e.message, /^Packed policy consumes \d{3}% of allotted space, please use smaller policy\.$/);
        return true;
      });
      const manyTags = Array.from({ length: 20 }, (_, i) => ({ Key: `key-${i}-${'k'.repeat(20)}`, Value: 'v'.repeat(40) }));
      await assert.rejects(assume(alice, { RoleArn: arn, Tags: manyTags }), (e: AwsError) => {
        assert.equal(e.code, 'PackedPolicyTooLarge');
        assert.match(e.message, /^Packed size of session tags consumes \d{3}% of allotted space\.$/);
        return true;
      });
    });

    it('checks the session tags against each other', async () => {
      const alice = await user();
      const arn = roleArn(await role(doc(trustAws(alice.arn, ['sts:AssumeRole', 'sts:TagSession']))));
      await expectAwsError(assume(alice, { RoleArn: arn, Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] }), 'ValidationError',
        'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
      await expectAwsError(assume(alice, { RoleArn: arn, Tags: [{ Key: 'a', Value: '1' }], TransitiveTagKeys: ['b'] }), 'ValidationError',
        'The transitive tag key b is not among the session tags of the request.');
      await expectAwsError(assume(alice, { RoleArn: arn, Tags: [{ Key: 'aws:x', Value: '1' }] }), 'ValidationError',
        "The session tag key aws:x is not valid: tag keys cannot start with 'aws:'.");
    });
  });
});
