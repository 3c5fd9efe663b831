/**
 * IAM users, groups and group membership end to end through @aws-sdk/client-iam: every
 * operation's success and error paths (exact code, HTTP status and message), paging, renames
 * that keep ids and carry memberships, keys and policies along, delete conflicts, and that a
 * failed call changes nothing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand,
  AttachGroupPolicyCommand,
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreatePolicyCommand,
  CreateGroupCommand,
  CreateUserCommand,
  DeleteAccessKeyCommand,
  DeleteGroupCommand,
  DeleteGroupPolicyCommand,
  DeleteUserCommand,
  DeleteUserPolicyCommand,
  DetachGroupPolicyCommand,
  DetachUserPolicyCommand,
  GetGroupCommand,
  GetPolicyCommand,
  GetUserCommand,
  GetUserPolicyCommand,
  ListAccessKeysCommand,
  ListEntitiesForPolicyCommand,
  ListGroupsCommand,
  ListGroupsForUserCommand,
  ListUserPoliciesCommand,
  ListUsersCommand,
  ListUserTagsCommand,
  PutGroupPolicyCommand,
  PutUserPolicyCommand,
  RemoveUserFromGroupCommand,
  TagUserCommand,
  UntagUserCommand,
  UpdateGroupCommand,
  UpdateUserCommand,
  type CreateUserCommandInput,
  type Group,
  type Tag,
  type User,
} from '@aws-sdk/client-iam';
import { expectError, type ExpectedError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { ACCOUNT } from '../helpers/fixtures.js';

/** Created in before(): a customer managed policy to use as a boundary and to attach. */
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/UserBoundary`;
const MANAGED = `arn:aws:iam::${ACCOUNT}:policy/UserManaged`;
const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] });

const noSuchUser = (name: string): ExpectedError => ({
  name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `The user with name ${name} cannot be found.`,
});
const noSuchGroup = (name: string): ExpectedError => ({
  name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `The group with name ${name} cannot be found.`,
});
const deleteConflict = (message: string): ExpectedError => ({ name: 'DeleteConflictException', code: 'DeleteConflict', status: 409, message });

describe('IAM users and groups through @aws-sdk/client-iam', () => {
  let kiln: TestKiln;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;

  const createUser = async (input: Partial<CreateUserCommandInput> & { UserName: string }): Promise<User> =>
    (await kiln.iam.send(new CreateUserCommand(input))).User!;
  const getUser = async (UserName: string): Promise<User> => (await kiln.iam.send(new GetUserCommand({ UserName }))).User!;
  const createGroup = async (GroupName: string, Path?: string): Promise<Group> =>
    (await kiln.iam.send(new CreateGroupCommand({ GroupName, Path }))).Group!;
  const addToGroup = (GroupName: string, UserName: string) => kiln.iam.send(new AddUserToGroupCommand({ GroupName, UserName }));

  /** Every page of a Marker/MaxItems listing, with the shape of each page. */
  async function pages<T>(fetch: (Marker?: string) => Promise<{ items?: T[]; IsTruncated?: boolean; Marker?: string }>) {
    const items: T[] = [];
    const shape: Array<{ count: number; truncated: boolean }> = [];
    let Marker: string | undefined;
    for (let i = 0; i < 200; i++) {
      const page = await fetch(Marker);
      items.push(...(page.items ?? []));
      shape.push({ count: page.items?.length ?? 0, truncated: page.IsTruncated ?? false });
      if (!page.IsTruncated) return { items, shape };
      assert.ok(page.Marker, 'a truncated page carries a Marker');
      Marker = page.Marker;
    }
    assert.fail('paging never stopped');
  }
  const allUsers = async (PathPrefix?: string, MaxItems?: number) => pages(async (Marker) => {
    const out = await kiln.iam.send(new ListUsersCommand({ PathPrefix, MaxItems, Marker }));
    return { items: out.Users, IsTruncated: out.IsTruncated, Marker: out.Marker };
  });
  const allGroups = async (PathPrefix?: string, MaxItems?: number) => pages(async (Marker) => {
    const out = await kiln.iam.send(new ListGroupsCommand({ PathPrefix, MaxItems, Marker }));
    return { items: out.Groups, IsTruncated: out.IsTruncated, Marker: out.Marker };
  });
  const groupMembers = async (GroupName: string, MaxItems?: number) => pages(async (Marker) => {
    const out = await kiln.iam.send(new GetGroupCommand({ GroupName, MaxItems, Marker }));
    return { items: out.Users, IsTruncated: out.IsTruncated, Marker: out.Marker };
  });
  const groupsOf = async (UserName: string, MaxItems?: number) => pages(async (Marker) => {
    const out = await kiln.iam.send(new ListGroupsForUserCommand({ UserName, MaxItems, Marker }));
    return { items: out.Groups, IsTruncated: out.IsTruncated, Marker: out.Marker };
  });
  const allTags = async (UserName: string, MaxItems?: number) => pages(async (Marker) => {
    const out = await kiln.iam.send(new ListUserTagsCommand({ UserName, MaxItems, Marker }));
    return { items: out.Tags, IsTruncated: out.IsTruncated, Marker: out.Marker };
  });

  /** Everything observable about a user, to show that a failed call changed nothing. */
  async function userState(UserName: string) {
    return {
      user: await getUser(UserName),
      groups: (await groupsOf(UserName)).items.map((g) => g.GroupName).sort(),
      policies: (await kiln.iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames,
      keys: (await kiln.iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata,
      tags: (await allTags(UserName)).items,
    };
  }
  async function groupState(GroupName: string) {
    const out = await kiln.iam.send(new GetGroupCommand({ GroupName }));
    return { group: out.Group, users: (out.Users ?? []).map((u) => u.UserName).sort() };
  }

  /** Who uses a managed policy: [attached users, boundary users, attached groups], names sorted. */
  async function policyUsers(PolicyArn: string) {
    const attached = await kiln.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn, PolicyUsageFilter: 'PermissionsPolicy' }));
    const bounded = await kiln.iam.send(new ListEntitiesForPolicyCommand({ PolicyArn, PolicyUsageFilter: 'PermissionsBoundary' }));
    return {
      users: (attached.PolicyUsers ?? []).map((u) => u.UserName).sort(),
      boundaryUsers: (bounded.PolicyUsers ?? []).map((u) => u.UserName).sort(),
      groups: (attached.PolicyGroups ?? []).map((g) => g.GroupName).sort(),
    };
  }

  before(async () => {
    kiln = await startTestKiln();
    for (const PolicyName of ['UserBoundary', 'UserManaged']) {
      await kiln.iam.send(new CreatePolicyCommand({ PolicyName, PolicyDocument: POLICY }));
    }
  });
  after(async () => {
    await kiln.close();
  });

  describe('CreateUser and GetUser', () => {
    it('creates a user with defaults', async () => {
      const name = unique('Plain');
      const out = await kiln.iam.send(new CreateUserCommand({ UserName: name }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const user = out.User!;
      assert.equal(user.UserName, name);
      assert.equal(user.Path, '/');
      assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user/${name}`);
      assert.match(user.UserId!, /^AIDA[A-Z0-9]{17}$/);
      assert.ok(user.CreateDate instanceof Date && Math.abs(user.CreateDate.getTime() - Date.now()) < 60_000);
      assert.equal(user.Tags, undefined);
      assert.equal(user.PermissionsBoundary, undefined);
      assert.deepEqual(await getUser(name), user);
    });

    it('keeps the path, tags and permissions boundary; GetUser shows them', async () => {
      const name = unique('Full');
      const boundary = BOUNDARY;
      const tags = [{ Key: 'team', Value: 'builders' }, { Key: 'env', Value: '' }];
      const created = await createUser({ UserName: name, Path: '/eng/build/', Tags: tags, PermissionsBoundary: boundary });
      assert.equal(created.Arn, `arn:aws:iam::${ACCOUNT}:user/eng/build/${name}`);
      assert.deepEqual(created.Tags, tags);
      const user = await getUser(name);
      assert.equal(user.UserId, created.UserId);
      assert.equal(user.Path, '/eng/build/');
      assert.deepEqual(user.Tags, tags);
      assert.deepEqual(user.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary });
    });

    it('refuses a name that differs only in letter case: 409 EntityAlreadyExists, the first user untouched', async () => {
      const name = unique('CaseUser');
      const first = await createUser({ UserName: name });
      for (const other of [name, name.toLowerCase(), name.toUpperCase()]) {
        await expectError(kiln.iam.send(new CreateUserCommand({ UserName: other, Path: '/other/' })), {
          name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `User with name ${other} already exists.`,
        });
      }
      assert.deepEqual(await getUser(name), first);
      assert.equal((await allUsers()).items.filter((u) => u.UserName!.toLowerCase() === name.toLowerCase()).length, 1);
    });

    it('20 concurrent creates of one name in different letter cases: exactly one wins', async () => {
      const stem = 'concurrentusername';
      const variants = Array.from({ length: 20 }, (_, mask) => [...stem].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c)).join(''));
      const results = await Promise.allSettled(variants.map((UserName) => createUser({ UserName })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.equal((result.reason as Record<string, any>).$metadata.httpStatusCode, 409);
      }
    });

    it('refuses duplicate tag keys (regardless of case) and stores nothing', async () => {
      const name = unique('DupTags');
      await expectError(createUser({ UserName: name, Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] }), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      await expectError(getUser(name), noSuchUser(name));
    });

    it('refuses a permissions boundary that does not exist: 404, stores nothing', async () => {
      const name = unique('Unbounded');
      const arn = `arn:aws:iam::${ACCOUNT}:policy/NoSuchBoundary`;
      await expectError(createUser({ UserName: name, PermissionsBoundary: arn }), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: `Scope ARN: ${arn} does not exist or is not attachable.`,
      });
      await expectError(getUser(name), noSuchUser(name));
    });

    it('rejects an invalid name with ValidationError and stores nothing', async () => {
      await expectError(createUser({ UserName: 'bad name' }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: "1 validation error detected: Value 'bad name' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
      });
    });

    it('finds a user by its name in any letter case and shows the name as created', async () => {
      const name = unique('MixedCase');
      await createUser({ UserName: name });
      assert.equal((await getUser(name.toUpperCase())).UserName, name);
    });

    it('GetUser answers 404 NoSuchEntity for a missing user', async () => {
      await expectError(getUser('NoSuchUserHere'), noSuchUser('NoSuchUserHere'));
    });

    it('GetUser without a UserName, called by the root, answers the root user', async () => {
      const out = await kiln.iam.send(new GetUserCommand({}));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.User!.Arn, `arn:aws:iam::${ACCOUNT}:root`);
      assert.equal(out.User!.UserId, ACCOUNT);
      assert.equal(out.User!.UserName, undefined);
      assert.ok(out.User!.CreateDate instanceof Date);
      const again = await kiln.iam.send(new GetUserCommand({}));
      assert.equal(again.User!.CreateDate!.getTime(), out.User!.CreateDate!.getTime(), 'the root user keeps its creation date');
    });
  });

  describe('ListUsers', () => {
    it('pages with MaxItems and Marker, filters by PathPrefix, and leaves out tags and boundary', async () => {
      const path = `/${unique('paging')}/`;
      const names = Array.from({ length: 5 }, (_, i) => `${unique('Pager')}-${i}`);
      for (const name of names) {
        await createUser({ UserName: name, Path: path, Tags: [{ Key: 'k', Value: 'v' }], PermissionsBoundary: BOUNDARY });
      }
      await createUser({ UserName: unique('Elsewhere'), Path: `${path}deeper/` });
      await createUser({ UserName: unique('Outside'), Path: '/outside/' });

      const { items, shape } = await allUsers(path, 2);
      assert.deepEqual(shape, [{ count: 2, truncated: true }, { count: 2, truncated: true }, { count: 2, truncated: false }]);
      assert.equal(items.length, 6, 'the prefix also matches deeper paths');
      assert.equal(new Set(items.map((u) => u.UserName)).size, 6, 'no user twice');
      for (const name of names) {
        const listed = items.find((u) => u.UserName === name)!;
        assert.ok(listed, `${name} is listed`);
        assert.equal(listed.Tags, undefined, 'ListUsers leaves out Tags');
        assert.equal(listed.PermissionsBoundary, undefined, 'ListUsers leaves out PermissionsBoundary');
        assert.equal(listed.Arn, `arn:aws:iam::${ACCOUNT}:user${path}${name}`);
        assert.match(listed.UserId!, /^AIDA/);
      }
      const all = await allUsers();
      assert.ok(all.items.length >= 7);
      assert.deepEqual(all.shape, [{ count: all.items.length, truncated: false }]);
    });

    it('an empty listing is not truncated', async () => {
      const out = await kiln.iam.send(new ListUsersCommand({ PathPrefix: '/nobody-lives-here/' }));
      assert.deepEqual(out.Users ?? [], []);
      assert.equal(out.IsTruncated, false);
    });

    it('refuses a Marker it did not issue: 400 InvalidInput', async () => {
      await expectError(kiln.iam.send(new ListUsersCommand({ Marker: 'not a marker' })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'Invalid Marker.',
      });
    });
  });

  describe('UpdateUser', () => {
    it('renames a user: same id, new ARN, memberships, keys and policies follow', async () => {
      const oldName = unique('Before');
      const newName = unique('After');
      const groupName = unique('RenameGroup');
      const created = await createUser({ UserName: oldName, Tags: [{ Key: 'a', Value: 'b' }], PermissionsBoundary: BOUNDARY });
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: oldName, PolicyArn: MANAGED }));
      await createGroup(groupName);
      await addToGroup(groupName, oldName);
      const key = (await kiln.iam.send(new CreateAccessKeyCommand({ UserName: oldName }))).AccessKey!;
      await kiln.iam.send(new PutUserPolicyCommand({ UserName: oldName, PolicyName: 'inline', PolicyDocument: POLICY }));

      const out = await kiln.iam.send(new UpdateUserCommand({ UserName: oldName, NewUserName: newName }));
      assert.equal(out.$metadata.httpStatusCode, 200);

      await expectError(getUser(oldName), noSuchUser(oldName));
      const user = await getUser(newName);
      assert.equal(user.UserId, created.UserId);
      assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user/${newName}`);
      assert.equal(user.CreateDate!.getTime(), created.CreateDate!.getTime());
      assert.deepEqual(user.Tags, [{ Key: 'a', Value: 'b' }]);
      assert.deepEqual((await groupsOf(newName)).items.map((g) => g.GroupName), [groupName]);
      assert.deepEqual((await groupMembers(groupName)).items.map((u) => u.UserName), [newName]);
      const keys = (await kiln.iam.send(new ListAccessKeysCommand({ UserName: newName }))).AccessKeyMetadata!;
      assert.deepEqual(keys.map((k) => [k.AccessKeyId, k.UserName]), [[key.AccessKeyId, newName]]);
      assert.deepEqual((await kiln.iam.send(new ListUserPoliciesCommand({ UserName: newName }))).PolicyNames, ['inline']);
      const policy = await kiln.iam.send(new GetUserPolicyCommand({ UserName: newName, PolicyName: 'inline' }));
      assert.equal(policy.UserName, newName);
      assert.equal(decodeURIComponent(policy.PolicyDocument!), POLICY);
      // The managed policy and the boundary know the user by its new name.
      assert.ok((await policyUsers(MANAGED)).users.includes(newName));
      assert.ok(!(await policyUsers(MANAGED)).users.includes(oldName));
      assert.ok((await policyUsers(BOUNDARY)).boundaryUsers.includes(newName));
      assert.ok(!(await policyUsers(BOUNDARY)).boundaryUsers.includes(oldName));
      assert.deepEqual(user.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: BOUNDARY });

      // The old name is free again and everything can be taken apart under the new one.
      await createUser({ UserName: oldName });
      assert.deepEqual((await groupsOf(oldName)).items, []);
      await kiln.iam.send(new DeleteAccessKeyCommand({ UserName: newName, AccessKeyId: key.AccessKeyId! }));
      await kiln.iam.send(new DeleteUserPolicyCommand({ UserName: newName, PolicyName: 'inline' }));
      await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: groupName, UserName: newName }));
      await kiln.iam.send(new DetachUserPolicyCommand({ UserName: newName, PolicyArn: MANAGED }));
      const boundaryUses = (await kiln.iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY }))).Policy!.PermissionsBoundaryUsageCount!;
      await kiln.iam.send(new DeleteUserCommand({ UserName: newName }));
      await kiln.iam.send(new DeleteGroupCommand({ GroupName: groupName }));
      assert.ok(!(await policyUsers(BOUNDARY)).boundaryUsers.includes(newName), 'a deleted user no longer uses its boundary');
      assert.equal((await kiln.iam.send(new GetPolicyCommand({ PolicyArn: BOUNDARY }))).Policy!.PermissionsBoundaryUsageCount, boundaryUses - 1);
    });

    it('moves a user to a new path, and renames and moves at once', async () => {
      const name = unique('Mover');
      const created = await createUser({ UserName: name });
      await kiln.iam.send(new UpdateUserCommand({ UserName: name, NewPath: '/moved/' }));
      let user = await getUser(name);
      assert.equal(user.Path, '/moved/');
      assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user/moved/${name}`);
      assert.equal(user.UserId, created.UserId);

      const renamed = unique('Moved');
      await kiln.iam.send(new UpdateUserCommand({ UserName: name, NewUserName: renamed, NewPath: '/again/' }));
      user = await getUser(renamed);
      assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user/again/${renamed}`);
      assert.equal(user.UserId, created.UserId);
    });

    it('changes only the letter case of a name', async () => {
      const name = unique('lowercase');
      const created = await createUser({ UserName: name });
      const group = unique('CaseGroup');
      await createGroup(group);
      await addToGroup(group, name);
      await kiln.iam.send(new UpdateUserCommand({ UserName: name, NewUserName: name.toUpperCase() }));
      const user = await getUser(name);
      assert.equal(user.UserName, name.toUpperCase());
      assert.equal(user.UserId, created.UserId);
      assert.deepEqual((await groupMembers(group)).items.map((u) => u.UserName), [name.toUpperCase()]);
    });

    it('refuses a new name that another user has, regardless of case: 409, nothing changes', async () => {
      const a = unique('Keeper');
      const b = unique('Taken');
      await createUser({ UserName: a });
      await createUser({ UserName: b });
      const before = await userState(a);
      await expectError(kiln.iam.send(new UpdateUserCommand({ UserName: a, NewUserName: b.toUpperCase(), NewPath: '/x/' })), {
        name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `User with name ${b.toUpperCase()} already exists.`,
      });
      assert.deepEqual(await userState(a), before);
      assert.equal((await getUser(b)).UserName, b);
    });

    it('answers 404 for a missing user', async () => {
      await expectError(kiln.iam.send(new UpdateUserCommand({ UserName: 'MissingForUpdate', NewUserName: 'Whatever' })), noSuchUser('MissingForUpdate'));
      await expectError(getUser('Whatever'), noSuchUser('Whatever'));
    });
  });

  describe('DeleteUser', () => {
    it('deletes a user', async () => {
      const name = unique('Doomed');
      await createUser({ UserName: name });
      const out = await kiln.iam.send(new DeleteUserCommand({ UserName: name.toLowerCase() }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(getUser(name), noSuchUser(name));
      await expectError(kiln.iam.send(new DeleteUserCommand({ UserName: name })), noSuchUser(name));
    });

    it('refuses while the user has access keys, inline policies or group memberships: 409 DeleteConflict', async () => {
      const name = unique('Busy');
      const group = unique('BusyGroup');
      await createUser({ UserName: name });
      await createGroup(group);
      const key = (await kiln.iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      await kiln.iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: POLICY }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: MANAGED }));
      await addToGroup(group, name);

      const before = await userState(name);
      await expectError(kiln.iam.send(new DeleteUserCommand({ UserName: name })), deleteConflict('Cannot delete entity, must delete access keys first.'));
      assert.deepEqual(await userState(name), before);
      await kiln.iam.send(new DeleteAccessKeyCommand({ UserName: name, AccessKeyId: key.AccessKeyId! }));

      await expectError(kiln.iam.send(new DeleteUserCommand({ UserName: name })), deleteConflict('Cannot delete entity, must delete policies first.'));
      await kiln.iam.send(new DeleteUserPolicyCommand({ UserName: name, PolicyName: 'p' }));

      await expectError(kiln.iam.send(new DeleteUserCommand({ UserName: name })), deleteConflict('Cannot delete entity, must detach all policies first.'));
      assert.ok((await policyUsers(MANAGED)).users.includes(name));
      await kiln.iam.send(new DetachUserPolicyCommand({ UserName: name, PolicyArn: MANAGED }));

      await expectError(kiln.iam.send(new DeleteUserCommand({ UserName: name })), deleteConflict('Cannot delete entity, must remove users from group first.'));
      assert.deepEqual((await groupMembers(group)).items.map((u) => u.UserName), [name]);
      await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: name }));

      await kiln.iam.send(new DeleteUserCommand({ UserName: name }));
      await expectError(getUser(name), noSuchUser(name));
    });
  });

  describe('TagUser, UntagUser and ListUserTags', () => {
    it('adds, overwrites regardless of key case, removes, and pages tags', async () => {
      const name = unique('Tagged');
      await createUser({ UserName: name, Tags: [{ Key: 'Env', Value: 'dev' }] });
      const out = await kiln.iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }] }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual((await allTags(name)).items, [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }]);
      assert.deepEqual((await getUser(name)).Tags, [{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }]);

      await kiln.iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'x', Value: '1' }, { Key: 'y', Value: '2' }, { Key: 'z', Value: '3' }] }));
      const paged = await allTags(name, 2);
      assert.deepEqual(paged.shape, [{ count: 2, truncated: true }, { count: 2, truncated: true }, { count: 1, truncated: false }]);
      assert.equal(paged.items.length, 5);

      await kiln.iam.send(new UntagUserCommand({ UserName: name, TagKeys: ['TEAM', 'x', 'not-there'] }));
      assert.deepEqual((await allTags(name)).items.map((t: Tag) => t.Key), ['env', 'y', 'z']);
    });

    it('refuses more than 50 tags: 409 LimitExceeded, nothing changes', async () => {
      const name = unique('ManyTags');
      const tags = Array.from({ length: 30 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
      await createUser({ UserName: name, Tags: tags });
      await expectError(kiln.iam.send(new TagUserCommand({ UserName: name, Tags: Array.from({ length: 21 }, (_, i) => ({ Key: `n${i}`, Value: '' })) })), {
        name: 'LimitExceededException', code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for TagsPerUser: 50.',
      });
      assert.deepEqual((await allTags(name)).items, tags);
    });

    it('refuses duplicate keys in one TagUser call', async () => {
      const name = unique('DupTag');
      await createUser({ UserName: name });
      await expectError(kiln.iam.send(new TagUserCommand({ UserName: name, Tags: [{ Key: 'A', Value: '1' }, { Key: 'a', Value: '2' }] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      assert.deepEqual((await allTags(name)).items, []);
    });

    it('answers 404 for a missing user', async () => {
      await expectError(kiln.iam.send(new TagUserCommand({ UserName: 'NoTagUser', Tags: [{ Key: 'a', Value: 'b' }] })), noSuchUser('NoTagUser'));
      await expectError(kiln.iam.send(new UntagUserCommand({ UserName: 'NoTagUser', TagKeys: ['a'] })), noSuchUser('NoTagUser'));
      await expectError(kiln.iam.send(new ListUserTagsCommand({ UserName: 'NoTagUser' })), noSuchUser('NoTagUser'));
    });
  });

  describe('CreateGroup, GetGroup and ListGroups', () => {
    it('creates a group and GetGroup shows it with no members', async () => {
      const name = unique('Team');
      const out = await kiln.iam.send(new CreateGroupCommand({ GroupName: name, Path: '/teams/' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const group = out.Group!;
      assert.equal(group.GroupName, name);
      assert.equal(group.Path, '/teams/');
      assert.equal(group.Arn, `arn:aws:iam::${ACCOUNT}:group/teams/${name}`);
      assert.match(group.GroupId!, /^AGPA[A-Z0-9]{17}$/);
      assert.ok(group.CreateDate instanceof Date);
      const got = await kiln.iam.send(new GetGroupCommand({ GroupName: name.toUpperCase() }));
      assert.deepEqual(got.Group, group);
      assert.deepEqual(got.Users ?? [], []);
      assert.equal(got.IsTruncated, false);
    });

    it('defaults the path to /', async () => {
      const name = unique('Rooted');
      const group = await createGroup(name);
      assert.equal(group.Path, '/');
      assert.equal(group.Arn, `arn:aws:iam::${ACCOUNT}:group/${name}`);
    });

    it('refuses a name that differs only in letter case: 409 EntityAlreadyExists', async () => {
      const name = unique('CaseGroup');
      const first = await createGroup(name);
      await expectError(kiln.iam.send(new CreateGroupCommand({ GroupName: name.toLowerCase(), Path: '/else/' })), {
        name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `Group with name ${name.toLowerCase()} already exists.`,
      });
      assert.deepEqual((await groupState(name)).group, first);
    });

    it('GetGroup answers 404 for a missing group', async () => {
      await expectError(kiln.iam.send(new GetGroupCommand({ GroupName: 'NoSuchGroupHere' })), noSuchGroup('NoSuchGroupHere'));
    });

    it('GetGroup pages the members, in the ListUsers shape', async () => {
      const group = unique('Crowd');
      await createGroup(group);
      const names = Array.from({ length: 5 }, (_, i) => `${unique('Member')}-${i}`);
      for (const name of names) {
        await createUser({ UserName: name, Tags: [{ Key: 't', Value: 'v' }] });
        await addToGroup(group, name);
      }
      const { items, shape } = await groupMembers(group, 2);
      assert.deepEqual(shape, [{ count: 2, truncated: true }, { count: 2, truncated: true }, { count: 1, truncated: false }]);
      assert.deepEqual(items.map((u) => u.UserName).sort(), [...names].sort());
      for (const user of items) {
        assert.equal(user.Tags, undefined);
        assert.equal(user.Arn, `arn:aws:iam::${ACCOUNT}:user/${user.UserName}`);
      }
      const page = await kiln.iam.send(new GetGroupCommand({ GroupName: group, MaxItems: 2 }));
      assert.equal(page.Group!.GroupName, group, 'every page carries the group');
    });

    it('ListGroups pages and filters by PathPrefix', async () => {
      const path = `/${unique('gpaging')}/`;
      for (let i = 0; i < 3; i++) await createGroup(`${unique('G')}-${i}`, path);
      await createGroup(unique('GDeep'), `${path}deep/`);
      const { items, shape } = await allGroups(path, 3);
      assert.deepEqual(shape, [{ count: 3, truncated: true }, { count: 1, truncated: false }]);
      assert.ok(items.every((g) => g.Path!.startsWith(path)));
      assert.match(items[0].GroupId!, /^AGPA/);
      assert.ok((await allGroups()).items.length >= 4);
    });
  });

  describe('UpdateGroup', () => {
    it('renames a group: same id, new ARN, members see the new name', async () => {
      const oldName = unique('OldTeam');
      const newName = unique('NewTeam');
      const created = await createGroup(oldName, '/t/');
      const member = unique('Mate');
      await createUser({ UserName: member });
      await addToGroup(oldName, member);
      await kiln.iam.send(new PutGroupPolicyCommand({ GroupName: oldName, PolicyName: 'gp', PolicyDocument: POLICY }));
      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: oldName, PolicyArn: MANAGED }));

      const out = await kiln.iam.send(new UpdateGroupCommand({ GroupName: oldName, NewGroupName: newName, NewPath: '/u/' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(kiln.iam.send(new GetGroupCommand({ GroupName: oldName })), noSuchGroup(oldName));
      const state = await groupState(newName);
      assert.equal(state.group!.GroupId, created.GroupId);
      assert.equal(state.group!.Arn, `arn:aws:iam::${ACCOUNT}:group/u/${newName}`);
      assert.equal(state.group!.Path, '/u/');
      assert.deepEqual(state.users, [member]);
      assert.deepEqual((await groupsOf(member)).items.map((g) => [g.GroupName, g.GroupId]), [[newName, created.GroupId]]);
      const usage = await policyUsers(MANAGED);
      assert.ok(usage.groups.includes(newName) && !usage.groups.includes(oldName), 'the managed policy knows the group by its new name');
      await kiln.iam.send(new DetachGroupPolicyCommand({ GroupName: newName, PolicyArn: MANAGED }));

      // The member can leave the group under its new name, and the group be deleted.
      await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: newName, UserName: member }));
      await kiln.iam.send(new DeleteGroupPolicyCommand({ GroupName: newName, PolicyName: 'gp' }));
      await kiln.iam.send(new DeleteGroupCommand({ GroupName: newName }));
      await createGroup(oldName);
      assert.deepEqual((await groupState(oldName)).users, [], 'a new group with the old name has no members');
    });

    it('refuses a new name that another group has: 409, nothing changes', async () => {
      const a = unique('GroupA');
      const b = unique('GroupB');
      await createGroup(a);
      await createGroup(b);
      const member = unique('GroupAMember');
      await createUser({ UserName: member });
      await addToGroup(a, member);
      const before = await groupState(a);
      await expectError(kiln.iam.send(new UpdateGroupCommand({ GroupName: a, NewGroupName: b.toLowerCase() })), {
        name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409, message: `Group with name ${b.toLowerCase()} already exists.`,
      });
      assert.deepEqual(await groupState(a), before);
      assert.deepEqual((await groupsOf(member)).items.map((g) => g.GroupName), [a]);
    });

    it('answers 404 for a missing group', async () => {
      await expectError(kiln.iam.send(new UpdateGroupCommand({ GroupName: 'MissingGroup', NewPath: '/x/' })), noSuchGroup('MissingGroup'));
    });
  });

  describe('DeleteGroup', () => {
    it('refuses while the group has members or policies, then deletes', async () => {
      const group = unique('Sticky');
      const member = unique('Stuck');
      await createGroup(group);
      await createUser({ UserName: member });
      await addToGroup(group, member);
      await kiln.iam.send(new PutGroupPolicyCommand({ GroupName: group, PolicyName: 'p', PolicyDocument: POLICY }));

      const before = await groupState(group);
      await expectError(kiln.iam.send(new DeleteGroupCommand({ GroupName: group })), deleteConflict('Cannot delete entity, must remove users from group first.'));
      assert.deepEqual(await groupState(group), before);
      await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: member }));

      await expectError(kiln.iam.send(new DeleteGroupCommand({ GroupName: group })), deleteConflict('Cannot delete entity, must delete policies first.'));
      await kiln.iam.send(new DeleteGroupPolicyCommand({ GroupName: group, PolicyName: 'p' }));

      await kiln.iam.send(new AttachGroupPolicyCommand({ GroupName: group, PolicyArn: MANAGED }));
      await expectError(kiln.iam.send(new DeleteGroupCommand({ GroupName: group })), deleteConflict('Cannot delete entity, must detach all policies first.'));
      await kiln.iam.send(new DetachGroupPolicyCommand({ GroupName: group, PolicyArn: MANAGED }));

      const out = await kiln.iam.send(new DeleteGroupCommand({ GroupName: group }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(kiln.iam.send(new GetGroupCommand({ GroupName: group })), noSuchGroup(group));
      await expectError(kiln.iam.send(new DeleteGroupCommand({ GroupName: group })), noSuchGroup(group));
    });
  });

  describe('AddUserToGroup, RemoveUserFromGroup and ListGroupsForUser', () => {
    it('adds and removes members both ways; adding twice is harmless', async () => {
      const user = unique('Joiner');
      const g1 = unique('Club');
      const g2 = unique('Guild');
      await createUser({ UserName: user });
      await createGroup(g1);
      await createGroup(g2);
      const out = await addToGroup(g1, user);
      assert.equal(out.$metadata.httpStatusCode, 200);
      await addToGroup(g2.toUpperCase(), user.toLowerCase());
      await addToGroup(g1, user);
      assert.deepEqual((await groupsOf(user)).items.map((g) => g.GroupName).sort(), [g1, g2].sort());
      assert.deepEqual((await groupState(g1)).users, [user]);

      const removed = await kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: g1, UserName: user }));
      assert.equal(removed.$metadata.httpStatusCode, 200);
      assert.deepEqual((await groupsOf(user)).items.map((g) => g.GroupName), [g2]);
      assert.deepEqual((await groupState(g1)).users, []);
    });

    it('ListGroupsForUser pages, and shows full groups', async () => {
      const user = unique('Social');
      await createUser({ UserName: user });
      const names: string[] = [];
      for (let i = 0; i < 5; i++) {
        const name = `${unique('Circle')}-${i}`;
        names.push(name);
        await createGroup(name, '/circles/');
        await addToGroup(name, user);
      }
      const { items, shape } = await groupsOf(user, 2);
      assert.deepEqual(shape, [{ count: 2, truncated: true }, { count: 2, truncated: true }, { count: 1, truncated: false }]);
      assert.deepEqual(items.map((g) => g.GroupName).sort(), [...names].sort());
      for (const group of items) {
        assert.equal(group.Arn, `arn:aws:iam::${ACCOUNT}:group/circles/${group.GroupName}`);
        assert.match(group.GroupId!, /^AGPA/);
      }
    });

    it('refuses an 11th group: 409 LimitExceeded, nothing changes', async () => {
      const user = unique('Joiner10');
      await createUser({ UserName: user });
      for (let i = 0; i < 10; i++) {
        const name = unique('Ten');
        await createGroup(name);
        await addToGroup(name, user);
      }
      const eleventh = unique('Eleventh');
      await createGroup(eleventh);
      const before = await userState(user);
      await expectError(addToGroup(eleventh, user), {
        name: 'LimitExceededException', code: 'LimitExceeded', status: 409, message: 'Cannot exceed quota for GroupsPerUser: 10',
      });
      assert.deepEqual(await userState(user), before);
      assert.deepEqual((await groupState(eleventh)).users, []);
    });

    it('answers 404 for a missing group or user, and for a user who is not a member', async () => {
      const user = unique('Lonely');
      const group = unique('Empty');
      await createUser({ UserName: user });
      await createGroup(group);
      await expectError(addToGroup('NoGroupHere', user), noSuchGroup('NoGroupHere'));
      await expectError(addToGroup(group, 'NoUserHere'), noSuchUser('NoUserHere'));
      await expectError(kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: 'NoGroupHere', UserName: user })), noSuchGroup('NoGroupHere'));
      await expectError(kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: 'NoUserHere' })), noSuchUser('NoUserHere'));
      await expectError(kiln.iam.send(new RemoveUserFromGroupCommand({ GroupName: group, UserName: user })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
      });
      await expectError(kiln.iam.send(new ListGroupsForUserCommand({ UserName: 'NoUserHere' })), noSuchUser('NoUserHere'));
      assert.deepEqual((await groupsOf(user)).items, []);
      assert.deepEqual((await groupState(group)).users, []);
    });
  });
});
