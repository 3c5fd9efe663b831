/**
 * IAM instance profiles, UpdateAssumeRolePolicy, account aliases, GetAccountSummary and
 * GetAccountAuthorizationDetails, end to end through @aws-sdk/client-iam: success paths, every
 * error path with its exact code, HTTP status and message, paging, the interplay of instance
 * profiles with DeleteRole, and that a failed call changes nothing.
 *
 * Tests whose names start with "[needs ...]" also use operations of other slices (users, groups,
 * customer and AWS managed policies, attachments, service-linked roles).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand,
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachRolePolicyCommand,
  AttachUserPolicyCommand,
  CreateAccountAliasCommand,
  CreateGroupCommand,
  CreateInstanceProfileCommand,
  CreatePolicyCommand,
  CreatePolicyVersionCommand,
  CreateRoleCommand,
  CreateServiceLinkedRoleCommand,
  CreateUserCommand,
  DeleteAccountAliasCommand,
  DeleteInstanceProfileCommand,
  DeleteRoleCommand,
  DetachRolePolicyCommand,
  GetAccountAuthorizationDetailsCommand,
  GetAccountSummaryCommand,
  GetInstanceProfileCommand,
  GetRoleCommand,
  ListAccountAliasesCommand,
  ListInstanceProfilesCommand,
  ListInstanceProfilesForRoleCommand,
  ListInstanceProfileTagsCommand,
  PutGroupPolicyCommand,
  PutRolePolicyCommand,
  PutUserPermissionsBoundaryCommand,
  PutUserPolicyCommand,
  RemoveRoleFromInstanceProfileCommand,
  TagInstanceProfileCommand,
  TagRoleCommand,
  TagUserCommand,
  UntagInstanceProfileCommand,
  UpdateAssumeRolePolicyCommand,
  type CreateRoleCommandInput,
  type EntityType,
  type GetAccountAuthorizationDetailsCommandOutput,
  type InstanceProfile,
  type Role,
  type Tag,
} from '@aws-sdk/client-iam';
import { expectError, validationMessage, type ExpectedError } from '../helpers/errors.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';

const OTHER_TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }],
});
const PERMISSIONS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }],
});
const NAME_PATTERN = '[\\w+=,.@-]+';
const ALIAS_PATTERN = '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$';
/** The model's summaryKeyType enum: GetAccountSummary answers every one of these keys. */
const SUMMARY_KEYS = [
  'Users', 'UsersQuota', 'Groups', 'GroupsQuota', 'ServerCertificates', 'ServerCertificatesQuota', 'UserPolicySizeQuota',
  'GroupPolicySizeQuota', 'GroupsPerUserQuota', 'SigningCertificatesPerUserQuota', 'AccessKeysPerUserQuota', 'MFADevices',
  'MFADevicesInUse', 'AccountMFAEnabled', 'AccountAccessKeysPresent', 'AccountPasswordPresent', 'AccountSigningCertificatesPresent',
  'AttachedPoliciesPerGroupQuota', 'AttachedPoliciesPerRoleQuota', 'AttachedPoliciesPerUserQuota', 'Policies', 'PoliciesQuota',
  'PolicySizeQuota', 'PolicyVersionsInUse', 'PolicyVersionsInUseQuota', 'VersionsPerPolicyQuota', 'GlobalEndpointTokenVersion',
  'AssumeRolePolicySizeQuota', 'InstanceProfiles', 'InstanceProfilesQuota', 'Providers', 'RolePolicySizeQuota', 'Roles', 'RolesQuota',
];
/** The quotas as a real account reported them in February 2026 (LocalStack's AWS-validated snapshot). */
const QUOTAS: Record<string, number> = {
  AccessKeysPerUserQuota: 2, AssumeRolePolicySizeQuota: 2048, AttachedPoliciesPerGroupQuota: 10, AttachedPoliciesPerRoleQuota: 10,
  AttachedPoliciesPerUserQuota: 10, GroupPolicySizeQuota: 5120, GroupsPerUserQuota: 10, GroupsQuota: 300, InstanceProfilesQuota: 1000,
  PoliciesQuota: 1500, PolicySizeQuota: 6144, PolicyVersionsInUseQuota: 10000, RolePolicySizeQuota: 10240, RolesQuota: 1000,
  ServerCertificatesQuota: 20, SigningCertificatesPerUserQuota: 2, UserPolicySizeQuota: 2048, UsersQuota: 5000, VersionsPerPolicyQuota: 5,
};

const noSuchProfile = (name: string): ExpectedError => ({
  name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Instance Profile ${name} cannot be found.`,
});
const noSuchRole = (name: string): ExpectedError => ({
  name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `The role with name ${name} cannot be found.`,
});
const protectedRole = (name: string): ExpectedError => ({
  name: 'UnmodifiableEntityException', code: 'UnmodifiableEntity', status: 400,
  message: `Cannot perform the operation on the protected role '${name}' - this role is only modifiable by AWS`,
});
const ROLE_IN_PROFILE_CONFLICT: ExpectedError = {
  name: 'DeleteConflictException', code: 'DeleteConflict', status: 409,
  message: 'Cannot delete entity, must remove roles from instance profile first.',
};
const ONE_ROLE_PER_PROFILE: ExpectedError = {
  name: 'LimitExceededException', code: 'LimitExceeded', status: 409,
  message: 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1',
};

describe('IAM instance profiles, trust policies and account operations through @aws-sdk/client-iam', () => {
  let kiln: TestKiln;
  let counter = 0;
  const run = Date.now().toString(36);
  /** A name no other test uses. */
  const unique = (stem: string) => `${stem}-${run}-${++counter}`;

  const createRole = async (input: Partial<CreateRoleCommandInput> & { RoleName: string }): Promise<Role> =>
    (await kiln.iam.send(new CreateRoleCommand({ AssumeRolePolicyDocument: TRUST_POLICY, ...input }))).Role!;
  const getRole = async (RoleName: string): Promise<Role> => (await kiln.iam.send(new GetRoleCommand({ RoleName }))).Role!;
  const createProfile = async (InstanceProfileName: string, more: { Path?: string; Tags?: Tag[] } = {}): Promise<InstanceProfile> =>
    (await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName, ...more }))).InstanceProfile!;
  const getProfile = async (InstanceProfileName: string): Promise<InstanceProfile> =>
    (await kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName }))).InstanceProfile!;
  const addRole = (InstanceProfileName: string, RoleName: string) =>
    kiln.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName, RoleName }));
  const removeRole = (InstanceProfileName: string, RoleName: string) =>
    kiln.iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName, RoleName }));
  const profilesForRole = async (RoleName: string, MaxItems?: number): Promise<{ names: string[]; pages: number }> => {
    const names: string[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await kiln.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName, Marker, MaxItems }));
      pages++;
      names.push(...page.InstanceProfiles!.map((p) => p.InstanceProfileName!));
      Marker = page.IsTruncated ? page.Marker : undefined;
      if (page.IsTruncated) assert.ok(page.Marker, 'a truncated page carries a Marker');
    } while (Marker);
    return { names, pages };
  };
  const allProfiles = async (PathPrefix?: string, MaxItems?: number): Promise<{ profiles: InstanceProfile[]; pages: number }> => {
    const profiles: InstanceProfile[] = [];
    let Marker: string | undefined;
    let pages = 0;
    do {
      const page = await kiln.iam.send(new ListInstanceProfilesCommand({ PathPrefix, Marker, MaxItems }));
      pages++;
      profiles.push(...page.InstanceProfiles!);
      Marker = page.IsTruncated ? page.Marker : undefined;
      if (page.IsTruncated) assert.ok(page.Marker, 'a truncated page carries a Marker');
    } while (Marker);
    return { profiles, pages };
  };
  const allTags = async (InstanceProfileName: string, MaxItems?: number): Promise<Tag[]> => {
    const tags: Tag[] = [];
    let Marker: string | undefined;
    do {
      const page = await kiln.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName, Marker, MaxItems }));
      tags.push(...page.Tags!);
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return tags;
  };
  const summary = async (): Promise<Record<string, number>> =>
    (await kiln.iam.send(new GetAccountSummaryCommand({}))).SummaryMap as Record<string, number>;
  /** Every page of GetAccountAuthorizationDetails, concatenated. */
  const authorizationDetails = async (Filter?: EntityType[], MaxItems?: number) => {
    const result = { users: [] as any[], groups: [] as any[], roles: [] as any[], policies: [] as any[], pages: [] as GetAccountAuthorizationDetailsCommandOutput[] };
    let Marker: string | undefined;
    for (let i = 0; i < 10_000; i++) {
      const page = await kiln.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter, MaxItems, Marker }));
      result.pages.push(page);
      result.users.push(...(page.UserDetailList ?? []));
      result.groups.push(...(page.GroupDetailList ?? []));
      result.roles.push(...(page.RoleDetailList ?? []));
      result.policies.push(...(page.Policies ?? []));
      if (!page.IsTruncated) return result;
      assert.ok(page.Marker, 'a truncated page carries a Marker');
      Marker = page.Marker;
    }
    assert.fail('GetAccountAuthorizationDetails never stopped paging');
  };
  /** The Image Builder service-linked role, created once (CreateServiceLinkedRole is another slice's). */
  let slrName: Promise<string> | undefined;
  const serviceLinkedRole = () => {
    slrName ??= kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'imagebuilder.amazonaws.com' })).then((out) => out.Role!.RoleName!);
    return slrName;
  };

  before(async () => {
    kiln = await startTestKiln();
  });
  after(async () => {
    await kiln.close();
  });

  describe('UpdateAssumeRolePolicy', () => {
    it('replaces the trust policy and answers 200 with no result', async () => {
      const name = unique('Trust');
      await createRole({ RoleName: name, Description: 'kept' });
      const out = await kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name.toLowerCase(), PolicyDocument: OTHER_TRUST_POLICY }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const role = await getRole(name);
      assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), OTHER_TRUST_POLICY);
      assert.equal(role.Description, 'kept', 'nothing else changes');
    });

    it('answers 404 NoSuchEntity for a missing role', async () => {
      await expectError(kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'NoSuchTrustRole', PolicyDocument: TRUST_POLICY })), noSuchRole('NoSuchTrustRole'));
    });

    it('refuses a document that is not JSON, or that names a Resource: 400 MalformedPolicyDocument, role unchanged', async () => {
      const name = unique('BadTrust');
      await createRole({ RoleName: name });
      const cases: Array<[string, string]> = [
        ['not valid json', 'This policy contains invalid Json'],
        ['{"Version": "2012-10-17", ', 'This policy contains invalid Json'],
        [JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: 'arn:aws:s3:::example_bucket' }] }), 'Has prohibited field Resource'],
      ];
      for (const [document, message] of cases) {
        await expectError(kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: document })), {
          name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400, message,
        });
      }
      assert.equal(decodeURIComponent((await getRole(name)).AssumeRolePolicyDocument!), TRUST_POLICY);
    });

    // Recorded against AWS (LocalStack snapshot test_update_assume_role_policy_errors).
    it('refuses a trust policy whose action is not an STS AssumeRole action: 400 MalformedPolicyDocument', async () => {
      const name = unique('BadAction');
      await createRole({ RoleName: name });
      const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:InvalidAction' }] });
      await expectError(kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: document })), {
        name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400,
        message: 'AssumeRole policy may only specify STS AssumeRole actions.',
      });
      assert.equal(decodeURIComponent((await getRole(name)).AssumeRolePolicyDocument!), TRUST_POLICY);
    });

    it('rejects a missing PolicyDocument as null', async () => {
      await expectError(kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: 'Whatever' } as any)), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value null at 'policyDocument' failed to satisfy constraint: Member must not be null"),
      });
    });

    it('[needs CreateServiceLinkedRole] refuses a service-linked role: 400 UnmodifiableEntity, trust policy unchanged', async () => {
      const name = await serviceLinkedRole();
      const before = (await getRole(name)).AssumeRolePolicyDocument;
      await expectError(kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: TRUST_POLICY })), protectedRole(name));
      assert.equal((await getRole(name)).AssumeRolePolicyDocument, before);
    });
  });

  describe('CreateInstanceProfile and GetInstanceProfile', () => {
    it('creates a profile with defaults: path /, AIPA id, no roles, no Tags member', async () => {
      const name = unique('Profile');
      const out = await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const profile = out.InstanceProfile!;
      assert.equal(profile.InstanceProfileName, name);
      assert.equal(profile.Path, '/');
      assert.equal(profile.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/${name}`);
      assert.match(profile.InstanceProfileId!, /^AIPA[A-Z0-9]{17}$/);
      assert.ok(profile.CreateDate instanceof Date && Math.abs(profile.CreateDate.getTime() - Date.now()) < 60_000);
      assert.deepEqual(profile.Roles, []);
      assert.equal(profile.Tags, undefined, 'CreateInstanceProfile without tags has no Tags member');
    });

    it('keeps the path and the tags; GetInstanceProfile shows them, by any letter case of the name', async () => {
      const name = unique('PathProfile');
      const tags = [{ Key: 'team', Value: 'builders' }, { Key: 'env', Value: '' }];
      const created = await createProfile(name, { Path: '/app/team/', Tags: tags });
      assert.equal(created.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/app/team/${name}`);
      assert.deepEqual(created.Tags, tags);
      const profile = await getProfile(name.toUpperCase());
      assert.equal(profile.InstanceProfileName, name);
      assert.equal(profile.InstanceProfileId, created.InstanceProfileId);
      assert.equal(profile.Path, '/app/team/');
      assert.equal(profile.CreateDate?.getTime(), created.CreateDate?.getTime());
      assert.deepEqual(profile.Tags, tags);
    });

    it('GetInstanceProfile sends an empty Tags list when the profile has none', async () => {
      const name = unique('Untagged');
      await createProfile(name);
      assert.deepEqual((await getProfile(name)).Tags, []);
    });

    it('refuses a second profile whose name differs only in letter case: 409 EntityAlreadyExists, first untouched', async () => {
      const name = unique('CaseProfile');
      const first = await createProfile(name);
      for (const other of [name, name.toLowerCase(), name.toUpperCase()]) {
        await expectError(kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: other, Path: '/other/', Tags: [{ Key: 'k', Value: 'v' }] })), {
          name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `Instance Profile ${other} already exists.`,
        });
      }
      const profile = await getProfile(name);
      assert.equal(profile.InstanceProfileId, first.InstanceProfileId);
      assert.equal(profile.Path, '/');
      assert.deepEqual(profile.Tags, []);
    });

    it('20 concurrent creates of one name in different letter cases: exactly one wins', async () => {
      const stem = `concurrentprofile${run}`;
      const variants = Array.from({ length: 20 }, (_, mask) => [...stem].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c)).join(''));
      assert.equal(new Set(variants).size, 20);
      const results = await Promise.allSettled(variants.map((n) => createProfile(n)));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.equal((result.reason as Error).name, 'EntityAlreadyExistsException');
      }
      const listed = (await allProfiles()).profiles.filter((p) => p.InstanceProfileName!.toLowerCase() === stem);
      assert.equal(listed.length, 1);
    });

    it('refuses tag keys that repeat regardless of case: 400 InvalidInput, and stores nothing', async () => {
      const name = unique('DupTagProfile');
      await expectError(kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      await expectError(kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })), noSuchProfile(name));
    });

    it('validates the name and the path against the model, and stores nothing', async () => {
      await expectError(kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'bad name' })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value 'bad name' at 'instanceProfileName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`),
      });
      const name = unique('BadPathProfile');
      await expectError(kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name, Path: 'no-slashes' })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"),
      });
      await expectError(kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })), noSuchProfile(name));
    });

    it('GetInstanceProfile answers 404 NoSuchEntity for a missing profile', async () => {
      await expectError(kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: 'nonexistent-profile' })), noSuchProfile('nonexistent-profile'));
    });

    it('shows the role inside with only Path, RoleName, RoleId, Arn, CreateDate and AssumeRolePolicyDocument', async () => {
      const profileName = unique('WithRole');
      const roleName = unique('Inside');
      const boundary = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('InsideBoundary'), PolicyDocument: PERMISSIONS }))).Policy!;
      const role = await createRole({
        RoleName: roleName, Description: 'has a description', MaxSessionDuration: 7200,
        PermissionsBoundary: boundary.Arn, Tags: [{ Key: 'a', Value: 'b' }],
      });
      await createProfile(profileName);
      await addRole(profileName, roleName);
      const profile = await getProfile(profileName);
      assert.equal(profile.Roles!.length, 1);
      const inside = profile.Roles![0];
      assert.deepEqual(Object.keys(inside).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
      assert.equal(inside.RoleName, roleName);
      assert.equal(inside.RoleId, role.RoleId);
      assert.equal(inside.Arn, role.Arn);
      assert.equal(inside.CreateDate?.getTime(), role.CreateDate?.getTime());
      assert.equal(decodeURIComponent(inside.AssumeRolePolicyDocument!), TRUST_POLICY);
    });
  });

  describe('DeleteInstanceProfile', () => {
    it('deletes a profile; afterwards Get and Delete answer 404', async () => {
      const name = unique('Doomed');
      await createProfile(name, { Tags: [{ Key: 'k', Value: 'v' }] });
      const out = await kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name.toLowerCase() }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: name })), noSuchProfile(name));
      await expectError(kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: name })), noSuchProfile(name));
      // The name is free again.
      assert.equal((await createProfile(name)).InstanceProfileName, name);
    });

    it('refuses while the profile holds a role: 409 DeleteConflict, profile and role untouched', async () => {
      const profileName = unique('Holding');
      const roleName = unique('Held');
      await createRole({ RoleName: roleName });
      await createProfile(profileName);
      await addRole(profileName, roleName);
      await expectError(kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: profileName })), ROLE_IN_PROFILE_CONFLICT);
      assert.deepEqual((await getProfile(profileName)).Roles!.map((r) => r.RoleName), [roleName]);
      assert.deepEqual((await profilesForRole(roleName)).names, [profileName]);
      await removeRole(profileName, roleName);
      await kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: profileName }));
      await expectError(kiln.iam.send(new GetInstanceProfileCommand({ InstanceProfileName: profileName })), noSuchProfile(profileName));
      assert.deepEqual((await profilesForRole(roleName)).names, []);
    });
  });

  describe('AddRoleToInstanceProfile and RemoveRoleFromInstanceProfile', () => {
    it('adds and removes a role; both sides see it, and DeleteRole waits until the role is out of every profile', async () => {
      const roleName = unique('Worker');
      const first = unique('ProfileA');
      const second = unique('ProfileB');
      await createRole({ RoleName: roleName });
      await createProfile(first);
      await createProfile(second);
      assert.equal((await addRole(first.toLowerCase(), roleName.toUpperCase())).$metadata.httpStatusCode, 200);
      await addRole(second, roleName);
      assert.deepEqual((await getProfile(first)).Roles!.map((r) => r.RoleName), [roleName], 'the role keeps its own spelling');
      assert.deepEqual((await profilesForRole(roleName)).names.sort(), [first, second].sort());

      await expectError(kiln.iam.send(new DeleteRoleCommand({ RoleName: roleName })), ROLE_IN_PROFILE_CONFLICT);
      assert.equal((await removeRole(first, roleName)).$metadata.httpStatusCode, 200);
      assert.deepEqual((await getProfile(first)).Roles, []);
      await expectError(kiln.iam.send(new DeleteRoleCommand({ RoleName: roleName })), ROLE_IN_PROFILE_CONFLICT);
      await removeRole(second.toUpperCase(), roleName.toLowerCase());
      assert.deepEqual((await profilesForRole(roleName)).names, []);
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: roleName })), noSuchRole(roleName));
      assert.deepEqual((await getProfile(second)).Roles, []);
    });

    it('a profile holds one role: a second role, or the same role again, is 409 LimitExceeded and changes nothing', async () => {
      const profileName = unique('OneRole');
      const firstRole = unique('First');
      const secondRole = unique('Second');
      await createRole({ RoleName: firstRole });
      await createRole({ RoleName: secondRole });
      await createProfile(profileName);
      await addRole(profileName, firstRole);
      await expectError(addRole(profileName, secondRole), ONE_ROLE_PER_PROFILE);
      await expectError(addRole(profileName, firstRole), ONE_ROLE_PER_PROFILE);
      assert.deepEqual((await getProfile(profileName)).Roles!.map((r) => r.RoleName), [firstRole]);
      assert.deepEqual((await profilesForRole(firstRole)).names, [profileName]);
      assert.deepEqual((await profilesForRole(secondRole)).names, []);
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: secondRole }));
    });

    it('10 different roles added to one profile at once: exactly one gets in', async () => {
      const profileName = unique('Race');
      const roles = Array.from({ length: 10 }, (_, i) => unique(`Racer${i}`));
      for (const roleName of roles) await createRole({ RoleName: roleName });
      await createProfile(profileName);
      const results = await Promise.allSettled(roles.map((roleName) => addRole(profileName, roleName)));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.equal((result.reason as Error).message, ONE_ROLE_PER_PROFILE.message);
      }
      const inside = (await getProfile(profileName)).Roles!.map((r) => r.RoleName!);
      assert.equal(inside.length, 1);
      for (const roleName of roles) {
        assert.deepEqual((await profilesForRole(roleName)).names, roleName === inside[0] ? [profileName] : []);
      }
    });

    it('answers 404 for a missing profile (looked up first) or a missing role', async () => {
      const profileName = unique('Lookup');
      const roleName = unique('Looked');
      await createRole({ RoleName: roleName });
      await createProfile(profileName);
      await expectError(addRole('nonexistent-profile', roleName), noSuchProfile('nonexistent-profile'));
      await expectError(addRole('nonexistent-profile', 'nonexistent-role'), noSuchProfile('nonexistent-profile'));
      await expectError(addRole(profileName, 'nonexistent-role'), noSuchRole('nonexistent-role'));
      await expectError(removeRole('nonexistent-profile', roleName), noSuchProfile('nonexistent-profile'));
      await expectError(removeRole(profileName, 'nonexistent-role'), noSuchRole('nonexistent-role'));
      assert.deepEqual((await getProfile(profileName)).Roles, []);
      assert.deepEqual((await profilesForRole(roleName)).names, []);
    });

    it('removing a role the profile does not hold: 404 NoSuchEntity "Role R in Instance Profile P cannot be found."', async () => {
      const profileName = unique('NotHeld');
      const heldRole = unique('Holder');
      const otherRole = unique('Outsider');
      await createRole({ RoleName: heldRole });
      await createRole({ RoleName: otherRole });
      await createProfile(profileName);
      await expectError(removeRole(profileName, otherRole), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: `Role ${otherRole} in Instance Profile ${profileName} cannot be found.`,
      });
      await addRole(profileName, heldRole);
      await expectError(removeRole(profileName, otherRole), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: `Role ${otherRole} in Instance Profile ${profileName} cannot be found.`,
      });
      assert.deepEqual((await getProfile(profileName)).Roles!.map((r) => r.RoleName), [heldRole]);
      assert.deepEqual((await profilesForRole(heldRole)).names, [profileName]);
    });

    it('validates both names before looking anything up', async () => {
      await expectError(addRole('bad name', 'also bad'), { name: 'ValidationError', code: 'ValidationError', status: 400 });
      await expectError(removeRole('ok', 'no/slash'), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value 'no/slash' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${NAME_PATTERN}`),
      });
    });

    it('[needs CreateServiceLinkedRole] refuses a service-linked role: 400 UnmodifiableEntity, nothing changes', async () => {
      const name = await serviceLinkedRole();
      const profileName = unique('ForSlr');
      await createProfile(profileName);
      await expectError(addRole(profileName, name), protectedRole(name));
      await expectError(removeRole(profileName, name), protectedRole(name));
      assert.deepEqual((await getProfile(profileName)).Roles, []);
      assert.deepEqual((await profilesForRole(name)).names, []);
    });
  });

  describe('ListInstanceProfiles and ListInstanceProfilesForRole', () => {
    it('lists by path prefix, pages with MaxItems, and leaves out tags', async () => {
      const path = `/list-${run}/`;
      const names = Array.from({ length: 5 }, (_, i) => unique(`Listed${i}`));
      const roleName = unique('ListedRole');
      await createRole({ RoleName: roleName, Description: 'not shown in profiles' });
      for (const name of names) await createProfile(name, { Path: path, Tags: [{ Key: 'k', Value: 'v' }] });
      await createProfile(unique('Elsewhere'), { Path: `/elsewhere-${run}/` });
      await addRole(names[2], roleName);

      const all = await allProfiles(path);
      assert.equal(all.pages, 1);
      assert.deepEqual(all.profiles.map((p) => p.InstanceProfileName).sort(), [...names].sort());
      for (const profile of all.profiles) {
        assert.equal(profile.Tags, undefined, 'list operations leave out tags');
        assert.equal(profile.Path, path);
      }
      const withRole = all.profiles.find((p) => p.InstanceProfileName === names[2])!;
      assert.deepEqual(withRole.Roles!.map((r) => r.RoleName), [roleName]);
      assert.deepEqual(Object.keys(withRole.Roles![0]).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);

      const paged = await allProfiles(path, 2);
      assert.equal(paged.pages, 3);
      assert.deepEqual(paged.profiles.map((p) => p.InstanceProfileName), all.profiles.map((p) => p.InstanceProfileName));

      assert.deepEqual((await allProfiles(`/nothing-here-${run}/`)).profiles, []);
      const everything = (await allProfiles()).profiles.map((p) => p.InstanceProfileName);
      for (const name of names) assert.ok(everything.includes(name));
    });

    it('ListInstanceProfilesForRole pages through the profiles of a role', async () => {
      const roleName = unique('Popular');
      const names = Array.from({ length: 3 }, (_, i) => unique(`Holds${i}`));
      await createRole({ RoleName: roleName });
      for (const name of names) {
        await createProfile(name);
        await addRole(name, roleName);
      }
      const out = await kiln.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName }));
      assert.equal(out.IsTruncated, false);
      assert.equal(out.Marker, undefined);
      assert.deepEqual(out.InstanceProfiles!.map((p) => p.InstanceProfileName).sort(), [...names].sort());
      for (const profile of out.InstanceProfiles!) {
        assert.equal(profile.Tags, undefined);
        assert.deepEqual(profile.Roles!.map((r) => r.RoleName), [roleName]);
      }
      const paged = await profilesForRole(roleName, 2);
      assert.equal(paged.pages, 2);
      assert.deepEqual(paged.names, out.InstanceProfiles!.map((p) => p.InstanceProfileName));
    });

    it('ListInstanceProfilesForRole: an empty list for a role in no profile, 404 for a missing role', async () => {
      const roleName = unique('Lonely');
      await createRole({ RoleName: roleName });
      const out = await kiln.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: roleName }));
      assert.deepEqual(out.InstanceProfiles, []);
      assert.equal(out.IsTruncated, false);
      await expectError(kiln.iam.send(new ListInstanceProfilesForRoleCommand({ RoleName: 'nonexistent-role' })), noSuchRole('nonexistent-role'));
    });
  });

  describe('TagInstanceProfile, UntagInstanceProfile and ListInstanceProfileTags', () => {
    it('adds, overwrites (keys ignore case), lists, pages and removes tags', async () => {
      const name = unique('Tagged');
      await createProfile(name);
      assert.deepEqual(await allTags(name), []);
      const out = await kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'MyKey', Value: 'myValue' }] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await allTags(name), [{ Key: 'MyKey', Value: 'myValue' }]);
      await kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name.toLowerCase(), Tags: [{ Key: 'MyKey2', Value: 'myValue2' }, { Key: 'mykey', Value: 'replaced' }] }));
      assert.deepEqual(await allTags(name), [{ Key: 'MyKey2', Value: 'myValue2' }, { Key: 'mykey', Value: 'replaced' }]);
      assert.deepEqual((await getProfile(name)).Tags, [{ Key: 'MyKey2', Value: 'myValue2' }, { Key: 'mykey', Value: 'replaced' }]);

      const first = await kiln.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: name, MaxItems: 1 }));
      assert.equal(first.IsTruncated, true);
      assert.deepEqual(first.Tags, [{ Key: 'MyKey2', Value: 'myValue2' }]);
      const second = await kiln.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: name, MaxItems: 1, Marker: first.Marker }));
      assert.equal(second.IsTruncated, false);
      assert.deepEqual(second.Tags, [{ Key: 'mykey', Value: 'replaced' }]);

      const untag = await kiln.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: name, TagKeys: ['MYKEY', 'absent'] }));
      assert.equal(untag.$metadata.httpStatusCode, 200);
      assert.deepEqual(await allTags(name), [{ Key: 'MyKey2', Value: 'myValue2' }]);
      await kiln.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: name, TagKeys: ['MyKey2'] }));
      assert.deepEqual(await allTags(name), []);
    });

    it('answers 404 NoSuchEntity on a missing profile for all three', async () => {
      await expectError(kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: 'nonexistent-profile', Tags: [{ Key: 'k', Value: 'v' }] })), noSuchProfile('nonexistent-profile'));
      await expectError(kiln.iam.send(new UntagInstanceProfileCommand({ InstanceProfileName: 'nonexistent-profile', TagKeys: ['k'] })), noSuchProfile('nonexistent-profile'));
      await expectError(kiln.iam.send(new ListInstanceProfileTagsCommand({ InstanceProfileName: 'nonexistent-profile' })), noSuchProfile('nonexistent-profile'));
    });

    it('refuses a 51st tag (409 LimitExceeded) and repeated keys (400 InvalidInput), keeping the tags as they were', async () => {
      const name = unique('Full');
      const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
      await createProfile(name, { Tags: tags });
      assert.deepEqual(await allTags(name, 7), tags);
      await expectError(kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'one-more', Value: 'x' }] })), {
        name: 'LimitExceededException', code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for TagsPerInstanceProfile: 50.',
      });
      // Overwriting an existing key stays within the quota.
      await kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'K0', Value: 'new' }] }));
      assert.equal((await allTags(name)).length, 50);
      await expectError(kiln.iam.send(new TagInstanceProfileCommand({ InstanceProfileName: name, Tags: [{ Key: 'Dup', Value: 'a' }, { Key: 'dup', Value: 'b' }] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      const after = await allTags(name);
      assert.equal(after.length, 50);
      assert.ok(!after.some((t) => t.Key!.toLowerCase() === 'dup'));
    });
  });

  describe('Account aliases', () => {
    it('creates, replaces, refuses a taken alias, deletes only the current one', async () => {
      const list = async () => {
        const out = await kiln.iam.send(new ListAccountAliasesCommand({}));
        assert.equal(out.IsTruncated, false);
        return out.AccountAliases;
      };
      assert.deepEqual(await list(), []);
      await expectError(kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'no-alias-yet' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The account alias no-alias-yet cannot be found.',
      });

      const out = await kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'kiln-first' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await list(), ['kiln-first']);
      const one = await kiln.iam.send(new ListAccountAliasesCommand({ MaxItems: 1 }));
      assert.deepEqual(one.AccountAliases, ['kiln-first']);
      assert.equal(one.IsTruncated, false);

      // An account has one alias: a new one replaces it.
      await kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'kiln-second' }));
      assert.deepEqual(await list(), ['kiln-second']);

      await expectError(kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'kiln-second' })), {
        name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: 'The account alias kiln-second already exists.',
      });
      await expectError(kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'kiln-first' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The account alias kiln-first cannot be found.',
      });
      assert.deepEqual(await list(), ['kiln-second']);

      assert.equal((await kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'kiln-second' }))).$metadata.httpStatusCode, 200);
      assert.deepEqual(await list(), []);
      // The old alias is free again.
      await kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: 'kiln-first' }));
      assert.deepEqual(await list(), ['kiln-first']);
      await kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'kiln-first' }));
    });

    it('validates the alias: lower-case letters, digits, single hyphens inside, 3 to 63 characters', async () => {
      for (const alias of ['Upper-Case', 'two--hyphens', '-leading', 'trailing-', 'under_score']) {
        await expectError(kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: alias })), {
          name: 'ValidationError', code: 'ValidationError', status: 400,
          message: validationMessage(`Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ALIAS_PATTERN}`),
        });
      }
      const long = 'a'.repeat(64);
      const error = await expectError(kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: long })), { name: 'ValidationError', code: 'ValidationError', status: 400 });
      assert.ok(error.message.includes('Member must have length less than or equal to 63'), error.message);
      await expectError(kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: 'Bad' })), { name: 'ValidationError', code: 'ValidationError', status: 400 });
      assert.deepEqual((await kiln.iam.send(new ListAccountAliasesCommand({}))).AccountAliases, []);
      const longest = `a${'-b'.repeat(30)}cd`;
      assert.equal(longest.length, 63);
      await kiln.iam.send(new CreateAccountAliasCommand({ AccountAlias: longest }));
      assert.deepEqual((await kiln.iam.send(new ListAccountAliasesCommand({}))).AccountAliases, [longest]);
      await kiln.iam.send(new DeleteAccountAliasCommand({ AccountAlias: longest }));
    });
  });

  describe('GetAccountSummary', () => {
    it('answers every key of the model with the real quotas', async () => {
      const map = await summary();
      assert.deepEqual(Object.keys(map).sort(), [...SUMMARY_KEYS].sort());
      for (const [key, value] of Object.entries(QUOTAS)) assert.equal(map[key], value, key);
      for (const key of ['ServerCertificates', 'MFADevices', 'MFADevicesInUse', 'Providers', 'AccountMFAEnabled', 'AccountPasswordPresent', 'AccountSigningCertificatesPresent']) {
        assert.equal(map[key], 0, key);
      }
      assert.equal(map.AccountAccessKeysPresent, 1);
      assert.equal(map.GlobalEndpointTokenVersion, 1);
      for (const value of Object.values(map)) assert.ok(Number.isInteger(value));
    });

    it('counts roles and instance profiles as they come and go', async () => {
      const before = await summary();
      const roleName = unique('Counted');
      const profileName = unique('CountedProfile');
      await createRole({ RoleName: roleName });
      await createProfile(profileName);
      const during = await summary();
      assert.equal(during.Roles, before.Roles + 1);
      assert.equal(during.InstanceProfiles, before.InstanceProfiles + 1);
      await kiln.iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: profileName }));
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: roleName }));
      const afterwards = await summary();
      assert.equal(afterwards.Roles, before.Roles);
      assert.equal(afterwards.InstanceProfiles, before.InstanceProfiles);
    });

    it('[needs CreateUser, CreateGroup, CreatePolicy, AttachRolePolicy, DetachRolePolicy] counts users, groups, policies and attachments', async () => {
      const before = await summary();
      const roleName = unique('Attached');
      await createRole({ RoleName: roleName });
      await kiln.iam.send(new CreateUserCommand({ UserName: unique('CountedUser') }));
      await kiln.iam.send(new CreateGroupCommand({ GroupName: unique('CountedGroup') }));
      const policy = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('CountedPolicy'), PolicyDocument: PERMISSIONS }))).Policy!;
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));
      const during = await summary();
      assert.equal(during.Users, before.Users + 1);
      assert.equal(during.Groups, before.Groups + 1);
      assert.equal(during.Policies, before.Policies + 1);
      assert.equal(during.PolicyVersionsInUse, before.PolicyVersionsInUse + 1);
      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));
      assert.equal((await summary()).PolicyVersionsInUse, before.PolicyVersionsInUse);
    });
  });

  describe('GetAccountAuthorizationDetails', () => {
    it('Filter=Role: roles with instance profiles, inline and attached policy lists, tags and RoleLastUsed; the other lists empty', async () => {
      const roleName = unique('Detailed');
      const profileName = unique('DetailedProfile');
      const role = await createRole({ RoleName: roleName, Path: '/my-path/', Description: 'testing role' });
      await kiln.iam.send(new TagRoleCommand({ RoleName: roleName, Tags: [{ Key: 'somekey', Value: 'somevalue' }] }));
      await createProfile(profileName, { Tags: [{ Key: 'not', Value: 'shown' }] });
      await addRole(profileName, roleName);

      const out = await kiln.iam.send(new GetAccountAuthorizationDetailsCommand({ Filter: ['Role'] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.IsTruncated, false);
      assert.equal(out.Marker, undefined);
      assert.deepEqual(out.UserDetailList, []);
      assert.deepEqual(out.GroupDetailList, []);
      assert.deepEqual(out.Policies, []);
      const detail = out.RoleDetailList!.find((r) => r.RoleName === roleName)!;
      assert.ok(detail, 'the role is listed');
      assert.deepEqual(Object.keys(detail).sort(), [
        'Arn', 'AssumeRolePolicyDocument', 'AttachedManagedPolicies', 'CreateDate', 'InstanceProfileList', 'Path', 'RoleId',
        'RoleLastUsed', 'RoleName', 'RolePolicyList', 'Tags',
      ]);
      assert.equal(detail.Arn, role.Arn);
      assert.equal(detail.RoleId, role.RoleId);
      assert.equal(detail.Path, '/my-path/');
      assert.equal(decodeURIComponent(detail.AssumeRolePolicyDocument!), TRUST_POLICY);
      assert.deepEqual(detail.AttachedManagedPolicies, []);
      assert.deepEqual(detail.RolePolicyList, []);
      assert.deepEqual(detail.Tags, [{ Key: 'somekey', Value: 'somevalue' }]);
      assert.deepEqual(detail.RoleLastUsed, {});
      assert.equal(detail.InstanceProfileList!.length, 1);
      const profile = detail.InstanceProfileList![0];
      assert.equal(profile.InstanceProfileName, profileName);
      assert.equal(profile.Tags, undefined);
      assert.deepEqual(profile.Roles!.map((r) => r.RoleName), [roleName]);
      assert.deepEqual(Object.keys(profile.Roles![0]).sort(), ['Arn', 'AssumeRolePolicyDocument', 'CreateDate', 'Path', 'RoleId', 'RoleName']);
    });

    it('pages through everything with MaxItems: every entity once, in the same order as one big page', async () => {
      for (let i = 0; i < 5; i++) await createRole({ RoleName: unique('PagedDetail') });
      const whole = await authorizationDetails(undefined, 1000);
      assert.equal(whole.pages.length, 1);
      const paged = await authorizationDetails(undefined, 2);
      assert.ok(paged.pages.length > 2);
      for (const page of paged.pages) {
        const count = page.UserDetailList!.length + page.GroupDetailList!.length + page.RoleDetailList!.length + page.Policies!.length;
        assert.ok(count <= 2, 'a page holds at most MaxItems entities');
        if (page.IsTruncated) assert.doesNotMatch(page.Marker!, /Paged/, 'the marker is opaque');
      }
      const names = (r: { roles: any[]; users: any[]; groups: any[]; policies: any[] }) => [
        ...r.users.map((u) => u.UserName), ...r.groups.map((g) => g.GroupName), ...r.roles.map((x) => x.RoleName), ...r.policies.map((p) => p.Arn),
      ];
      assert.deepEqual(names(paged), names(whole));
      assert.equal(new Set(names(whole)).size, names(whole).length);
    });

    it('refuses a marker it did not issue: 400 InvalidInput', async () => {
      await expectError(kiln.iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: 'not-a-marker' })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'Invalid Marker.',
      });
    });

    it('[needs users, groups, inline and managed policies, attachments, boundaries] shows users, groups and policies with their relationships', async () => {
      const userName = unique('DetailUser');
      const groupName = unique('DetailGroup');
      const roleName = unique('DetailRole');
      const policyName = unique('DetailPolicy');
      await kiln.iam.send(new CreateUserCommand({ UserName: userName }));
      await kiln.iam.send(new CreateGroupCommand({ GroupName: groupName }));
      await createRole({ RoleName: roleName });
      const policy = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: policyName, PolicyDocument: PERMISSIONS, Description: 'for details' }))).Policy!;
      const v2 = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });
      await kiln.iam.send(new CreatePolicyVersionCommand({ PolicyArn: policy.Arn, PolicyDocument: v2, SetAsDefault: true }));
      await kiln.iam.send(new PutUserPolicyCommand({ UserName: userName, PolicyName: 'user-inline', PolicyDocument: PERMISSIONS }));
      await kiln.iam.send(new PutGroupPolicyCommand({ GroupName: groupName, PolicyName: 'group-inline', PolicyDocument: PERMISSIONS }));
      await kiln.iam.send(new PutRolePolicyCommand({ RoleName: roleName, PolicyName: 'role-inline', PolicyDocument: PERMISSIONS }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: userName, PolicyArn: policy.Arn }));
      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: groupName, PolicyArn: policy.Arn }));
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: policy.Arn }));
      await kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: userName, PermissionsBoundary: policy.Arn }));
      await kiln.iam.send(new AddUserToGroupCommand({ GroupName: groupName, UserName: userName }));
      await kiln.iam.send(new TagUserCommand({ UserName: userName, Tags: [{ Key: 'team', Value: 'platform' }] }));

      const all = await authorizationDetails();
      const user = all.users.find((u) => u.UserName === userName);
      assert.ok(user);
      assert.deepEqual(user.GroupList, [groupName]);
      assert.deepEqual(user.AttachedManagedPolicies, [{ PolicyName: policyName, PolicyArn: policy.Arn }]);
      assert.deepEqual(user.UserPolicyList.map((p: any) => [p.PolicyName, decodeURIComponent(p.PolicyDocument)]), [['user-inline', PERMISSIONS]]);
      assert.deepEqual(user.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: policy.Arn });
      assert.deepEqual(user.Tags, [{ Key: 'team', Value: 'platform' }]);

      const group = all.groups.find((g) => g.GroupName === groupName);
      assert.ok(group);
      assert.deepEqual(group.AttachedManagedPolicies, [{ PolicyName: policyName, PolicyArn: policy.Arn }]);
      assert.deepEqual(group.GroupPolicyList.map((p: any) => p.PolicyName), ['group-inline']);

      const role = all.roles.find((r) => r.RoleName === roleName);
      assert.deepEqual(role.RolePolicyList.map((p: any) => p.PolicyName), ['role-inline']);
      assert.deepEqual(role.AttachedManagedPolicies, [{ PolicyName: policyName, PolicyArn: policy.Arn }]);

      const detail = all.policies.find((p) => p.Arn === policy.Arn);
      assert.ok(detail);
      assert.equal(detail.PolicyName, policyName);
      assert.equal(detail.Description, 'for details');
      assert.equal(detail.DefaultVersionId, 'v2');
      assert.equal(detail.AttachmentCount, 3);
      assert.equal(detail.PermissionsBoundaryUsageCount, 1);
      assert.equal(detail.IsAttachable, true);
      assert.deepEqual(detail.PolicyVersionList.map((v: any) => [v.VersionId, v.IsDefaultVersion, decodeURIComponent(v.Document)]), [
        ['v2', true, v2], ['v1', false, PERMISSIONS],
      ]);

      const userOnly = await authorizationDetails(['User']);
      assert.ok(userOnly.users.some((u) => u.UserName === userName));
      assert.deepEqual([userOnly.groups, userOnly.roles, userOnly.policies], [[], [], []]);
      const local = await authorizationDetails(['LocalManagedPolicy']);
      assert.ok(local.policies.some((p) => p.Arn === policy.Arn));
      assert.ok(local.policies.every((p) => !p.Arn.startsWith('arn:aws:iam::aws:')));
    });

    it('[needs CreateUser and AWS managed policies] a user without inline policies has no UserPolicyList, and empty lists elsewhere', async () => {
      const userName = unique('PlainUser');
      await kiln.iam.send(new CreateUserCommand({ UserName: userName }));
      const user = (await authorizationDetails(['User'])).users.find((u) => u.UserName === userName);
      assert.deepEqual(Object.keys(user).sort(), ['AttachedManagedPolicies', 'Arn', 'CreateDate', 'GroupList', 'Path', 'Tags', 'UserId', 'UserName'].sort());
      assert.deepEqual(user.GroupList, []);
      assert.deepEqual(user.AttachedManagedPolicies, []);
      assert.deepEqual(user.Tags, []);
    });

    it('[needs AttachRolePolicy and AWS managed policy data] lists an AWS managed policy only while something uses it', async () => {
      const arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
      const roleName = unique('ReadOnly');
      await createRole({ RoleName: roleName });
      const before = await authorizationDetails(['AWSManagedPolicy']);
      assert.ok(!before.policies.some((p) => p.Arn === arn), 'an unused AWS managed policy is not listed');
      await kiln.iam.send(new AttachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
      const during = await authorizationDetails(['AWSManagedPolicy']);
      const detail = during.policies.find((p) => p.Arn === arn);
      assert.ok(detail, 'the attached AWS managed policy is listed');
      assert.equal(detail.PolicyName, 'ReadOnlyAccess');
      assert.equal(detail.AttachmentCount, 1);
      assert.equal(detail.IsAttachable, true);
      assert.equal(detail.PolicyVersionList.length, 1);
      assert.equal(detail.PolicyVersionList[0].IsDefaultVersion, true);
      assert.equal(detail.PolicyVersionList[0].VersionId, detail.DefaultVersionId);
      assert.deepEqual([during.users, during.groups, during.roles], [[], [], []]);
      const local = await authorizationDetails(['LocalManagedPolicy']);
      assert.ok(!local.policies.some((p) => p.Arn === arn), 'LocalManagedPolicy leaves AWS managed policies out');
      await kiln.iam.send(new DetachRolePolicyCommand({ RoleName: roleName, PolicyArn: arn }));
      assert.ok(!(await authorizationDetails(['AWSManagedPolicy'])).policies.some((p) => p.Arn === arn));
    });
  });
});
