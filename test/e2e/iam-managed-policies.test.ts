/**
 * IAM managed policies end to end through @aws-sdk/client-iam: customer managed policies and
 * their versions and tags, AWS managed policies from data, ListPolicies, attaching to and
 * detaching from roles, users and groups, ListEntitiesForPolicy and permissions boundaries —
 * success and error paths with exact code, HTTP status and message, and that failed calls
 * change nothing.
 *
 *   node --import tsx --test test/e2e/iam-managed-policies.test.ts
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateGroupCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeletePolicyCommand,
  DeletePolicyVersionCommand,
  DeleteRolePermissionsBoundaryCommand,
  DeleteUserPermissionsBoundaryCommand,
  DetachGroupPolicyCommand,
  DetachRolePolicyCommand,
  DetachUserPolicyCommand,
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetUserCommand,
  ListAttachedGroupPoliciesCommand,
  ListAttachedRolePoliciesCommand,
  ListAttachedUserPoliciesCommand,
  ListEntitiesForPolicyCommand,
  ListPoliciesCommand,
  ListPolicyTagsCommand,
  ListPolicyVersionsCommand,
  PutRolePermissionsBoundaryCommand,
  PutUserPermissionsBoundaryCommand,
  SetDefaultPolicyVersionCommand,
  TagPolicyCommand,
  UntagPolicyCommand,
  type ListEntitiesForPolicyCommandInput,
  type ListPoliciesCommandInput,
  type Policy,
} from '@aws-sdk/client-iam';
import { expectError, type ExpectedError } from '../helpers/errors.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { awsManagedPoliciesDir, findAwsManagedPolicy, listAwsManagedPolicies } from '../../src/services/iam/domain/aws-managed-policies.js';

const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const doc = (action: string) => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }],
});
const ADMIN_ARN = 'arn:aws:iam::aws:policy/AdministratorAccess';
const IB_SLR_POLICY_ARN = 'arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder';
const READONLY_ARN = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
const DATA_DIR = awsManagedPoliciesDir();

const noSuchEntity = (message: string): ExpectedError => ({ name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message });
const deleteConflict = (message: string): ExpectedError => ({ name: 'DeleteConflictException', code: 'DeleteConflict', status: 409, message });
const limitExceeded = (message: string): ExpectedError => ({ name: 'LimitExceededException', code: 'LimitExceeded', status: 409, message });
const invalidInput = (message: string): ExpectedError => ({ name: 'InvalidInputException', code: 'InvalidInput', status: 400, message });
const validationError = (message: string): ExpectedError => ({ name: 'ValidationError', code: 'ValidationError', status: 400, message });
const malformed = (message: string): ExpectedError => ({ name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400, message });
const notAttachable = (message: string): ExpectedError => ({ name: 'PolicyNotAttachableException', code: 'PolicyNotAttachable', status: 400, message });
const unmodifiable = (roleName: string): ExpectedError => ({
  name: 'UnmodifiableEntityException', code: 'UnmodifiableEntity', status: 400,
  message: `Cannot perform the operation on the protected role '${roleName}' - this role is only modifiable by AWS`,
});
const accessDenied = (action: string, arn: string): ExpectedError => ({
  name: 'AccessDenied', code: 'AccessDenied', status: 403,
  message: `User: ${ROOT_ARN} is not authorized to perform: iam:${action} on resource: policy ${arn}`,
});

function dataFile(name: string): Record<string, any> {
  return JSON.parse(readFileSync(join(DATA_DIR, `${name}.json`), 'utf8'));
}

describe('AWS managed policy data loader', () => {
  it('reads the shipped directory, sorted by name, and finds policies by ARN', () => {
    assert.ok(existsSync(join(DATA_DIR, 'AdministratorAccess.json')), `the data lives in ${DATA_DIR}`);
    const all = listAwsManagedPolicies();
    const names = all.map((policy) => policy.PolicyName);
    assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()) || (a < b ? -1 : a > b ? 1 : 0)));
    assert.ok(names.includes('AdministratorAccess'));
    const admin = findAwsManagedPolicy(ADMIN_ARN)!;
    assert.equal(admin.Arn, ADMIN_ARN);
    assert.deepEqual(JSON.parse(admin.Document), dataFile('AdministratorAccess').Document);
    assert.equal(findAwsManagedPolicy('arn:aws:iam::aws:policy/NoSuchPolicyAnywhere'), undefined);
    assert.equal(findAwsManagedPolicy(`arn:aws:iam::${ACCOUNT}:policy/AdministratorAccess`), undefined);
  });

  it('applies the partition of the request to ARNs', () => {
    const cn = findAwsManagedPolicy('arn:aws-cn:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder', 'aws-cn')!;
    assert.equal(cn.Arn, 'arn:aws-cn:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder');
    assert.ok(!cn.Document.includes('arn:aws:'), 'document ARNs are in the partition too');
    assert.equal(findAwsManagedPolicy(IB_SLR_POLICY_ARN, 'aws-cn'), undefined, 'an aws ARN is not found in aws-cn');
    assert.ok(listAwsManagedPolicies('aws-us-gov').every((policy) => policy.Arn.startsWith('arn:aws-us-gov:iam::aws:policy/')));
  });
});

describe('IAM managed policies through @aws-sdk/client-iam', () => {
  let kiln: TestKiln;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;
  const send = <T>(command: any): Promise<T> => kiln.iam.send(command) as Promise<T>;

  const createPolicy = async (name: string, extra: { Path?: string; Description?: string; Tags?: Array<{ Key: string; Value: string }>; PolicyDocument?: string } = {}) =>
    (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc('s3:ListBucket'), ...extra }))).Policy!;
  const getPolicy = async (PolicyArn: string): Promise<Policy> => (await kiln.iam.send(new GetPolicyCommand({ PolicyArn }))).Policy!;
  const createRole = async (RoleName: string, Path?: string) =>
    (await kiln.iam.send(new CreateRoleCommand({ RoleName, Path, AssumeRolePolicyDocument: TRUST_POLICY }))).Role!;
  const createUser = async (UserName: string, Path?: string) => (await kiln.iam.send(new CreateUserCommand({ UserName, Path }))).User!;
  const createGroup = async (GroupName: string, Path?: string) => (await kiln.iam.send(new CreateGroupCommand({ GroupName, Path }))).Group!;
  const attachedRole = async (RoleName: string) =>
    (await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName }))).AttachedPolicies!.map((p) => p.PolicyArn);
  const attachedUser = async (UserName: string) =>
    (await kiln.iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies!.map((p) => p.PolicyArn);
  const attachedGroup = async (GroupName: string) =>
    (await kiln.iam.send(new ListAttachedGroupPoliciesCommand({ GroupName }))).AttachedPolicies!.map((p) => p.PolicyArn);
  const allPolicies = async (input: ListPoliciesCommandInput = {}) => {
    const policies: Policy[] = [];
    let Marker: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await kiln.iam.send(new ListPoliciesCommand({ ...input, Marker }));
      policies.push(...page.Policies!);
      if (!page.IsTruncated) return policies;
      assert.ok(page.Marker, 'a truncated page carries a Marker');
      if (input.MaxItems !== undefined) assert.equal(page.Policies!.length, input.MaxItems, 'a truncated page is full');
      Marker = page.Marker;
    }
    assert.fail('ListPolicies never stopped paging');
  };
  const allEntities = async (input: ListEntitiesForPolicyCommandInput) => {
    const out = { groups: [] as string[], roles: [] as string[], users: [] as string[] };
    let Marker: string | undefined;
    for (let i = 0; i < 1000; i++) {
      const page = await kiln.iam.send(new ListEntitiesForPolicyCommand({ ...input, Marker }));
      out.groups.push(...page.PolicyGroups!.map((g) => g.GroupName!));
      out.roles.push(...page.PolicyRoles!.map((r) => r.RoleName!));
      out.users.push(...page.PolicyUsers!.map((u) => u.UserName!));
      if (!page.IsTruncated) return out;
      Marker = page.Marker;
    }
    assert.fail('ListEntitiesForPolicy never stopped paging');
  };

  before(async () => {
    kiln = await startTestKiln();
  });
  after(async () => {
    await kiln.close();
  });

  describe('CreatePolicy and GetPolicy', () => {
    it('creates a policy with defaults; the response carries no Description and no Tags', async () => {
      const name = unique('Plain');
      const out = await kiln.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: doc('s3:ListBucket'), Description: 'not echoed' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const policy = out.Policy!;
      assert.equal(policy.PolicyName, name);
      assert.equal(policy.Arn, `arn:aws:iam::${ACCOUNT}:policy/${name}`);
      assert.equal(policy.Path, '/');
      assert.match(policy.PolicyId!, /^ANPA[A-Z0-9]{17}$/);
      assert.equal(policy.DefaultVersionId, 'v1');
      assert.equal(policy.AttachmentCount, 0);
      assert.equal(policy.PermissionsBoundaryUsageCount, 0);
      assert.equal(policy.IsAttachable, true);
      assert.ok(policy.CreateDate instanceof Date && Math.abs(policy.CreateDate.getTime() - Date.now()) < 60_000);
      assert.equal(policy.UpdateDate?.getTime(), policy.CreateDate.getTime());
      assert.equal(policy.Description, undefined);
      assert.equal(policy.Tags, undefined);
    });

    it('keeps path, description and tags; GetPolicy shows them, and Tags [] when there are none', async () => {
      const name = unique('Full');
      const tags = [{ Key: 'team', Value: 'builders' }, { Key: 'env', Value: '' }];
      const created = await createPolicy(name, { Path: '/app/team/', Description: 'For the tests', Tags: tags });
      assert.equal(created.Arn, `arn:aws:iam::${ACCOUNT}:policy/app/team/${name}`);
      assert.deepEqual(created.Tags, tags);
      const got = await getPolicy(created.Arn!);
      assert.equal(got.PolicyId, created.PolicyId);
      assert.equal(got.Path, '/app/team/');
      assert.equal(got.Description, 'For the tests');
      assert.deepEqual(got.Tags, tags);
      assert.equal(got.CreateDate?.getTime(), created.CreateDate?.getTime());
      const bare = await createPolicy(unique('Bare'));
      assert.deepEqual((await getPolicy(bare.Arn!)).Tags, []);
    });

    it('stores the document exactly as given (the wire URL-encodes it)', async () => {
      const text = '{ "Version": "2012-10-17",\n  "Statement": [{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"arn:aws:s3:::a b/+&%"}] }';
      const policy = await createPolicy(unique('Exact'), { PolicyDocument: text });
      const version = (await kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: policy.Arn!, VersionId: 'v1' }))).PolicyVersion!;
      assert.equal(decodeURIComponent(version.Document!), text);
      assert.equal(version.IsDefaultVersion, true);
      assert.equal(version.VersionId, 'v1');
    });

    it('refuses a name that differs only in case: 409 EntityAlreadyExists, and keeps the first', async () => {
      const name = unique('CasePolicy');
      const first = await createPolicy(name);
      for (const other of [name, name.toLowerCase(), name.toUpperCase()]) {
        await expectError(kiln.iam.send(new CreatePolicyCommand({ PolicyName: other, Path: '/elsewhere/', PolicyDocument: doc('ec2:*') })), {
          name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409,
          message: `A policy called ${other} already exists. Duplicate names are not allowed.`,
        });
      }
      const kept = await getPolicy(first.Arn!);
      assert.equal(kept.PolicyId, first.PolicyId);
      await expectError(getPolicy(`arn:aws:iam::${ACCOUNT}:policy/elsewhere/${name}`), noSuchEntity(`Policy arn:aws:iam::${ACCOUNT}:policy/elsewhere/${name} was not found.`));
    });

    it('checks the document: MalformedPolicyDocument, and nothing is created', async () => {
      const cases: Array<[string, string]> = [
        ['not json', 'This policy contains invalid Json'],
        [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), 'Policy document must be version 2012-10-17 or greater.'],
        [JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }), 'Policy document must be version 2012-10-17 or greater.'],
        [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*' }] }), 'Policy statement must contain resources.'],
      ];
      for (const [text, message] of cases) {
        const name = unique('Bad');
        await expectError(kiln.iam.send(new CreatePolicyCommand({ PolicyName: name, PolicyDocument: text })), malformed(message));
        await expectError(getPolicy(`arn:aws:iam::${ACCOUNT}:policy/${name}`), noSuchEntity(`Policy arn:aws:iam::${ACCOUNT}:policy/${name} was not found.`));
      }
    });

    it('refuses a document over 6,144 characters (whitespace not counted): 409 LimitExceeded', async () => {
      const actions = Array.from({ length: 400 }, (_, i) => `s3:GetObjectNumber${i}`);
      const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
      await expectError(kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('Huge'), PolicyDocument: text })), limitExceeded('Cannot exceed quota for PolicySize: 6144'));
    });

    it('refuses duplicate tag keys, but keys differing in case are distinct tags', async () => {
      await expectError(
        kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('DupTags'), PolicyDocument: doc('s3:*'), Tags: [{ Key: 'k', Value: '1' }, { Key: 'k', Value: '2' }] })),
        invalidInput('Duplicate tag keys found.'),
      );
      const policy = await createPolicy(unique('CaseTags'), { Tags: [{ Key: 'a', Value: 'lower' }, { Key: 'A', Value: 'upper' }] });
      assert.deepEqual(policy.Tags, [{ Key: 'a', Value: 'lower' }, { Key: 'A', Value: 'upper' }]);
    });

    it('GetPolicy: 404 for a missing policy, 400 ValidationError for a text that is no ARN', async () => {
      const arn = `arn:aws:iam::${ACCOUNT}:policy/NoSuchPolicy`;
      await expectError(getPolicy(arn), noSuchEntity(`Policy ${arn} was not found.`));
      await expectError(getPolicy(`arn:aws:iam::999999999999:policy/${unique('OtherAccount')}`), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
      await expectError(getPolicy('this-is-not-an-arn-at-all'), validationError('ARN this-is-not-an-arn-at-all is not valid.'));
    });
  });

  describe('policy versions', () => {
    it('create, get, list, set default, delete: the whole lifecycle', async () => {
      const policy = await createPolicy(unique('Versions'));
      const arn = policy.Arn!;
      const v2 = (await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('ec2:Describe*'), SetAsDefault: true }))).PolicyVersion!;
      assert.equal(v2.VersionId, 'v2');
      assert.equal(v2.IsDefaultVersion, true);
      assert.equal(v2.Document, undefined, 'CreatePolicyVersion does not echo the document');
      const v3 = (await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('sqs:*') }))).PolicyVersion!;
      assert.equal(v3.VersionId, 'v3');
      assert.equal(v3.IsDefaultVersion, false);

      const got = await getPolicy(arn);
      assert.equal(got.DefaultVersionId, 'v2');
      assert.ok(got.UpdateDate!.getTime() >= got.CreateDate!.getTime());
      const list = await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
      assert.deepEqual(list.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v3', false], ['v2', true], ['v1', false]]);
      assert.equal(list.IsTruncated, false);
      assert.ok(list.Versions!.every((v) => v.Document === undefined && v.CreateDate instanceof Date));

      const page1 = await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2 }));
      assert.deepEqual(page1.Versions!.map((v) => v.VersionId), ['v3', 'v2']);
      assert.equal(page1.IsTruncated, true);
      const page2 = await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn, MaxItems: 2, Marker: page1.Marker }));
      assert.deepEqual(page2.Versions!.map((v) => v.VersionId), ['v1']);
      assert.equal(page2.IsTruncated, false);

      const version2 = (await kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }))).PolicyVersion!;
      assert.equal(decodeURIComponent(version2.Document!), doc('ec2:Describe*'));

      await kiln.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      assert.equal((await getPolicy(arn)).DefaultVersionId, 'v1');
      await kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
      const after = await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }));
      assert.deepEqual(after.Versions!.map((v) => v.VersionId), ['v3', 'v1']);
    });

    it('at most 5 versions: 409 LimitExceeded; numbers are never reused', async () => {
      const arn = (await createPolicy(unique('Five'))).Arn!;
      for (let i = 2; i <= 5; i++) await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc(`s3:Op${i}`) }));
      await expectError(
        kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Op6'), SetAsDefault: true })),
        limitExceeded('A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.'),
      );
      const versions = (await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
      assert.deepEqual(versions.map((v) => v.VersionId), ['v5', 'v4', 'v3', 'v2', 'v1']);
      assert.equal((await getPolicy(arn)).DefaultVersionId, 'v1', 'the failed call changed nothing');
      await kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
      const v6 = (await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Op6') }))).PolicyVersion!;
      assert.equal(v6.VersionId, 'v6');
    });

    it('version errors: missing policy or version 404, default version 409, bad document 400', async () => {
      const arn = (await createPolicy(unique('VersionErrors'))).Arn!;
      await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Other') }));
      const missing = `arn:aws:iam::${ACCOUNT}:policy/TestNonExistingPolicy`;
      await expectError(kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: missing, VersionId: 'v1' })),
        noSuchEntity(`Policy ${missing} version v1 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
        noSuchEntity(`Policy ${arn} version v9 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })),
        deleteConflict('Cannot delete the default version of a policy.'));
      await expectError(kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v9' })),
        noSuchEntity(`Policy ${arn} version v9 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: missing, VersionId: 'v2' })),
        noSuchEntity(`Policy ${missing} version v2 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: missing, VersionId: 'v1' })),
        noSuchEntity(`Policy ${missing} version v1 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v4' })),
        noSuchEntity(`Policy ${arn} version v4 does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: missing, PolicyDocument: doc('s3:*') })),
        noSuchEntity(`Policy ${missing} was not found.`));
      await expectError(kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: '{' })),
        malformed('This policy contains invalid Json'));
      await expectError(kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: missing })), noSuchEntity(`Policy ${missing} was not found.`));
      const versions = (await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: arn }))).Versions!;
      assert.deepEqual(versions.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v2', false], ['v1', true]], 'the failed calls changed nothing');
    });
  });

  describe('DeletePolicy', () => {
    it('deletes a policy; afterwards it is gone', async () => {
      const arn = (await createPolicy(unique('Doomed'))).Arn!;
      const out = await kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(getPolicy(arn), noSuchEntity(`Policy ${arn} was not found.`));
      await expectError(kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), noSuchEntity(`Policy ${arn} was not found.`));
    });

    it('refuses while the policy has non-default versions, then deletes once they are gone', async () => {
      const arn = (await createPolicy(unique('Versioned'))).Arn!;
      await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: doc('s3:Two'), SetAsDefault: true }));
      await expectError(kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn })),
        deleteConflict("This policy has more than one version. Before you delete a policy, you must delete the policy's non-default versions."));
      assert.equal((await getPolicy(arn)).DefaultVersionId, 'v2');
      await kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' }));
      await kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
      await expectError(getPolicy(arn), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('refuses while attached or used as a permissions boundary', async () => {
      const arn = (await createPolicy(unique('InUse'))).Arn!;
      const role = unique('InUseRole');
      await createRole(role);
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
      await expectError(kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), deleteConflict('Cannot delete a policy attached to entities.'));
      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: arn }));
      await expectError(kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn })), deleteConflict('Cannot delete a policy attached to entities.'));
      assert.equal((await getPolicy(arn)).PermissionsBoundaryUsageCount, 1);
      await kiln.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: role }));
      await kiln.iam.send(new DeletePolicyCommand({ PolicyArn: arn }));
    });
  });

  describe('policy tags', () => {
    it('TagPolicy adds and overwrites, UntagPolicy removes, ListPolicyTags sorts by key and pages', async () => {
      const arn = (await createPolicy(unique('Tagged'))).Arn!;
      await kiln.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'somekey', Value: 'v1' }, { Key: 'someotherkey', Value: 'v2' }, { Key: 'A', Value: 'upper' }, { Key: 'a', Value: 'lower' }] }));
      await kiln.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'somekey', Value: '' }] }));
      const all = await kiln.iam.send(new ListPolicyTagsCommand({ PolicyArn: arn }));
      assert.deepEqual(all.Tags, [{ Key: 'A', Value: 'upper' }, { Key: 'a', Value: 'lower' }, { Key: 'somekey', Value: '' }, { Key: 'someotherkey', Value: 'v2' }]);
      assert.equal(all.IsTruncated, false);
      const keys: string[] = [];
      let Marker: string | undefined;
      do {
        const page = await kiln.iam.send(new ListPolicyTagsCommand({ PolicyArn: arn, MaxItems: 1, Marker }));
        keys.push(...page.Tags!.map((t) => t.Key!));
        Marker = page.IsTruncated ? page.Marker : undefined;
      } while (Marker);
      assert.deepEqual(keys, ['A', 'a', 'somekey', 'someotherkey']);
      await kiln.iam.send(new UntagPolicyCommand({ PolicyArn: arn, TagKeys: ['a', 'somekey', 'absent'] }));
      assert.deepEqual((await getPolicy(arn)).Tags!.map((t) => t.Key).sort(), ['A', 'someotherkey']);
    });

    it('tag errors: missing policy 404, duplicates 400, more than 50 tags 409; nothing changes', async () => {
      const missing = `arn:aws:iam::${ACCOUNT}:policy/NotAPolicy`;
      await expectError(kiln.iam.send(new TagPolicyCommand({ PolicyArn: missing, Tags: [{ Key: 'k', Value: 'v' }] })), noSuchEntity(`Policy ${missing} was not found.`));
      await expectError(kiln.iam.send(new UntagPolicyCommand({ PolicyArn: missing, TagKeys: ['k'] })), noSuchEntity(`Policy ${missing} was not found.`));
      await expectError(kiln.iam.send(new ListPolicyTagsCommand({ PolicyArn: missing })), noSuchEntity(`Policy ${missing} was not found.`));
      const arn = (await createPolicy(unique('TagLimits'), { Tags: Array.from({ length: 45 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) })).Arn!;
      await expectError(kiln.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: [{ Key: 'x', Value: '1' }, { Key: 'x', Value: '2' }] })), invalidInput('Duplicate tag keys found.'));
      await expectError(
        kiln.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: Array.from({ length: 6 }, (_, i) => ({ Key: `new${i}`, Value: 'v' })) })),
        limitExceeded('Cannot exceed quota for TagsPerPolicy: 50.'),
      );
      assert.equal((await getPolicy(arn)).Tags!.length, 45);
      await kiln.iam.send(new TagPolicyCommand({ PolicyArn: arn, Tags: Array.from({ length: 5 }, (_, i) => ({ Key: `new${i}`, Value: 'v' })) }));
      assert.equal((await getPolicy(arn)).Tags!.length, 50);
    });
  });

  describe('AWS managed policies', () => {
    it('GetPolicy reads AdministratorAccess from data', async () => {
      const data = dataFile('AdministratorAccess');
      const policy = await getPolicy(ADMIN_ARN);
      assert.equal(policy.PolicyName, 'AdministratorAccess');
      assert.equal(policy.Arn, ADMIN_ARN);
      assert.equal(policy.Path, '/');
      assert.equal(policy.PolicyId, data.PolicyId);
      assert.equal(policy.DefaultVersionId, data.DefaultVersionId);
      assert.equal(policy.Description, data.Description);
      assert.equal(policy.IsAttachable, true);
      assert.equal(policy.AttachmentCount, 0);
      assert.equal(policy.PermissionsBoundaryUsageCount, 0);
      assert.deepEqual(policy.Tags, []);
      assert.equal(policy.CreateDate?.getTime(), new Date(data.CreateDate).getTime());
      assert.equal(policy.UpdateDate?.getTime(), new Date(data.UpdateDate).getTime());
    });

    it('AWSServiceRoleForImageBuilder: v27 under /aws-service-role/, its default version readable', async () => {
      const policy = await getPolicy(IB_SLR_POLICY_ARN);
      assert.equal(policy.PolicyName, 'AWSServiceRoleForImageBuilder');
      assert.equal(policy.Path, '/aws-service-role/');
      assert.equal(policy.DefaultVersionId, 'v27');
      assert.equal(policy.Description, 'Allows EC2ImageBuilder to call AWS services on your behalf.');
      const version = (await kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: IB_SLR_POLICY_ARN, VersionId: 'v27' }))).PolicyVersion!;
      assert.equal(version.IsDefaultVersion, true);
      assert.deepEqual(JSON.parse(decodeURIComponent(version.Document!)), dataFile('AWSServiceRoleForImageBuilder').Document);
      const versions = (await kiln.iam.send(new ListPolicyVersionsCommand({ PolicyArn: IB_SLR_POLICY_ARN }))).Versions!;
      assert.deepEqual(versions.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v27', true]]);
      // Only the default version's document is known.
      await expectError(kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: IB_SLR_POLICY_ARN, VersionId: 'v1' })),
        noSuchEntity(`Policy ${IB_SLR_POLICY_ARN} version v1 does not exist or is not attachable.`));
      assert.deepEqual((await kiln.iam.send(new ListPolicyTagsCommand({ PolicyArn: IB_SLR_POLICY_ARN }))).Tags, []);
    });

    it('an unknown AWS managed policy is 404', async () => {
      const arn = 'arn:aws:iam::aws:policy/NoSuchAwsPolicy';
      await expectError(getPolicy(arn), noSuchEntity(`Policy ${arn} was not found.`));
      await expectError(kiln.iam.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })),
        noSuchEntity(`Policy ${arn} version v1 does not exist or is not attachable.`));
    });

    it('cannot be changed: 403 AccessDenied for every write', async () => {
      await expectError(kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: ADMIN_ARN, PolicyDocument: doc('s3:*') })), accessDenied('CreatePolicyVersion', ADMIN_ARN));
      await expectError(kiln.iam.send(new DeletePolicyCommand({ PolicyArn: ADMIN_ARN })), accessDenied('DeletePolicy', ADMIN_ARN));
      await expectError(kiln.iam.send(new DeletePolicyVersionCommand({ PolicyArn: ADMIN_ARN, VersionId: 'v1' })), accessDenied('DeletePolicyVersion', ADMIN_ARN));
      await expectError(kiln.iam.send(new SetDefaultPolicyVersionCommand({ PolicyArn: ADMIN_ARN, VersionId: 'v1' })), accessDenied('SetDefaultPolicyVersion', ADMIN_ARN));
      await expectError(kiln.iam.send(new TagPolicyCommand({ PolicyArn: ADMIN_ARN, Tags: [{ Key: 'k', Value: 'v' }] })), accessDenied('TagPolicy', ADMIN_ARN));
      await expectError(kiln.iam.send(new UntagPolicyCommand({ PolicyArn: ADMIN_ARN, TagKeys: ['k'] })), accessDenied('UntagPolicy', ADMIN_ARN));
      const policy = await getPolicy(ADMIN_ARN);
      assert.equal(policy.DefaultVersionId, dataFile('AdministratorAccess').DefaultVersionId);
      assert.deepEqual(policy.Tags, []);
    });
  });

  describe('ListPolicies', () => {
    it('Scope AWS lists exactly the AWS managed policies from data; Local only customer ones; All both', async () => {
      const local = await createPolicy(unique('ListMe'), { Path: '/listing/' });
      const aws = await allPolicies({ Scope: 'AWS', MaxItems: 1000 });
      assert.equal(aws.length, listAwsManagedPolicies().length);
      assert.ok(aws.every((p) => p.Arn!.startsWith('arn:aws:iam::aws:policy/')));
      assert.ok(aws.some((p) => p.Arn === ADMIN_ARN));
      assert.ok(!aws.some((p) => p.PolicyName === local.PolicyName));
      const localOnly = await allPolicies({ Scope: 'Local' });
      assert.ok(localOnly.length > 0 && localOnly.every((p) => p.Arn!.startsWith(`arn:aws:iam::${ACCOUNT}:policy/`)));
      assert.ok(localOnly.some((p) => p.Arn === local.Arn));
      const everything = await allPolicies();
      assert.equal(everything.length, aws.length + localOnly.length);
      const entry = everything.find((p) => p.Arn === local.Arn)!;
      assert.equal(entry.Description, undefined, 'ListPolicies leaves out the description');
      assert.equal(entry.Tags, undefined);
      assert.equal(entry.AttachmentCount, 0);
      assert.equal(entry.IsAttachable, true);
    });

    it('pages through one stable order: small pages give what one big page gives, without repeats', async () => {
      // Customer policies whose names interleave with AWS managed ones, including one named like an AWS policy.
      for (const name of ['AdministratorAccess', 'AWSZZZ-local', 'aaa-first-local', 'ReadOnlyAccess-local']) {
        await createPolicy(name, { Path: '/paging/' });
      }
      const big = await allPolicies({ MaxItems: 1000 });
      for (const MaxItems of [1, 7, 50]) {
        const small = await allPolicies({ MaxItems });
        assert.deepEqual(small.map((p) => p.Arn), big.map((p) => p.Arn), `pages of ${MaxItems}`);
      }
      assert.equal(new Set(big.map((p) => p.Arn)).size, big.length, 'no policy twice');
      const admins = big.filter((p) => p.PolicyName === 'AdministratorAccess').map((p) => p.Arn);
      assert.deepEqual(admins, [ADMIN_ARN, `arn:aws:iam::${ACCOUNT}:policy/paging/AdministratorAccess`]);
      const names = big.map((p) => p.PolicyName!.toLowerCase());
      assert.deepEqual(names, [...names].sort(), 'sorted by name regardless of case');
    });

    it('PathPrefix, OnlyAttached and PolicyUsageFilter', async () => {
      const prefix = `/${unique('onlyattached')}/`;
      const attached = await createPolicy(unique('Attached'), { Path: prefix });
      const boundary = await createPolicy(unique('Boundary'), { Path: prefix });
      await createPolicy(unique('Unused'), { Path: prefix });
      const byPath = await allPolicies({ PathPrefix: prefix });
      assert.equal(byPath.length, 3);
      const role = unique('ListRole');
      await createRole(role);
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: attached.Arn }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: READONLY_ARN }));
      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: boundary.Arn }));

      const names = (policies: Policy[]) => policies.map((p) => p.PolicyName).sort();
      assert.deepEqual(names(await allPolicies({ PathPrefix: prefix, OnlyAttached: true })), names([attached, boundary]));
      assert.deepEqual(names(await allPolicies({ PathPrefix: prefix, OnlyAttached: true, PolicyUsageFilter: 'PermissionsPolicy' })), [attached.PolicyName]);
      assert.deepEqual(names(await allPolicies({ PathPrefix: prefix, OnlyAttached: true, PolicyUsageFilter: 'PermissionsBoundary' })), [boundary.PolicyName]);
      const onlyAttached = await allPolicies({ OnlyAttached: true, Scope: 'AWS' });
      const readOnly = onlyAttached.find((p) => p.Arn === READONLY_ARN)!;
      assert.equal(readOnly.AttachmentCount, 1);
      assert.ok(onlyAttached.every((p) => p.AttachmentCount! > 0 || p.PermissionsBoundaryUsageCount! > 0));
      assert.ok(!onlyAttached.some((p) => p.Arn === ADMIN_ARN) || (await getPolicy(ADMIN_ARN)).AttachmentCount! > 0);
      const local = await allPolicies({ PathPrefix: prefix, Scope: 'Local' });
      assert.equal(local.find((p) => p.Arn === boundary.Arn)!.PermissionsBoundaryUsageCount, 1);
      assert.equal(local.find((p) => p.Arn === attached.Arn)!.AttachmentCount, 1);
      assert.deepEqual(await allPolicies({ PathPrefix: prefix, Scope: 'AWS' }), []);
    });

    it('refuses a marker Kiln did not issue: 400 InvalidInput', async () => {
      await expectError(kiln.iam.send(new ListPoliciesCommand({ Marker: 'not-a-marker' })), invalidInput('Invalid Marker.'));
    });
  });

  describe('attaching to roles', () => {
    it('attaches customer and AWS managed policies, lists them in attachment order, counts them', async () => {
      const role = unique('AttachRole');
      await createRole(role);
      const customer = await createPolicy(unique('RolePolicy'), { Path: '/team/' });
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: customer.Arn }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role.toUpperCase(), PolicyArn: READONLY_ARN }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: customer.Arn }));
      const list = await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role }));
      assert.deepEqual(list.AttachedPolicies, [
        { PolicyName: customer.PolicyName, PolicyArn: customer.Arn },
        { PolicyName: 'ReadOnlyAccess', PolicyArn: READONLY_ARN },
      ]);
      assert.equal(list.IsTruncated, false);
      assert.equal((await getPolicy(customer.Arn!)).AttachmentCount, 1, 'attaching twice is a no-op');
      assert.deepEqual((await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, PathPrefix: '/team/' }))).AttachedPolicies!.map((p) => p.PolicyName), [customer.PolicyName]);
      const page1 = await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, MaxItems: 1 }));
      assert.equal(page1.IsTruncated, true);
      const page2 = await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: role, MaxItems: 1, Marker: page1.Marker }));
      assert.deepEqual([...page1.AttachedPolicies!, ...page2.AttachedPolicies!].map((p) => p.PolicyArn), [customer.Arn, READONLY_ARN]);
      assert.equal(page2.IsTruncated, false);

      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: customer.Arn }));
      assert.deepEqual(await attachedRole(role), [READONLY_ARN]);
      assert.equal((await getPolicy(customer.Arn!)).AttachmentCount, 0);
      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: READONLY_ARN }));
      assert.deepEqual(await attachedRole(role), []);
    });

    it('attach errors: missing policy 404, no ARN 400, missing role 404; nothing changes', async () => {
      const role = unique('AttachErrors');
      await createRole(role);
      const missing = `arn:aws:iam::${ACCOUNT}:policy/nonexistent-policy`;
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: missing })), noSuchEntity(`Policy ${missing} does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/Nonexistent' })),
        noSuchEntity('Policy arn:aws:iam::aws:policy/Nonexistent does not exist or is not attachable.'));
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: 'longpolicynamebutnoarn' })), validationError('ARN longpolicynamebutnoarn is not valid.'));
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: 'no-such-role', PolicyArn: ADMIN_ARN })), noSuchEntity('The role with name no-such-role cannot be found.'));
      assert.deepEqual(await attachedRole(role), []);
    });

    it('detach errors: not attached, or no such policy, is 404 "was not found"', async () => {
      const role = unique('DetachErrors');
      await createRole(role);
      const policy = await createPolicy(unique('NotAttached'));
      await expectError(kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: policy.Arn })), noSuchEntity(`Policy ${policy.Arn} was not found.`));
      await expectError(kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: 'arn:aws:iam::aws:policy/Nonexistent' })),
        noSuchEntity('Policy arn:aws:iam::aws:policy/Nonexistent was not found.'));
      await expectError(kiln.iam.send(new DetachRolePolicyCommand({ RoleName: 'no-such-role', PolicyArn: policy.Arn })), noSuchEntity('The role with name no-such-role cannot be found.'));
    });

    it('at most 10 managed policies per role: 409 LimitExceeded', async () => {
      const role = unique('Quota');
      await createRole(role);
      const arns: string[] = [];
      for (let i = 0; i < 11; i++) arns.push((await createPolicy(unique('QuotaPolicy'))).Arn!);
      for (const arn of arns.slice(0, 10)) await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arn }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arns[3] }));
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: arns[10] })), limitExceeded('Cannot exceed quota for PoliciesPerRole: 10'));
      assert.deepEqual(await attachedRole(role), arns.slice(0, 10));
      assert.equal((await getPolicy(arns[10])).AttachmentCount, 0);
    });

    it('a service-role policy cannot be attached to an ordinary role: 400 PolicyNotAttachable', async () => {
      const role = unique('Ordinary');
      await createRole(role);
      const before = (await getPolicy(IB_SLR_POLICY_ARN)).AttachmentCount;
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: IB_SLR_POLICY_ARN })),
        notAttachable('Cannot attach a Service Role Policy to a Customer Role.'));
      assert.deepEqual(await attachedRole(role), []);
      assert.equal((await getPolicy(IB_SLR_POLICY_ARN)).AttachmentCount, before);
    });
  });

  describe('the service-linked role is protected', () => {
    const SLR = 'AWSServiceRoleForImageBuilder';
    before(async () => {
      await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' }));
    });

    it('carries the service-role policy, which counts and lists the role', async () => {
      assert.deepEqual(await attachedRole(SLR), [IB_SLR_POLICY_ARN]);
      assert.equal((await getPolicy(IB_SLR_POLICY_ARN)).AttachmentCount, 1);
      const entities = await allEntities({ PolicyArn: IB_SLR_POLICY_ARN });
      assert.deepEqual(entities, { groups: [], roles: [SLR], users: [] });
    });

    it('Attach/DetachRolePolicy and Put/DeleteRolePermissionsBoundary: 400 UnmodifiableEntity', async () => {
      await expectError(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: SLR, PolicyArn: ADMIN_ARN })), unmodifiable(SLR));
      await expectError(kiln.iam.send(new DetachRolePolicyCommand({ RoleName: SLR, PolicyArn: IB_SLR_POLICY_ARN })), unmodifiable(SLR));
      await expectError(kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: SLR, PermissionsBoundary: ADMIN_ARN })), unmodifiable(SLR));
      await expectError(kiln.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: SLR })), unmodifiable(SLR));
      assert.deepEqual(await attachedRole(SLR), [IB_SLR_POLICY_ARN]);
      assert.equal((await kiln.iam.send(new GetRoleCommand({ RoleName: SLR }))).Role!.PermissionsBoundary, undefined);
    });
  });

  describe('attaching to users and groups', () => {
    it('attach, list, detach on a user and on a group', async () => {
      const user = unique('AttachUser');
      const group = unique('AttachGroup');
      await createUser(user);
      await createGroup(group);
      const policy = await createPolicy(unique('UserGroupPolicy'));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: policy.Arn }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: READONLY_ARN }));
      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: policy.Arn }));
      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: policy.Arn }));
      const userList = await kiln.iam.send(new ListAttachedUserPoliciesCommand({ UserName: user }));
      assert.deepEqual(userList.AttachedPolicies, [{ PolicyName: policy.PolicyName, PolicyArn: policy.Arn }, { PolicyName: 'ReadOnlyAccess', PolicyArn: READONLY_ARN }]);
      assert.deepEqual(await attachedGroup(group), [policy.Arn]);
      assert.equal((await getPolicy(policy.Arn!)).AttachmentCount, 2);
      await kiln.iam.send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: policy.Arn }));
      await kiln.iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: policy.Arn }));
      assert.deepEqual(await attachedUser(user), [READONLY_ARN]);
      assert.deepEqual(await attachedGroup(group), []);
      assert.equal((await getPolicy(policy.Arn!)).AttachmentCount, 0);
    });

    it('errors: missing user or group 404, missing policy 404, not attached 404, quota 409', async () => {
      const user = unique('ErrUser');
      const group = unique('ErrGroup');
      await createUser(user);
      await createGroup(group);
      const missing = `arn:aws:iam::${ACCOUNT}:policy/nonexistent-policy`;
      await expectError(kiln.iam.send(new AttachUserPolicyCommand({ UserName: 'no-such-user', PolicyArn: ADMIN_ARN })), noSuchEntity('The user with name no-such-user cannot be found.'));
      await expectError(kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: 'no-such-group', PolicyArn: ADMIN_ARN })), noSuchEntity('The group with name no-such-group cannot be found.'));
      await expectError(kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: missing })), noSuchEntity(`Policy ${missing} does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: missing })), noSuchEntity(`Policy ${missing} does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new DetachUserPolicyCommand({ UserName: user, PolicyArn: ADMIN_ARN })), noSuchEntity(`Policy ${ADMIN_ARN} was not found.`));
      await expectError(kiln.iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: ADMIN_ARN })), noSuchEntity(`Policy ${ADMIN_ARN} was not found.`));
      await expectError(kiln.iam.send(new ListAttachedUserPoliciesCommand({ UserName: 'no-such-user' })), noSuchEntity('The user with name no-such-user cannot be found.'));
      const arns: string[] = [];
      for (let i = 0; i < 11; i++) arns.push((await createPolicy(unique('UGQuota'))).Arn!);
      for (const arn of arns.slice(0, 10)) {
        await kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arn }));
        await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: arn }));
      }
      await expectError(kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arns[10] })), limitExceeded('Cannot exceed quota for PoliciesPerUser: 10'));
      await expectError(kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: arns[10] })), limitExceeded('Cannot exceed quota for PoliciesPerGroup: 10'));
      assert.equal((await attachedUser(user)).length, 10);
      assert.equal((await attachedGroup(group)).length, 10);
    });

    it('the Image Builder service-role policy cannot be attached to a user or a group: 400 PolicyNotAttachable', async () => {
      const user = unique('SlrUser');
      const group = unique('SlrGroup');
      await createUser(user);
      await createGroup(group);
      await expectError(kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: IB_SLR_POLICY_ARN })),
        notAttachable('Cannot attach a Service Role Policy to a Customer User.'));
      await expectError(kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: IB_SLR_POLICY_ARN })),
        notAttachable('Cannot attach a Service Role Policy to a Customer Group.'));
      assert.deepEqual(await attachedUser(user), []);
      assert.deepEqual(await attachedGroup(group), []);
    });
  });

  describe('ListEntitiesForPolicy', () => {
    it('lists groups, roles and users using a policy, with EntityFilter, PolicyUsageFilter, PathPrefix and paging', async () => {
      const policy = await createPolicy(unique('Shared'));
      const arn = policy.Arn!;
      const roleA = unique('EntRoleA');
      const roleB = unique('EntRoleB');
      const user = unique('EntUser');
      const boundedUser = unique('EntBoundedUser');
      const group = unique('EntGroup');
      const roleAId = (await createRole(roleA, '/ents/')).RoleId;
      await createRole(roleB);
      const userId = (await createUser(user, '/ents/')).UserId;
      await createUser(boundedUser);
      const groupId = (await createGroup(group)).GroupId;
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: roleA, PolicyArn: arn }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: roleB, PolicyArn: arn }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: user, PolicyArn: arn }));
      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: arn }));
      await kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: boundedUser, PermissionsBoundary: arn }));
      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: roleB, PermissionsBoundary: arn }));

      const full = await kiln.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn }));
      assert.deepEqual(full.PolicyGroups, [{ GroupName: group, GroupId: groupId }]);
      assert.deepEqual(full.PolicyRoles!.map((r) => r.RoleName).sort(), [roleA, roleB].sort(), 'a role with both uses is listed once');
      assert.equal(full.PolicyRoles!.find((r) => r.RoleName === roleA)!.RoleId, roleAId);
      assert.deepEqual(full.PolicyUsers!.map((u) => u.UserName).sort(), [boundedUser, user].sort());
      assert.equal(full.PolicyUsers!.find((u) => u.UserName === user)!.UserId, userId);
      assert.equal(full.IsTruncated, false);

      assert.deepEqual(await allEntities({ PolicyArn: arn, EntityFilter: 'Role' }), { groups: [], roles: [roleA, roleB].sort((a, b) => a.toLowerCase() < b.toLowerCase() ? -1 : 1), users: [] });
      assert.deepEqual(await allEntities({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsBoundary' }), { groups: [], roles: [roleB], users: [boundedUser] });
      const perms = await allEntities({ PolicyArn: arn, PolicyUsageFilter: 'PermissionsPolicy' });
      assert.deepEqual({ ...perms, roles: perms.roles.sort() }, { groups: [group], roles: [roleA, roleB].sort(), users: [user] });
      assert.deepEqual(await allEntities({ PolicyArn: arn, PathPrefix: '/ents/' }), { groups: [], roles: [roleA], users: [user] });
      assert.deepEqual(await allEntities({ PolicyArn: arn, EntityFilter: 'AWSManagedPolicy' }), { groups: [], roles: [], users: [] });

      const paged = { groups: [] as string[], roles: [] as string[], users: [] as string[] };
      let Marker: string | undefined;
      let pages = 0;
      do {
        const page = await kiln.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: arn, MaxItems: 1, Marker }));
        const n = page.PolicyGroups!.length + page.PolicyRoles!.length + page.PolicyUsers!.length;
        assert.equal(n, 1, 'one entity per page');
        paged.groups.push(...page.PolicyGroups!.map((g) => g.GroupName!));
        paged.roles.push(...page.PolicyRoles!.map((r) => r.RoleName!));
        paged.users.push(...page.PolicyUsers!.map((u) => u.UserName!));
        Marker = page.IsTruncated ? page.Marker : undefined;
        pages++;
      } while (Marker);
      assert.equal(pages, 5);
      assert.deepEqual(paged.roles.sort(), [roleA, roleB].sort());
      assert.deepEqual(paged.users.sort(), [boundedUser, user].sort());
      assert.deepEqual(paged.groups, [group]);
    });

    it('404 for a missing policy; AWS managed policies list their users too', async () => {
      const missing = `arn:aws:iam::${ACCOUNT}:policy/NoSuchShared`;
      await expectError(kiln.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn: missing })), noSuchEntity(`Policy ${missing} was not found.`));
      const role = unique('AdminRole');
      await createRole(role);
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: role, PolicyArn: ADMIN_ARN }));
      assert.ok((await allEntities({ PolicyArn: ADMIN_ARN })).roles.includes(role));
      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: ADMIN_ARN }));
      assert.ok(!(await allEntities({ PolicyArn: ADMIN_ARN })).roles.includes(role));
    });
  });

  describe('permissions boundaries', () => {
    it('Put/Delete on roles and users: the entity shows it and the policy counts it', async () => {
      const role = unique('BoundedRole');
      const user = unique('BoundedUser');
      await createRole(role);
      await createUser(user);
      const first = await createPolicy(unique('BoundaryOne'));
      const second = await createPolicy(unique('BoundaryTwo'));
      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: first.Arn }));
      await kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: first.Arn }));
      assert.equal((await kiln.iam.send(new GetRoleCommand({ RoleName: role }))).Role!.PermissionsBoundary?.PermissionsBoundaryArn, first.Arn);
      assert.equal((await kiln.iam.send(new GetUserCommand({ UserName: user }))).User!.PermissionsBoundary?.PermissionsBoundaryArn, first.Arn);
      assert.equal((await getPolicy(first.Arn!)).PermissionsBoundaryUsageCount, 2);
      assert.equal((await getPolicy(first.Arn!)).AttachmentCount, 0);

      await kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: second.Arn }));
      assert.equal((await getPolicy(first.Arn!)).PermissionsBoundaryUsageCount, 1, 'replacing a boundary releases the old one');
      assert.equal((await getPolicy(second.Arn!)).PermissionsBoundaryUsageCount, 1);

      await kiln.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: role }));
      await kiln.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: user }));
      await kiln.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: user }));
      assert.equal((await kiln.iam.send(new GetRoleCommand({ RoleName: role }))).Role!.PermissionsBoundary, undefined);
      assert.equal((await kiln.iam.send(new GetUserCommand({ UserName: user }))).User!.PermissionsBoundary, undefined);
      assert.equal((await getPolicy(first.Arn!)).PermissionsBoundaryUsageCount, 0);
      assert.equal((await getPolicy(second.Arn!)).PermissionsBoundaryUsageCount, 0);

      await kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: ADMIN_ARN }));
      assert.equal((await getPolicy(ADMIN_ARN)).PermissionsBoundaryUsageCount, 1, 'an AWS managed policy can be a boundary');
      await kiln.iam.send(new DeleteUserPermissionsBoundaryCommand({ UserName: user }));
    });

    it('errors: not a policy ARN 400, missing policy 404, service-role policy 400, missing entity 404; nothing changes', async () => {
      const role = unique('BoundaryErrRole');
      const user = unique('BoundaryErrUser');
      await createRole(role);
      await createUser(user);
      const bad = `arn:aws:iam::${ACCOUNT}:not_a_policy/invalid`;
      const missing = `arn:aws:iam::${ACCOUNT}:policy/nonexistent-policy`;
      await expectError(kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: bad })), invalidInput(`ARN ${bad} is not valid.`));
      await expectError(kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: bad })), invalidInput(`ARN ${bad} is not valid.`));
      await expectError(kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: missing })),
        noSuchEntity(`Scope ARN: ${missing} does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: missing })),
        noSuchEntity(`Scope ARN: ${missing} does not exist or is not attachable.`));
      await expectError(kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: role, PermissionsBoundary: IB_SLR_POLICY_ARN })),
        notAttachable('Cannot attach a Service Role Policy to a Customer Role.'));
      await expectError(kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: user, PermissionsBoundary: IB_SLR_POLICY_ARN })),
        notAttachable('Cannot attach a Service Role Policy to a Customer User.'));
      const valid = await createPolicy(unique('ValidBoundary'));
      await expectError(kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: 'nonexistent-role', PermissionsBoundary: valid.Arn })),
        noSuchEntity('The role with name nonexistent-role cannot be found.'));
      await expectError(kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'nonexistent-user', PermissionsBoundary: valid.Arn })),
        noSuchEntity('The user with name nonexistent-user cannot be found.'));
      await expectError(kiln.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: 'nonexistent-role' })),
        noSuchEntity('The role with name nonexistent-role cannot be found.'));
      assert.equal((await kiln.iam.send(new GetRoleCommand({ RoleName: role }))).Role!.PermissionsBoundary, undefined);
      assert.equal((await kiln.iam.send(new GetUserCommand({ UserName: user }))).User!.PermissionsBoundary, undefined);
      assert.equal((await getPolicy(IB_SLR_POLICY_ARN)).PermissionsBoundaryUsageCount, 0);
      assert.equal((await getPolicy(valid.Arn!)).PermissionsBoundaryUsageCount, 0);
    });
  });
});
