/**
 * IAM policy enforcement end to end: IAM users made with CreateUser/CreateAccessKey sign real
 * SDK v3 clients, and every request but the root's is decided by their policies — allowed and
 * denied calls across IAM, STS and Image Builder with AWS's 403 codes and messages, explicit
 * deny, group policies, permissions boundaries, conditions, second permissions (iam:PassRole,
 * iam:CreateServiceLinkedRole), the `log` and `off` modes, and the encoded authorization
 * message logged with each denial.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, AddUserToGroupCommand, AttachRolePolicyCommand, AttachUserPolicyCommand, CreateAccessKeyCommand,
  CreateGroupCommand, CreateInstanceProfileCommand, CreatePolicyCommand, CreateRoleCommand, CreateServiceLinkedRoleCommand, CreateUserCommand,
  DeleteRoleCommand, GetInstanceProfileCommand, GetRoleCommand, IAMClient, ListRolesCommand, ListRoleTagsCommand, PutGroupPolicyCommand,
  PutUserPermissionsBoundaryCommand, PutUserPolicyCommand, RemoveUserFromGroupCommand, TagRoleCommand, TagUserCommand, UntagUserCommand,
  type Tag,
} from '@aws-sdk/client-iam';
import { CreateComponentCommand, GetComponentCommand, ImagebuilderClient, ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import { GetAccessKeyInfoCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createLogger } from '../../src/kernel/log.js';
import { decodeAuthorizationMessage } from '../../src/policy/authorization-message.js';
import { resolveConfig, type IamEnforcement } from '../../src/server/config.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';

const COMPONENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands: [echo hello]\n';

type Statement = Record<string, unknown>;
const doc = (...Statement: Statement[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const allow = (Action: string | string[], Resource: string | string[] = '*', Condition?: object): Statement => ({ Effect: 'Allow', Action, Resource, ...(Condition ? { Condition } : {}) });
const deny = (Action: string | string[], Resource: string | string[] = '*'): Statement => ({ Effect: 'Deny', Action, Resource });

interface Clients {
  arn: string;
  iam: IAMClient;
  sts: STSClient;
  imagebuilder: (region?: string) => ImagebuilderClient;
}

interface UserSetup {
  policies?: Statement[][];
  managed?: string[];
  boundary?: string;
  tags?: Tag[];
}

/** An IAM user with an access key and policies, and clients that sign as it. */
async function userClients(endpoint: string, root: IAMClient, name: string, setup: UserSetup = {}): Promise<Clients> {
  const user = (await root.send(new CreateUserCommand({ UserName: name, Tags: setup.tags }))).User!;
  for (const [i, statements] of (setup.policies ?? []).entries()) {
    await root.send(new PutUserPolicyCommand({ UserName: name, PolicyName: `P${i}`, PolicyDocument: doc(...statements) }));
  }
  for (const PolicyArn of setup.managed ?? []) await root.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn }));
  if (setup.boundary) await root.send(new PutUserPermissionsBoundaryCommand({ UserName: name, PermissionsBoundary: setup.boundary }));
  const key = (await root.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  const credentials = { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
  return {
    arn: user.Arn!,
    iam: new IAMClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
    sts: new STSClient({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 }),
    imagebuilder: (region = 'us-east-1') => new ImagebuilderClient({ endpoint, region, credentials, maxAttempts: 1 }),
  };
}

const iamDenied = (arn: string, action: string, resource: string, reason = `because no identity-based policy allows the ${action} action`) => ({
  name: 'AccessDenied', code: 'AccessDenied', status: 403, message: `User: ${arn} is not authorized to perform: ${action} on resource: ${resource} ${reason}`,
});

describe('IAM policy enforcement (--iam-enforcement enforce, the default)', () => {
  let kiln: TestKiln;
  let counter = 0;
  const unique = (stem: string) => `${stem}${++counter}`;
  const user = (setup?: UserSetup) => userClients(kiln.endpoint, kiln.iam, unique('user'), setup);
  const role = async (path = '/') => {
    const name = unique('Role');
    return (await kiln.iam.send(new CreateRoleCommand({ RoleName: name, Path: path, AssumeRolePolicyDocument: TRUST_POLICY }))).Role!;
  };

  before(async () => {
    kiln = await startTestKiln();
  });
  after(() => kiln.close());

  it('a user without policies is denied across IAM, STS and Image Builder, with 403 and AWS\'s messages', async () => {
    const target = await role('/app/');
    const u = await user();
    await expectError(u.iam.send(new GetRoleCommand({ RoleName: target.RoleName })), iamDenied(u.arn, 'iam:GetRole', `role ${target.RoleName}`));
    await expectError(u.iam.send(new ListRolesCommand({})), iamDenied(u.arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
    await expectError(u.iam.send(new CreateRoleCommand({ RoleName: 'Made', Path: '/x/', AssumeRolePolicyDocument: TRUST_POLICY })),
      iamDenied(u.arn, 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/x/Made`));
    await expectError(u.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' })), iamDenied(u.arn, 'sts:GetAccessKeyInfo', '*'));
    await expectError(u.imagebuilder().send(new ListComponentsCommand({})), {
      name: 'AccessDeniedException', status: 403,
      message: `User: ${u.arn} is not authorized to perform: imagebuilder:ListComponents on resource: arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/* because no identity-based policy allows the imagebuilder:ListComponents action`,
    });
  });

  it('allows what the user\'s policies allow, on the resources they name', async () => {
    const inApp = await role('/app/');
    const elsewhere = await role('/');
    const u = await user({
      policies: [[
        allow('iam:GetRole', `arn:aws:iam::${ACCOUNT}:role/app/*`),
        allow(['imagebuilder:CreateComponent', 'imagebuilder:GetComponent'], `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/*`),
        allow('sts:GetAccessKeyInfo'),
      ]],
    });
    assert.equal((await u.iam.send(new GetRoleCommand({ RoleName: inApp.RoleName }))).Role!.Arn, inApp.Arn);
    await expectError(u.iam.send(new GetRoleCommand({ RoleName: elsewhere.RoleName })), iamDenied(u.arn, 'iam:GetRole', `role ${elsewhere.RoleName}`));
    assert.equal((await u.sts.send(new GetAccessKeyInfoCommand({ AccessKeyId: 'AKIAIOSFODNN7EXAMPLE' }))).$metadata.httpStatusCode, 200);
    const arn = (await u.imagebuilder().send(new CreateComponentCommand({
      name: unique('comp'), semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT, clientToken: unique('token'),
    }))).componentBuildVersionArn!;
    assert.equal((await u.imagebuilder().send(new GetComponentCommand({ componentBuildVersionArn: arn }))).component!.arn, arn);
  });

  it('an explicit Deny wins over any Allow, and names a managed policy that denies', async () => {
    const target = await role();
    const noDelete = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('NoDelete'), PolicyDocument: doc(deny('iam:DeleteRole')) }))).Policy!;
    const inline = await user({ managed: ['arn:aws:iam::aws:policy/IAMFullAccess'], policies: [[deny('iam:TagRole')]] });
    await expectError(inline.iam.send(new TagRoleCommand({ RoleName: target.RoleName, Tags: [{ Key: 'a', Value: 'b' }] })),
      iamDenied(inline.arn, 'iam:TagRole', `role ${target.RoleName}`, 'with an explicit deny in an identity-based policy'));
    const managed = await user({ managed: ['arn:aws:iam::aws:policy/IAMFullAccess', noDelete.Arn!] });
    await expectError(managed.iam.send(new DeleteRoleCommand({ RoleName: target.RoleName })),
      iamDenied(managed.arn, 'iam:DeleteRole', `role ${target.RoleName}`, `with an explicit deny in an identity-based policy: ${noDelete.Arn}`));
    // The Allow still works where nothing denies.
    assert.equal((await managed.iam.send(new GetRoleCommand({ RoleName: target.RoleName }))).Role!.RoleName, target.RoleName);
  });

  it('a denied call changes nothing', async () => {
    const target = await role();
    const u = await user({ policies: [[allow('iam:GetRole')]] });
    await expectError(u.iam.send(new TagRoleCommand({ RoleName: target.RoleName, Tags: [{ Key: 'team', Value: 'x' }] })), iamDenied(u.arn, 'iam:TagRole', `role ${target.RoleName}`));
    assert.deepEqual((await kiln.iam.send(new ListRoleTagsCommand({ RoleName: target.RoleName }))).Tags, []);
    await expectError(u.iam.send(new CreateRoleCommand({ RoleName: 'NeverMade', AssumeRolePolicyDocument: TRUST_POLICY })), iamDenied(u.arn, 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/NeverMade`));
    await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: 'NeverMade' })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
  });

  it('the policies of the user\'s groups apply while it is a member', async () => {
    const group = unique('Readers');
    await kiln.iam.send(new CreateGroupCommand({ GroupName: group }));
    await kiln.iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'List', PolicyDocument: doc(allow('iam:ListRoles')) }));
    const name = unique('member');
    const u = await userClients(kiln.endpoint, kiln.iam, name);
    await expectError(u.iam.send(new ListRolesCommand({})), iamDenied(u.arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
    await kiln.iam.send(new AddUserToGroupCommand({ GroupName: group, UserName: name }));
    assert.equal((await u.iam.send(new ListRolesCommand({}))).$metadata.httpStatusCode, 200);
    await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: name }));
    await expectError(u.iam.send(new ListRolesCommand({})), iamDenied(u.arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
  });

  it('a permissions boundary caps what the identity policies allow', async () => {
    const boundary = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('ReadOnlyBoundary'), PolicyDocument: doc(allow(['iam:Get*', 'iam:List*'])) }))).Policy!;
    const u = await user({ managed: ['arn:aws:iam::aws:policy/AdministratorAccess'], boundary: boundary.Arn });
    assert.equal((await u.iam.send(new ListRolesCommand({}))).$metadata.httpStatusCode, 200);
    await expectError(u.iam.send(new CreateRoleCommand({ RoleName: 'Bounded', AssumeRolePolicyDocument: TRUST_POLICY })),
      iamDenied(u.arn, 'iam:CreateRole', `arn:aws:iam::${ACCOUNT}:role/Bounded`, 'because no permissions boundary allows the iam:CreateRole action'));
  });

  it('conditions on aws:RequestedRegion, aws:PrincipalTag and iam:PolicyARN decide', async () => {
    const regional = await user({ policies: [[allow('imagebuilder:ListComponents', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })]] });
    assert.equal((await regional.imagebuilder('eu-west-1').send(new ListComponentsCommand({}))).$metadata.httpStatusCode, 200);
    await expectError(regional.imagebuilder('us-east-1').send(new ListComponentsCommand({})), { name: 'AccessDeniedException', status: 403 });

    const target = await role();
    const name = unique('tagged');
    const tagged = await userClients(kiln.endpoint, kiln.iam, name, {
      tags: [{ Key: 'team', Value: 'build' }],
      policies: [[allow('iam:GetRole', '*', { StringEquals: { 'aws:PrincipalTag/team': 'build' } })]],
    });
    assert.equal((await tagged.iam.send(new GetRoleCommand({ RoleName: target.RoleName }))).Role!.RoleName, target.RoleName);
    await kiln.iam.send(new UntagUserCommand({ UserName: name, TagKeys: ['team'] }));
    await expectError(tagged.iam.send(new GetRoleCommand({ RoleName: target.RoleName })), iamDenied(tagged.arn, 'iam:GetRole', `role ${target.RoleName}`));
    await kiln.iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'team', Value: 'other' }] }));
    await expectError(tagged.iam.send(new GetRoleCommand({ RoleName: target.RoleName })), iamDenied(tagged.arn, 'iam:GetRole', `role ${target.RoleName}`));

    const attacher = await user({ policies: [[allow('iam:AttachRolePolicy', '*', { ArnEquals: { 'iam:PolicyARN': 'arn:aws:iam::aws:policy/ReadOnlyAccess' } })]] });
    await attacher.iam.send(new AttachRolePolicyCommand({ RoleName: target.RoleName, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
    await expectError(attacher.iam.send(new AttachRolePolicyCommand({ RoleName: target.RoleName, PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' })),
      iamDenied(attacher.arn, 'iam:AttachRolePolicy', `role ${target.RoleName}`));
  });

  it('Image Builder creates carry their tags as aws:RequestTag and imagebuilder:CreatedResourceTag', async () => {
    const u = await user({
      policies: [[allow('imagebuilder:CreateComponent', '*', {
        StringEquals: { 'aws:RequestTag/team': 'build', 'imagebuilder:CreatedResourceTag/team': 'build' },
        'ForAllValues:StringEquals': { 'imagebuilder:CreatedResourceTagKeys': ['team'] },
      })]],
    });
    const name = unique('tagged-comp');
    const input = { name, semanticVersion: '1.0.0', platform: 'Linux' as const, data: COMPONENT };
    await expectError(u.imagebuilder().send(new CreateComponentCommand({ ...input, clientToken: unique('t') })), {
      name: 'AccessDeniedException', status: 403,
      message: `User: ${u.arn} is not authorized to perform: imagebuilder:CreateComponent on resource: arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/${name}/1.0.0/1 because no identity-based policy allows the imagebuilder:CreateComponent action`,
    });
    const created = await u.imagebuilder().send(new CreateComponentCommand({ ...input, tags: { team: 'build' }, clientToken: unique('t') }));
    assert.equal(created.componentBuildVersionArn, `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component/${name}/1.0.0/1`);
  });

  it('the account root is never denied, and sts:GetCallerIdentity never is either', async () => {
    const target = await role();
    assert.equal((await kiln.iam.send(new GetRoleCommand({ RoleName: target.RoleName }))).Role!.RoleName, target.RoleName);
    await kiln.iam.send(new DeleteRoleCommand({ RoleName: target.RoleName }));
    const u = await user({ policies: [[deny('*')]] });
    const identity = await u.sts.send(new GetCallerIdentityCommand({}));
    assert.equal(identity.Arn, u.arn);
    await expectError(u.iam.send(new ListRolesCommand({})), iamDenied(u.arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`, 'with an explicit deny in an identity-based policy'));
  });

  it('AddRoleToInstanceProfile also needs iam:PassRole on the role it passes', async () => {
    const target = await role('/app/');
    const profile = unique('Profile');
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile }));
    const without = await user({ policies: [[allow('iam:AddRoleToInstanceProfile')]] });
    await expectError(without.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: target.RoleName })),
      iamDenied(without.arn, 'iam:PassRole', target.Arn!));
    assert.deepEqual((await kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profile }))).InstanceProfile!.Roles, []);

    const wrongService = await user({ policies: [[allow('iam:AddRoleToInstanceProfile'), allow('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } })]] });
    await expectError(wrongService.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: target.RoleName })),
      iamDenied(wrongService.arn, 'iam:PassRole', target.Arn!));

    const allowed = await user({ policies: [[allow('iam:AddRoleToInstanceProfile'), allow('iam:PassRole', `arn:aws:iam::${ACCOUNT}:role/app/*`, { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } })]] });
    await allowed.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: target.RoleName }));
    assert.deepEqual((await kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profile }))).InstanceProfile!.Roles!.map((r) => r.RoleName), [target.RoleName]);
  });

  it('CreateServiceLinkedRole is authorized on the role\'s ARN with iam:AWSServiceName', async () => {
    const u = await user({ policies: [[allow('iam:CreateServiceLinkedRole', '*', { StringEquals: { 'iam:AWSServiceName': 'imagebuilder.amazonaws.com' } })]] });
    await expectError(u.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com' })),
      iamDenied(u.arn, 'iam:CreateServiceLinkedRole', `arn:aws:iam::${ACCOUNT}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`));
    const created = await u.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' }));
    assert.equal(created.Role!.Arn, `arn:aws:iam::${ACCOUNT}:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder`);
  });
});

describe('--iam-enforcement log and off', () => {
  /** A Kiln whose log lines the test can read. */
  async function serverWithLog(mode: IamEnforcement): Promise<{ running: RunningServer; root: IAMClient; lines: Array<Record<string, any>> }> {
    const lines: Array<Record<string, any>> = [];
    const config = resolveConfig({ port: 0, ephemeral: true, iamEnforcement: mode }, {});
    const running = await startServer(config, { log: createLogger('info', (line) => lines.push(JSON.parse(line))) });
    const root = new IAMClient({ endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
    return { running, root, lines };
  }

  it('enforce logs each denial with an encoded authorization message that decodes to its details', async () => {
    const { running, root, lines } = await serverWithLog('enforce');
    try {
      const u = await userClients(running.url, root, 'logged', { policies: [[allow('iam:GetRole', '*', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } })]] });
      await expectError(u.iam.send(new ListRolesCommand({})), iamDenied(u.arn, 'iam:ListRoles', `arn:aws:iam::${ACCOUNT}:role/`));
      const line = lines.find((l) => l.msg === 'access denied');
      assert.ok(line, 'a denial is logged');
      assert.equal(line.action, 'iam:ListRoles');
      assert.equal(line.principal, u.arn);
      const decoded = decodeAuthorizationMessage(line.encodedMessage);
      assert.ok(decoded);
      assert.equal(decoded.allowed, false);
      assert.equal(decoded.explicitDeny, false);
      assert.equal(decoded.context.action, 'iam:ListRoles');
      assert.equal(decoded.context.resource, `arn:aws:iam::${ACCOUNT}:role/`);
      assert.equal(decoded.context.principal.arn, u.arn);
      const conditions = Object.fromEntries(decoded.context.conditions.items.map((c) => [c.key, c.values.items.map((v) => v.value)]));
      assert.deepEqual(conditions['aws:RequestedRegion'], ['us-east-1']);
      assert.deepEqual(conditions['aws:SecureTransport'], ['false']);
      assert.deepEqual(conditions['aws:PrincipalType'], ['User']);
      assert.deepEqual(conditions['aws:username'], ['logged']);
      assert.deepEqual(conditions['aws:SourceIp'], ['127.0.0.1']);
      assert.equal(conditions['aws:MultiFactorAuthPresent'], undefined);
      // Text Kiln did not write, or a changed message, does not decode.
      assert.equal(decodeAuthorizationMessage(line.encodedMessage.slice(0, -2) + (line.encodedMessage.endsWith('AA') ? 'BB' : 'AA')), undefined);
      assert.equal(decodeAuthorizationMessage('not-a-message'), undefined);
    } finally {
      await running.close();
    }
  });

  it('log allows what enforce would deny, and logs it', async () => {
    const { running, root, lines } = await serverWithLog('log');
    try {
      const u = await userClients(running.url, root, 'observed');
      assert.equal((await u.iam.send(new ListRolesCommand({}))).$metadata.httpStatusCode, 200);
      await u.iam.send(new CreateRoleCommand({ RoleName: 'MadeInLogMode', AssumeRolePolicyDocument: TRUST_POLICY }));
      const logged = lines.filter((l) => l.level === 'warn' && l.msg.startsWith('access would be denied'));
      assert.deepEqual(logged.map((l) => l.action), ['iam:ListRoles', 'iam:CreateRole']);
      assert.equal(decodeAuthorizationMessage(logged[1].encodedMessage)!.context.resource, `arn:aws:iam::${ACCOUNT}:role/MadeInLogMode`);
    } finally {
      await running.close();
    }
  });

  it('off skips authorization', async () => {
    const kiln = await startTestKiln({ iamEnforcement: 'off' });
    try {
      const u = await userClients(kiln.endpoint, kiln.iam, 'free');
      await u.iam.send(new CreateRoleCommand({ RoleName: 'Free', AssumeRolePolicyDocument: TRUST_POLICY }));
      const profile = 'FreeProfile';
      await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile }));
      await u.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: profile, RoleName: 'Free' }));
      assert.equal((await u.imagebuilder().send(new ListComponentsCommand({}))).$metadata.httpStatusCode, 200);
    } finally {
      await kiln.close();
    }
  });
});
