/**
 * STS end to end through @aws-sdk/client-sts, with the credentials it returns signing IAM and
 * Image Builder calls: AssumeRole (trust policy principal forms and conditions, durations,
 * session policies, permissions boundaries, role chaining, session tags, source identity),
 * session credentials that expire or carry the wrong token, GetCallerIdentity for every kind
 * of caller, GetSessionToken, GetAccessKeyInfo and DecodeAuthorizationMessage.
 *
 * Kiln runs on a ManualClock; the expiry tests move it forward (signatures are still checked
 * against the real time, which the SDK signs with).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AttachUserPolicyCommand, CreateAccessKeyCommand, CreatePolicyCommand, CreateRoleCommand, CreateServiceLinkedRoleCommand, CreateUserCommand,
  GetRoleCommand, IAMClient, ListRolesCommand, ListUsersCommand, PutRolePermissionsBoundaryCommand, PutRolePolicyCommand, PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateComponentCommand, ImagebuilderClient, ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import {
  AssumeRoleCommand, DecodeAuthorizationMessageCommand, GetAccessKeyInfoCommand, GetCallerIdentityCommand, GetSessionTokenCommand, STSClient,
  type Credentials,
} from '@aws-sdk/client-sts';
import type { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { ACCOUNT } from '../helpers/fixtures.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object) => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const trust = (Principal: object | string, Action: string | string[] = 'sts:AssumeRole', Condition?: object) => ({ Effect: 'Allow', Principal, Action, ...(Condition ? { Condition } : {}) });
const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const COMPONENT_DOC = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';

interface Clients {
  iam: IAMClient;
  sts: STSClient;
  imagebuilder: ImagebuilderClient;
}

interface Signer {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

function clientsFor(kiln: TestKiln, credentials: Signer): Clients {
  const config = { endpoint: kiln.endpoint, credentials, maxAttempts: 1 };
  return {
    iam: new IAMClient({ ...config, region: 'us-east-1' }),
    sts: new STSClient({ ...config, region: kiln.region }),
    imagebuilder: new ImagebuilderClient({ ...config, region: kiln.region }),
  };
}

const signerOf = (c: Credentials | undefined): Signer => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken });

/** `User: <arn> is not authorized to perform: <action> on resource: <resource>` and, for IAM and Image Builder, AWS's reason after it. */
const notAuthorized = (arn: string, action: string) => new RegExp(`^User: ${arn.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not authorized to perform: ${action} on resource: `);

async function expectDenied(call: Promise<unknown>, arn: string, action: string, restJson = false): Promise<void> {
  const error = await expectError(call, { name: restJson ? 'AccessDeniedException' : 'AccessDenied', status: 403 });
  assert.match(error.message, notAuthorized(arn, action));
}

describe('STS through @aws-sdk/client-sts', () => {
  let kiln: TestKiln;
  let counter = 0;
  const unique = (stem: string) => `${stem}${++counter}`;

  before(async () => {
    kiln = await startTestKiln({ clock: 'manual' });
  });
  after(() => kiln.close());

  /** An IAM user with an access key (and an inline policy), and clients that sign as it. */
  async function user(policy?: string): Promise<Clients & { name: string; arn: string; key: Signer }> {
    const name = unique('user');
    const { User } = await kiln.iam.send(new CreateUserCommand({ UserName: name }));
    if (policy) await kiln.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: policy }));
    const { AccessKey } = await kiln.iam.send(new CreateAccessKeyCommand({ UserName: name }));
    const key = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    return { ...clientsFor(kiln, key), name, arn: User!.Arn!, key };
  }

  async function role(trustPolicy: string, policy?: string, options: { maxSessionDuration?: number } = {}): Promise<string> {
    const name = unique('role');
    await kiln.iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: trustPolicy, MaxSessionDuration: options.maxSessionDuration }));
    if (policy) await kiln.iam.send(new PutRolePolicyCommand({ RoleName: name, PolicyName: 'inline', PolicyDocument: policy }));
    return name;
  }

  const assumedArn = (roleName: string, session: string) => `arn:aws:sts::${ACCOUNT}:assumed-role/${roleName}/${session}`;

  describe('AssumeRole', () => {
    it('returns credentials that sign IAM and Image Builder calls with the role\'s permissions', async () => {
      const dev = await user(doc(allow('sts:AssumeRole')));
      const name = await role(doc(trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })), doc(allow(['iam:ListRoles', 'iam:GetRole', 'imagebuilder:List*'])));
      const started = kiln.clock.now().getTime();
      const out = await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'build-1' }));
      const { Role } = await kiln.iam.send(new GetRoleCommand({ RoleName: name }));
      assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
      assert.equal(out.Credentials!.SecretAccessKey!.length, 40);
      assert.ok(out.Credentials!.SessionToken!.length > 300);
      assert.equal(out.Credentials!.Expiration!.getTime(), started + 3600_000);
      assert.deepEqual(out.AssumedRoleUser, { AssumedRoleId: `${Role!.RoleId}:build-1`, Arn: assumedArn(name, 'build-1') });
      assert.deepEqual(Role!.RoleLastUsed, { LastUsedDate: new Date(started), Region: 'us-east-1' });

      const session = clientsFor(kiln, signerOf(out.Credentials));
      const me = await session.sts.send(new GetCallerIdentityCommand({}));
      assert.deepEqual({ UserId: me.UserId, Account: me.Account, Arn: me.Arn }, { UserId: `${Role!.RoleId}:build-1`, Account: ACCOUNT, Arn: assumedArn(name, 'build-1') });
      assert.ok((await session.iam.send(new ListRolesCommand({}))).Roles!.some((r) => r.RoleName === name));
      await session.imagebuilder.send(new ListComponentsCommand({}));
      await expectDenied(session.iam.send(new CreateUserCommand({ UserName: 'nope' })), assumedArn(name, 'build-1'), 'iam:CreateUser');
      await expectDenied(session.iam.send(new ListUsersCommand({})), assumedArn(name, 'build-1'), 'iam:ListUsers');
      await expectDenied(session.imagebuilder.send(new CreateComponentCommand({ name: 'comp', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_DOC, clientToken: 'token-1' })),
        assumedArn(name, 'build-1'), 'imagebuilder:CreateComponent', true);
    });

    it('trust policy principal forms: the user itself, the account, a role\'s sessions, a service', async () => {
      const bare = await user();
      await bare.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(await role(doc(trust({ AWS: bare.arn })))), RoleSessionName: 'direct' }));

      const accountRole = await role(doc(trust({ AWS: ACCOUNT })));
      await expectError(bare.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(accountRole), RoleSessionName: 'sess' })),
        { name: 'AccessDenied', status: 403, message: `User: ${bare.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(accountRole)}` });
      const allowed = await user(doc(allow('sts:AssumeRole', roleArn(accountRole))));
      await allowed.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(accountRole), RoleSessionName: 'sess' }));

      const hub = await role(doc(trust({ AWS: bare.arn })), doc(allow('sts:AssumeRole')));
      const spoke = await role(doc(trust({ AWS: roleArn(hub) })), doc(allow('iam:ListRoles')));
      const hubSession = clientsFor(kiln, signerOf((await bare.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(hub), RoleSessionName: 'hub' }))).Credentials));
      const spokeOut = await hubSession.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(spoke), RoleSessionName: 'spoke' }));
      assert.equal(spokeOut.AssumedRoleUser!.Arn, assumedArn(spoke, 'spoke'));

      const admin = await user(doc(allow('*')));
      const ec2Role = await role(doc(trust({ Service: 'ec2.amazonaws.com' })));
      await expectError(admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(ec2Role), RoleSessionName: 'sess' })),
        { name: 'AccessDenied', status: 403, message: `User: ${admin.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(ec2Role)}` });
    });

    it('ExternalId: right, wrong and missing', async () => {
      const partner = await user();
      const name = await role(doc(trust({ AWS: partner.arn }, 'sts:AssumeRole', { StringEquals: { 'sts:ExternalId': 'Example987' } })));
      await partner.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', ExternalId: 'Example987' }));
      const denied = { name: 'AccessDenied', status: 403, message: `User: ${partner.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(name)}` };
      await expectError(partner.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', ExternalId: 'Wrong-12' })), denied);
      await expectError(partner.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess' })), denied);
    });

    it('conditions on the caller\'s address (aws:SourceIp) in the trust policy', async () => {
      const dev = await user();
      const local = await role(doc(trust({ AWS: dev.arn }, 'sts:AssumeRole', { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } })));
      await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(local), RoleSessionName: 'local' }));
      const remote = await role(doc(trust({ AWS: dev.arn }, 'sts:AssumeRole', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } })));
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(remote), RoleSessionName: 'remote' })),
        { name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(remote)}` });
    });

    it('DurationSeconds: 900 up to the role\'s MaxSessionDuration', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })), undefined, { maxSessionDuration: 7200 });
      const now = kiln.clock.now().getTime();
      assert.equal((await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', DurationSeconds: 900 }))).Credentials!.Expiration!.getTime(), now + 900_000);
      assert.equal((await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', DurationSeconds: 7200 }))).Credentials!.Expiration!.getTime(), now + 7200_000);
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', DurationSeconds: 7201 })),
        { name: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.' });
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', DurationSeconds: 899 })),
        { name: 'ValidationError', status: 400, message: "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900" });
    });

    it('RoleSessionName follows the model\'s pattern', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })));
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'has space' })), {
        name: 'ValidationError', status: 400,
        message: "1 validation error detected: Value 'has space' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
      });
    });

    it('a session policy narrower than the role\'s policies denies what it omits', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })), doc(allow(['iam:ListRoles', 'iam:GetRole', 'iam:ListUsers'])));
      const out = await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'narrow', Policy: doc(allow(['iam:ListRoles', 'iam:CreateUser'])) }));
      assert.equal(typeof out.PackedPolicySize, 'number');
      const session = clientsFor(kiln, signerOf(out.Credentials));
      await session.iam.send(new ListRolesCommand({}));
      await expectDenied(session.iam.send(new ListUsersCommand({})), assumedArn(name, 'narrow'), 'iam:ListUsers');
      await expectDenied(session.iam.send(new CreateUserCommand({ UserName: 'not-by-session-policy-alone' })), assumedArn(name, 'narrow'), 'iam:CreateUser');
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', Policy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow"}]}' })),
        { name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400 });
    });

    it('a permissions boundary on the role caps the session', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })), doc(allow('iam:*')));
      const { Policy } = await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('boundary'), PolicyDocument: doc(allow('iam:List*')) }));
      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: name, PermissionsBoundary: Policy!.Arn }));
      const session = clientsFor(kiln, signerOf((await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'bounded' }))).Credentials));
      await session.iam.send(new ListRolesCommand({}));
      await expectDenied(session.iam.send(new GetRoleCommand({ RoleName: name })), assumedArn(name, 'bounded'), 'iam:GetRole');
    });

    it('role chaining: at most one hour, transitive tags carried over and visible through aws:PrincipalTag', async () => {
      const dev = await user();
      const first = await role(doc(trust({ AWS: dev.arn }, ['sts:AssumeRole', 'sts:TagSession'])), doc(allow('sts:AssumeRole')), { maxSessionDuration: 43200 });
      const tagged = (key: string, value: string) => ({ StringEquals: { [`aws:PrincipalTag/${key}`]: value } });
      const second = await role(doc(trust({ AWS: roleArn(first) })), doc(
        allow('iam:ListRoles', '*', tagged('Project', 'Kiln')),
        allow('iam:ListUsers', '*', tagged('Team', 'builders')),
      ), { maxSessionDuration: 43200 });

      const firstOut = await dev.sts.send(new AssumeRoleCommand({
        RoleArn: roleArn(first), RoleSessionName: 'one', DurationSeconds: 43200,
        Tags: [{ Key: 'Project', Value: 'Kiln' }, { Key: 'Team', Value: 'builders' }], TransitiveTagKeys: ['Project'],
      }));
      const firstSession = clientsFor(kiln, signerOf(firstOut.Credentials));
      await expectError(firstSession.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(second), RoleSessionName: 'two', DurationSeconds: 3601 })),
        { name: 'ValidationError', status: 400, message: 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.' });
      const secondOut = await firstSession.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(second), RoleSessionName: 'two' }));
      assert.equal(secondOut.Credentials!.Expiration!.getTime(), kiln.clock.now().getTime() + 3600_000);
      const secondSession = clientsFor(kiln, signerOf(secondOut.Credentials));
      await secondSession.iam.send(new ListRolesCommand({}));
      await expectDenied(secondSession.iam.send(new ListUsersCommand({})), assumedArn(second, 'two'), 'iam:ListUsers');
    });

    it('session tags need sts:TagSession in the trust policy', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })));
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', Tags: [{ Key: 'Project', Value: 'Kiln' }] })),
        { name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:TagSession on resource: ${roleArn(name)}` });
    });

    it('SourceIdentity: needs sts:SetSourceIdentity, is returned, and policies see it as aws:SourceIdentity', async () => {
      const dev = await user();
      const name = await role(
        doc(trust({ AWS: dev.arn }, ['sts:AssumeRole', 'sts:SetSourceIdentity'], { StringEquals: { 'sts:SourceIdentity': dev.name } })),
        doc(allow('iam:ListRoles', '*', { StringEquals: { 'aws:SourceIdentity': dev.name } })),
      );
      const out = await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', SourceIdentity: dev.name }));
      assert.equal(out.SourceIdentity, dev.name);
      await clientsFor(kiln, signerOf(out.Credentials)).iam.send(new ListRolesCommand({}));
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess', SourceIdentity: 'someone-else' })),
        { name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn(name)}` });
      const plain = await role(doc(trust({ AWS: dev.arn })));
      await expectError(dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(plain), RoleSessionName: 'sess', SourceIdentity: dev.name })),
        { name: 'AccessDenied', status: 403, message: `User: ${dev.arn} is not authorized to perform: sts:SetSourceIdentity on resource: ${roleArn(plain)}` });
    });

    it('the root user cannot assume roles', async () => {
      const name = await role(doc(trust({ AWS: `arn:aws:iam::${ACCOUNT}:root` })));
      await expectError(kiln.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess' })),
        { name: 'AccessDenied', status: 403, message: 'Roles may not be assumed by root accounts.' });
    });

    it('a user cannot assume the Image Builder service-linked role', async () => {
      await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' }));
      const admin = await user();
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: admin.name, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      const arn = `arn:aws:iam::${ACCOUNT}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`;
      await expectError(admin.sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'sess' })), {
        name: 'AccessDenied', status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/${admin.name} is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`,
      });
    });

    it('a role that does not exist is denied like a forbidden one; a non-role ARN is invalid', async () => {
      const admin = await user(doc(allow('*')));
      await expectError(admin.sts.send(new AssumeRoleCommand({ RoleArn: roleArn('DoesNotExist'), RoleSessionName: 'sess' })),
        { name: 'AccessDenied', status: 403, message: `User: ${admin.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn('DoesNotExist')}` });
      await expectError(admin.sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:user/${admin.name}`, RoleSessionName: 'sess' })),
        { name: 'ValidationError', status: 400, message: 'Request ARN is invalid' });
    });
  });

  describe('session credentials', () => {
    it('a wrong or missing session token is InvalidClientTokenId (UnrecognizedClientException for Image Builder)', async () => {
      const dev = await user();
      const name = await role(doc(trust({ AWS: dev.arn })));
      const { Credentials } = await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'sess' }));
      const message = 'The security token included in the request is invalid.';
      for (const sessionToken of [`${Credentials!.SessionToken!.slice(0, -8)}AAAAAAA=`, undefined]) {
        const wrong = clientsFor(kiln, { ...signerOf(Credentials), sessionToken });
        await expectError(wrong.sts.send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId', status: 403, message });
        await expectError(wrong.iam.send(new ListRolesCommand({})), { name: 'InvalidClientTokenId', status: 403, message });
        await expectError(wrong.imagebuilder.send(new ListComponentsCommand({})), { name: 'UnrecognizedClientException', status: 403, message });
      }
    });
  });

  describe('GetCallerIdentity', () => {
    it('for the root user, an IAM user and a role session', async () => {
      const root = await kiln.sts.send(new GetCallerIdentityCommand({}));
      assert.deepEqual({ UserId: root.UserId, Account: root.Account, Arn: root.Arn }, { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });
      const dev = await user();
      const me = await dev.sts.send(new GetCallerIdentityCommand({}));
      assert.match(me.UserId!, /^AIDA[A-Z2-7]{17}$/);
      assert.deepEqual({ Account: me.Account, Arn: me.Arn }, { Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:user/${dev.name}` });
      const name = await role(doc(trust({ AWS: dev.arn })));
      const session = clientsFor(kiln, signerOf((await dev.sts.send(new AssumeRoleCommand({ RoleArn: roleArn(name), RoleSessionName: 'who-am-i' }))).Credentials));
      const assumed = await session.sts.send(new GetCallerIdentityCommand({}));
      assert.match(assumed.UserId!, /^AROA[A-Z2-7]{17}:who-am-i$/);
      assert.deepEqual({ Account: assumed.Account, Arn: assumed.Arn }, { Account: ACCOUNT, Arn: assumedArn(name, 'who-am-i') });
    });
  });

  describe('GetSessionToken', () => {
    it('acts as the same user with its policies, cannot call IAM without MFA, and cannot be chained', async () => {
      const dev = await user(doc(allow('imagebuilder:ListComponents')));
      const started = kiln.clock.now().getTime();
      const { Credentials } = await dev.sts.send(new GetSessionTokenCommand({}));
      assert.match(Credentials!.AccessKeyId!, /^ASIA/);
      assert.equal(Credentials!.Expiration!.getTime(), started + 43_200_000);
      const temp = clientsFor(kiln, signerOf(Credentials));
      const me = await temp.sts.send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, dev.arn);
      await temp.imagebuilder.send(new ListComponentsCommand({}));
      await expectDenied(temp.imagebuilder.send(new CreateComponentCommand({ name: 'comp', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_DOC, clientToken: 't' })),
        dev.arn, 'imagebuilder:CreateComponent', true);
      await expectError(temp.iam.send(new ListRolesCommand({})), { name: 'InvalidClientTokenId', status: 403, message: 'The security token included in the request is invalid.' });
      await expectError(temp.sts.send(new GetSessionTokenCommand({})), { name: 'AccessDenied', status: 403, message: 'Cannot call GetSessionToken with session credentials' });

      const rootTemp = await kiln.sts.send(new GetSessionTokenCommand({ DurationSeconds: 7200 }));
      assert.equal(rootTemp.Credentials!.Expiration!.getTime(), kiln.clock.now().getTime() + 3600_000, 'the root user\'s sessions last an hour at most');
      await expectError(kiln.sts.send(new GetSessionTokenCommand({ DurationSeconds: 129_601 })), { name: 'ValidationError', status: 400 });
    });
  });

  describe('GetAccessKeyInfo', () => {
    it('names the account of IAM keys, session keys, and of keys Kiln did not issue', async () => {
      const dev = await user();
      assert.equal((await kiln.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: dev.key.accessKeyId }))).Account, ACCOUNT);
      const { Credentials } = await dev.sts.send(new GetSessionTokenCommand({}));
      assert.equal((await kiln.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: Credentials!.AccessKeyId }))).Account, ACCOUNT);
      assert.equal((await kiln.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).Account, ACCOUNT);
      await expectDenied(dev.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: dev.key.accessKeyId })), dev.arn, 'sts:GetAccessKeyInfo');
    });
  });
});

describe('STS session expiry (ManualClock)', () => {
  let kiln: TestKiln;
  before(async () => {
    kiln = await startTestKiln({ clock: 'manual' });
  });
  after(() => kiln.close());

  it('expired session credentials answer ExpiredToken (ExpiredTokenException for Image Builder), even once the session is swept', async () => {
    await kiln.iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const { AccessKey } = await kiln.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }));
    const key = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'Short', AssumeRolePolicyDocument: doc(trust({ AWS: `arn:aws:iam::${ACCOUNT}:user/dev` })) }));
    await kiln.iam.send(new PutRolePolicyCommand({ RoleName: 'Short', PolicyName: 'p', PolicyDocument: doc(allow(['iam:ListRoles', 'imagebuilder:ListComponents'])) }));
    const { Credentials } = await clientsFor(kiln, key).sts.send(new AssumeRoleCommand({ RoleArn: roleArn('Short'), RoleSessionName: 'sess', DurationSeconds: 900 }));
    await clientsFor(kiln, signerOf(Credentials)).iam.send(new ListRolesCommand({}));

    // Kiln's clock moves past the expiry.
    (kiln.clock as ManualClock).advance(901);
    const late = () => clientsFor(kiln, signerOf(Credentials));
    const message = 'The security token included in the request is expired';
    await expectError(late().sts.send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken', status: 403, message });
    await expectError(late().iam.send(new ListRolesCommand({})), { name: 'ExpiredToken', status: 403, message });
    await expectError(late().imagebuilder.send(new ListComponentsCommand({})), { name: 'ExpiredTokenException', status: 403, message });

    // A new session sweeps the expired one from the store; its credentials still answer ExpiredToken.
    await clientsFor(kiln, key).sts.send(new AssumeRoleCommand({ RoleArn: roleArn('Short'), RoleSessionName: 'next' }));
    await expectError(late().sts.send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken', status: 403, message });
  });

  it('in strict auth mode too', async () => {
    const strict = await startTestKiln({ clock: 'manual', auth: 'strict' });
    try {
      const { Credentials } = await strict.sts.send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
      (strict.clock as ManualClock).advance(1000);
      await expectError(clientsFor(strict, signerOf(Credentials)).sts.send(new GetCallerIdentityCommand({})),
        { name: 'ExpiredToken', status: 403, message: 'The security token included in the request is expired' });
    } finally {
      await strict.close();
    }
  });
});

describe('DecodeAuthorizationMessage of a real denial', () => {
  it('decodes the encoded message Kiln logged with a denial, for a caller allowed sts:DecodeAuthorizationMessage', async () => {
    const lines: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    const kiln = await startTestKiln({ logLevel: 'info' });
    try {
      await kiln.iam.send(new CreateUserCommand({ UserName: 'dev' }));
      const { AccessKey } = await kiln.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }));
      const dev = clientsFor(kiln, { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
      await expectDenied(dev.iam.send(new CreateUserCommand({ UserName: 'intruder' })), `arn:aws:iam::${ACCOUNT}:user/dev`, 'iam:CreateUser');
      const logged = lines.flatMap((line) => line.split('\n')).filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((entry) => entry.msg === 'access denied' && entry.action === 'iam:CreateUser');
      assert.ok(logged?.encodedMessage, `a denial is logged with its encoded message: ${lines.join('')}`);

      await expectDenied(dev.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: logged.encodedMessage })), `arn:aws:iam::${ACCOUNT}:user/dev`, 'sts:DecodeAuthorizationMessage');
      await kiln.iam.send(new PutUserPolicyCommand({ UserName: 'dev', PolicyName: 'decode', PolicyDocument: doc(allow('sts:DecodeAuthorizationMessage')) }));
      const { DecodedMessage } = await dev.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: logged.encodedMessage }));
      const decoded = JSON.parse(DecodedMessage!);
      assert.equal(decoded.allowed, false);
      assert.equal(decoded.explicitDeny, false);
      assert.equal(decoded.context.action, 'iam:CreateUser');
      assert.equal(decoded.context.principal.arn, `arn:aws:iam::${ACCOUNT}:user/dev`);
      assert.equal(decoded.context.resource, `arn:aws:iam::${ACCOUNT}:user/intruder`);

      await expectError(dev.sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: 'not-a-kiln-message' })),
        { name: 'InvalidAuthorizationMessageException', status: 400, message: 'The encoded authorization message is not valid.' });
    } finally {
      process.stderr.write = write;
      await kiln.close();
    }
  });
});
