/**
 * The IAM role slice and STS GetCallerIdentity, end to end through the real AWS SDK for
 * JavaScript v3 clients: success paths, every error path with its exact code, HTTP status and
 * message, paging, case-insensitive names under concurrency, and that a failed call changes nothing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreatePolicyCommand,
  CreateRoleCommand,
  DeleteRoleCommand,
  GetRoleCommand,
  ListRolesCommand,
  ListRoleTagsCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  UpdateRoleDescriptionCommand,
  type CreateRoleCommandInput,
  type Role,
  type Tag,
} from '@aws-sdk/client-iam';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { expectError, validationMessage, type ExpectedError } from '../helpers/errors.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';

const ROLE_NAME_PATTERN = '[\\w+=,.@-]+';

describe('IAM roles and STS through @aws-sdk/client-iam and client-sts', () => {
  let kiln: TestKiln;
  let counter = 0;
  /** A role name no other test uses. */
  const unique = (stem: string) => `${stem}-${++counter}`;

  const createRole = (input: Partial<CreateRoleCommandInput> & { RoleName: string }) =>
    kiln.iam.send(new CreateRoleCommand({ AssumeRolePolicyDocument: TRUST_POLICY, ...input }));
  const getRole = async (RoleName: string): Promise<Role> => (await kiln.iam.send(new GetRoleCommand({ RoleName }))).Role!;
  const allTags = async (RoleName: string): Promise<Tag[]> => {
    const tags: Tag[] = [];
    let Marker: string | undefined;
    do {
      const page = await kiln.iam.send(new ListRoleTagsCommand({ RoleName, Marker }));
      tags.push(...(page.Tags ?? []));
      Marker = page.IsTruncated ? page.Marker : undefined;
    } while (Marker);
    return tags;
  };
  const allRoles = async (PathPrefix?: string, MaxItems?: number): Promise<{ roles: Role[]; pages: Array<{ count: number; truncated: boolean; marker?: string }> }> => {
    const roles: Role[] = [];
    const pages: Array<{ count: number; truncated: boolean; marker?: string }> = [];
    let Marker: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await kiln.iam.send(new ListRolesCommand({ PathPrefix, MaxItems, Marker }));
      roles.push(...(page.Roles ?? []));
      pages.push({ count: page.Roles?.length ?? 0, truncated: page.IsTruncated ?? false, marker: page.Marker });
      if (!page.IsTruncated) return { roles, pages };
      assert.ok(page.Marker, 'a truncated page carries a Marker');
      Marker = page.Marker;
    }
    assert.fail('ListRoles never stopped paging');
  };
  const roleNames = async () => (await allRoles()).roles.map((role) => role.RoleName!).sort();

  before(async () => {
    kiln = await startTestKiln();
  });
  after(async () => {
    await kiln.close();
  });

  describe('STS GetCallerIdentity', () => {
    it('answers the root identity of the default account for the root keys', async () => {
      const out = await kiln.sts.send(new GetCallerIdentityCommand({}));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.Account, ACCOUNT);
      assert.equal(out.Arn, `arn:aws:iam::${ACCOUNT}:root`);
      assert.equal(out.UserId, ACCOUNT);
      assert.match(out.$metadata.requestId ?? '', /^[0-9a-f-]{36}$/);
    });
  });

  describe('CreateRole', () => {
    it('creates a role with defaults and returns it', async () => {
      const name = unique('Plain');
      const out = await createRole({ RoleName: name });
      assert.equal(out.$metadata.httpStatusCode, 200);
      const role = out.Role!;
      assert.equal(role.RoleName, name);
      assert.equal(role.Path, '/');
      assert.equal(role.Arn, `arn:aws:iam::${ACCOUNT}:role/${name}`);
      assert.match(role.RoleId!, /^AROA[A-Z0-9]{17}$/);
      assert.ok(role.CreateDate instanceof Date && !Number.isNaN(role.CreateDate.getTime()));
      assert.ok(Math.abs(role.CreateDate.getTime() - Date.now()) < 60_000, 'CreateDate is now');
      // AWS's CreateRole answer (recorded against the real service) leaves MaxSessionDuration out; GetRole has it.
      assert.equal(role.MaxSessionDuration, undefined);
      assert.equal((await getRole(name)).MaxSessionDuration, 3600);
      // IAM sends policy documents URL-encoded; the JavaScript SDK hands them over as they came.
      assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), TRUST_POLICY);
      assert.equal(role.Description, undefined);
      assert.equal(role.Tags, undefined);
      assert.equal(role.PermissionsBoundary, undefined);
    });

    it('keeps every optional member and GetRole shows them', async () => {
      const name = unique('Full');
      // A boundary must be an existing managed policy.
      const boundaryName = unique('Boundary');
      const boundary = `arn:aws:iam::${ACCOUNT}:policy/${boundaryName}`;
      await kiln.iam.send(new CreatePolicyCommand({ PolicyName: boundaryName, PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }));
      const tags = [{ Key: 'team', Value: 'builders' }, { Key: 'env', Value: '' }];
      const created = (await createRole({
        RoleName: name, Path: '/app/team/', Description: 'A role for the tests', MaxSessionDuration: 7200,
        PermissionsBoundary: boundary, Tags: tags,
      })).Role!;
      assert.equal(created.Arn, `arn:aws:iam::${ACCOUNT}:role/app/team/${name}`);
      assert.equal(created.Path, '/app/team/');
      assert.equal(created.Description, 'A role for the tests');
      assert.equal(created.MaxSessionDuration, undefined);

      const role = await getRole(name);
      assert.equal(role.RoleName, name);
      assert.equal(role.RoleId, created.RoleId);
      assert.equal(role.Arn, created.Arn);
      assert.equal(role.Path, '/app/team/');
      assert.equal(role.Description, 'A role for the tests');
      assert.equal(role.MaxSessionDuration, 7200);
      assert.equal(role.CreateDate?.getTime(), created.CreateDate?.getTime());
      assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), TRUST_POLICY);
      assert.deepEqual(role.PermissionsBoundary, { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: boundary });
      assert.deepEqual(role.Tags, tags);
      assert.deepEqual(role.RoleLastUsed, {});
    });

    it('refuses a second role whose name differs only in letter case: 409 EntityAlreadyExists', async () => {
      const name = unique('CaseRole');
      const first = (await createRole({ RoleName: name })).Role!;
      for (const other of [name, name.toLowerCase(), name.toUpperCase()]) {
        await expectError(createRole({ RoleName: other, Description: 'second' }), {
          name: 'EntityAlreadyExistsException', code: 'EntityAlreadyExists', status: 409,
          message: `Role with name ${other} already exists.`,
        });
      }
      const role = await getRole(name);
      assert.equal(role.RoleId, first.RoleId, 'the first role is untouched');
      assert.equal(role.Description, undefined);
      assert.equal((await roleNames()).filter((n) => n.toLowerCase() === name.toLowerCase()).length, 1);
    });

    it('finds a role by its name in any letter case, and shows the name as created', async () => {
      const name = unique('MixedCase');
      await createRole({ RoleName: name });
      const role = await getRole(name.toUpperCase());
      assert.equal(role.RoleName, name);
    });

    it('50 concurrent creates of one name in different letter cases: exactly one wins, the rest get EntityAlreadyExists, no 500s', async () => {
      const stem = 'concurrentrolename';
      const variants: string[] = [];
      for (let mask = 0; variants.length < 50; mask++) {
        variants.push([...stem].map((c, i) => ((mask >> i) & 1 ? c.toUpperCase() : c)).join(''));
      }
      assert.equal(new Set(variants).size, 50);
      const results = await Promise.allSettled(variants.map((RoleName) => createRole({ RoleName })));
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      results.forEach((result, i) => {
        if (result.status === 'fulfilled') return;
        const error = result.reason as Error & Record<string, any>;
        assert.equal(error.$metadata?.httpStatusCode, 409, `${error.name}: ${error.message}`);
        assert.equal(error.name, 'EntityAlreadyExistsException');
        assert.equal(error.message, `Role with name ${variants[i]} already exists.`);
      });
      assert.equal(won.length, 1, 'exactly one create succeeds');
      assert.equal(lost.length, 49);
      const winner = (won[0] as PromiseFulfilledResult<{ Role?: Role }>).value.Role!;
      const listed = (await allRoles()).roles.filter((r) => r.RoleName!.toLowerCase() === stem);
      assert.equal(listed.length, 1);
      assert.equal(listed[0].RoleName, winner.RoleName);
      assert.equal(listed[0].RoleId, winner.RoleId);
    });

    it('rejects a name outside the pattern: 400 ValidationError, and stores nothing', async () => {
      const before = await roleNames();
      await expectError(createRole({ RoleName: 'bad name' }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_NAME_PATTERN}`),
      });
      assert.deepEqual(await roleNames(), before);
    });

    it('rejects a missing RoleName as null', async () => {
      await expectError(createRole({ RoleName: undefined as unknown as string }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value null at 'roleName' failed to satisfy constraint: Member must not be null"),
      });
    });

    it('rejects a missing trust policy as null', async () => {
      const name = unique('NoPolicy');
      await expectError(kiln.iam.send(new CreateRoleCommand({ RoleName: name } as CreateRoleCommandInput)), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null"),
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('rejects a 65-character name', async () => {
      const name = 'r'.repeat(65);
      await expectError(createRole({ RoleName: name }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value '${name}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64`),
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: 'r'.repeat(64) })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('accepts a 64-character name', async () => {
      const name = `${unique('L')}-`.padEnd(64, 'x');
      assert.equal(name.length, 64);
      assert.equal((await createRole({ RoleName: name })).Role!.RoleName, name);
    });

    it('rejects MaxSessionDuration outside 3600..43200', async () => {
      const name = unique('Duration');
      await expectError(createRole({ RoleName: name, MaxSessionDuration: 3599 }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value '3599' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"),
      });
      await expectError(createRole({ RoleName: name, MaxSessionDuration: 43201 }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value '43201' at 'maxSessionDuration' failed to satisfy constraint: Member must have value less than or equal to 43200"),
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('reports every violation at once: "2 validation errors detected"', async () => {
      const error = await expectError(createRole({ RoleName: 'bad name', MaxSessionDuration: 100 }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
      });
      const prefix = '2 validation errors detected: ';
      assert.ok(error.message.startsWith(prefix), error.message);
      // AWS does not promise an order for the individual violations.
      assert.deepEqual(error.message.slice(prefix.length).split('; ').sort(), [
        `Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_NAME_PATTERN}`,
        "Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
      ].sort());
    });

    it('rejects a Path outside the pattern', async () => {
      const name = unique('BadPath');
      await expectError(createRole({ RoleName: name, Path: 'no-slashes' }), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value 'no-slashes' at 'path' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)"),
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('refuses the /aws-service-role/ path prefix: 400 InvalidInput', async () => {
      const name = unique('NotLinked');
      await expectError(createRole({ RoleName: name, Path: '/aws-service-role/imagebuilder.amazonaws.com/' }), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles",
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('refuses a trust policy that is not JSON: 400 MalformedPolicyDocument', async () => {
      const name = unique('BadPolicy');
      await expectError(createRole({ RoleName: name, AssumeRolePolicyDocument: '{"Version": "2012-10-17", ' }), {
        name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400,
        message: 'This policy contains invalid Json',
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('refuses a trust policy with a Resource: 400 MalformedPolicyDocument', async () => {
      const name = unique('ResourcePolicy');
      const policy = JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' }],
      });
      await expectError(createRole({ RoleName: name, AssumeRolePolicyDocument: policy }), {
        name: 'MalformedPolicyDocumentException', code: 'MalformedPolicyDocument', status: 400,
        message: 'Has prohibited field Resource',
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('refuses tag keys that repeat regardless of case: 400 InvalidInput', async () => {
      const name = unique('DupTags');
      await expectError(createRole({ RoleName: name, Tags: [{ Key: 'Env', Value: 'a' }, { Key: 'env', Value: 'b' }] }), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('accepts 50 tags', async () => {
      const name = unique('FiftyTags');
      const tags = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
      await createRole({ RoleName: name, Tags: tags });
      assert.deepEqual(await allTags(name), tags);
    });
  });

  describe('GetRole', () => {
    it('answers 404 NoSuchEntity for a missing role', async () => {
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: 'NoSuchRoleHere' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: 'The role with name NoSuchRoleHere cannot be found.',
      });
    });

    it('shows an unused role with an empty RoleLastUsed', async () => {
      const name = unique('Fresh');
      await createRole({ RoleName: name });
      const role = await getRole(name);
      assert.deepEqual(role.RoleLastUsed, {});
      assert.equal(role.Tags, undefined, 'a role without tags has no Tags member');
    });

    it('validates the name before looking it up', async () => {
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: 'no/slashes' })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value 'no/slashes' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_NAME_PATTERN}`),
      });
    });
  });

  describe('UpdateRole and UpdateRoleDescription', () => {
    it('UpdateRole changes the description and the maximum session duration', async () => {
      const name = unique('Upd');
      await createRole({ RoleName: name, Description: 'before' });
      const out = await kiln.iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'after', MaxSessionDuration: 43200 }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const role = await getRole(name);
      assert.equal(role.Description, 'after');
      assert.equal(role.MaxSessionDuration, 43200);

      await kiln.iam.send(new UpdateRoleCommand({ RoleName: name, MaxSessionDuration: 3600 }));
      const again = await getRole(name);
      assert.equal(again.Description, 'after', 'a member left out stays as it was');
      assert.equal(again.MaxSessionDuration, 3600);
    });

    it('a failed UpdateRole validation leaves the role as it was', async () => {
      const name = unique('UpdFail');
      await createRole({ RoleName: name, Description: 'original', MaxSessionDuration: 7200 });
      const before = await getRole(name);
      await expectError(kiln.iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'changed', MaxSessionDuration: 100 })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600"),
      });
      await expectError(kiln.iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'd'.repeat(1001) })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value '${'d'.repeat(1001)}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`),
      });
      assert.deepEqual(await getRole(name), before);
    });

    it('UpdateRole on a missing role answers 404 NoSuchEntity', async () => {
      await expectError(kiln.iam.send(new UpdateRoleCommand({ RoleName: 'MissingForUpdate', Description: 'x' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: 'The role with name MissingForUpdate cannot be found.',
      });
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: 'MissingForUpdate' })), { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404 });
    });

    it('UpdateRoleDescription changes the description and returns the whole role', async () => {
      const name = unique('Desc');
      const created = (await createRole({ RoleName: name, Path: '/desc/', Description: 'old', Tags: [{ Key: 'a', Value: 'b' }] })).Role!;
      const out = await kiln.iam.send(new UpdateRoleDescriptionCommand({ RoleName: name, Description: 'new description' }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      const role = out.Role!;
      assert.equal(role.RoleName, name);
      assert.equal(role.RoleId, created.RoleId);
      assert.equal(role.Arn, created.Arn);
      assert.equal(role.Path, '/desc/');
      assert.equal(role.Description, 'new description');
      assert.equal(role.MaxSessionDuration, 3600);
      assert.equal(decodeURIComponent(role.AssumeRolePolicyDocument!), TRUST_POLICY);
      assert.equal((await getRole(name)).Description, 'new description');
    });

    it('UpdateRoleDescription on a missing role answers 404, and a too-long description 400, changing nothing', async () => {
      await expectError(kiln.iam.send(new UpdateRoleDescriptionCommand({ RoleName: 'MissingForDesc', Description: 'x' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: 'The role with name MissingForDesc cannot be found.',
      });
      const name = unique('DescFail');
      await createRole({ RoleName: name, Description: 'kept' });
      const before = await getRole(name);
      const long = 'e'.repeat(1001);
      await expectError(kiln.iam.send(new UpdateRoleDescriptionCommand({ RoleName: name, Description: long })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value '${long}' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000`),
      });
      assert.deepEqual(await getRole(name), before);
    });
  });

  describe('DeleteRole', () => {
    it('deletes a role, after which it cannot be found and its name is free again', async () => {
      const name = unique('Doomed');
      const first = (await createRole({ RoleName: name })).Role!;
      const out = await kiln.iam.send(new DeleteRoleCommand({ RoleName: name }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      await expectError(kiln.iam.send(new GetRoleCommand({ RoleName: name })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: `The role with name ${name} cannot be found.`,
      });
      assert.ok(!(await roleNames()).includes(name));
      const second = (await createRole({ RoleName: name.toUpperCase() })).Role!;
      assert.notEqual(second.RoleId, first.RoleId, 'a new role gets a new unique id');
    });

    it('answers 404 NoSuchEntity for a missing role, and deleting twice fails the second time', async () => {
      await expectError(kiln.iam.send(new DeleteRoleCommand({ RoleName: 'NeverWasARole' })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: 'The role with name NeverWasARole cannot be found.',
      });
      const name = unique('Twice');
      await createRole({ RoleName: name });
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: name }));
      await expectError(kiln.iam.send(new DeleteRoleCommand({ RoleName: name })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404,
        message: `The role with name ${name} cannot be found.`,
      });
    });

    it('a DeleteRole that fails validation deletes nothing', async () => {
      const before = await roleNames();
      await expectError(kiln.iam.send(new DeleteRoleCommand({ RoleName: 'bad name' })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage(`Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ROLE_NAME_PATTERN}`),
      });
      assert.deepEqual(await roleNames(), before);
    });
  });

  describe('TagRole, UntagRole, ListRoleTags', () => {
    it('adds tags, overwrites the value of an existing key, and removes tags', async () => {
      const name = unique('Tagged');
      await createRole({ RoleName: name, Tags: [{ Key: 'env', Value: 'dev' }] });
      const tagged = await kiln.iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'prod' }] }));
      assert.equal(tagged.$metadata.httpStatusCode, 200);
      const tags = await allTags(name);
      assert.deepEqual(Object.fromEntries(tags.map((t) => [t.Key, t.Value])), { env: 'prod', team: 'a' });
      assert.equal(tags.length, 2);
      assert.deepEqual(new Set((await getRole(name)).Tags?.map((t) => `${t.Key}=${t.Value}`)), new Set(['env=prod', 'team=a']));

      const untagged = await kiln.iam.send(new UntagRoleCommand({ RoleName: name, TagKeys: ['env', 'not-there'] }));
      assert.equal(untagged.$metadata.httpStatusCode, 200);
      assert.deepEqual(await allTags(name), [{ Key: 'team', Value: 'a' }]);
    });

    it('ListRoleTags pages with MaxItems and Marker', async () => {
      const name = unique('ManyTags');
      const tags = Array.from({ length: 5 }, (_, i) => ({ Key: `key${i}`, Value: `value${i}` }));
      await createRole({ RoleName: name, Tags: tags });
      const seen: Tag[] = [];
      const truncations: boolean[] = [];
      let Marker: string | undefined;
      do {
        const page = await kiln.iam.send(new ListRoleTagsCommand({ RoleName: name, MaxItems: 2, Marker }));
        assert.ok((page.Tags ?? []).length <= 2);
        seen.push(...(page.Tags ?? []));
        truncations.push(page.IsTruncated ?? false);
        if (page.IsTruncated) assert.ok(page.Marker);
        else assert.equal(page.Marker, undefined, 'the last page carries no Marker');
        Marker = page.IsTruncated ? page.Marker : undefined;
      } while (Marker);
      assert.deepEqual(truncations, [true, true, false]);
      assert.deepEqual(seen.map((t) => t.Key).sort(), tags.map((t) => t.Key).sort());
    });

    it('ListRoleTags of a role without tags is empty and not truncated', async () => {
      const name = unique('Bare');
      await createRole({ RoleName: name });
      const out = await kiln.iam.send(new ListRoleTagsCommand({ RoleName: name }));
      assert.deepEqual(out.Tags ?? [], []);
      assert.equal(out.IsTruncated, false);
    });

    it('all three answer 404 NoSuchEntity for a missing role', async () => {
      const expected = { name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role with name NoTagRole cannot be found.' };
      await expectError(kiln.iam.send(new TagRoleCommand({ RoleName: 'NoTagRole', Tags: [{ Key: 'a', Value: 'b' }] })), expected);
      await expectError(kiln.iam.send(new UntagRoleCommand({ RoleName: 'NoTagRole', TagKeys: ['a'] })), expected);
      await expectError(kiln.iam.send(new ListRoleTagsCommand({ RoleName: 'NoTagRole' })), expected);
    });

    it('TagRole with keys that repeat regardless of case: 400 InvalidInput, tags unchanged', async () => {
      const name = unique('TagDup');
      await createRole({ RoleName: name, Tags: [{ Key: 'keep', Value: '1' }] });
      await expectError(kiln.iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'Owner', Value: 'x' }, { Key: 'OWNER', Value: 'y' }] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: 'Duplicate tag keys found. Please note that Tag keys are case insensitive.',
      });
      assert.deepEqual(await allTags(name), [{ Key: 'keep', Value: '1' }]);
    });

    it('TagRole beyond 50 tags in total: 409 LimitExceeded, tags unchanged', async () => {
      const name = unique('TagLimit');
      const existing = Array.from({ length: 30 }, (_, i) => ({ Key: `old${i}`, Value: 'v' }));
      await createRole({ RoleName: name, Tags: existing });
      const added = Array.from({ length: 21 }, (_, i) => ({ Key: `new${i}`, Value: 'v' }));
      await expectError(kiln.iam.send(new TagRoleCommand({ RoleName: name, Tags: added })), {
        name: 'LimitExceededException', code: 'LimitExceeded', status: 409,
        message: 'Cannot exceed quota for TagsPerRole: 50.',
      });
      assert.deepEqual(await allTags(name), existing);
      // Exactly 50 in total is fine.
      await kiln.iam.send(new TagRoleCommand({ RoleName: name, Tags: added.slice(0, 20) }));
      assert.equal((await allTags(name)).length, 50);
    });

    it('TagRole with a tag key outside the pattern: 400 ValidationError, tags unchanged', async () => {
      const name = unique('TagBadKey');
      await createRole({ RoleName: name });
      await expectError(kiln.iam.send(new TagRoleCommand({ RoleName: name, Tags: [{ Key: 'bad<key>', Value: 'v' }] })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value 'bad<key>' at 'tags.1.member.key' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+"),
      });
      assert.deepEqual(await allTags(name), []);
    });
  });

  describe('ListRoles', () => {
    before(async () => {
      await kiln.reset();
    });

    it('asked again and again, shows every change to the roles at once (Kiln remembers pages until a role changes)', async () => {
      const name = unique('Listed');
      const listed = async () => (await allRoles('/listed/')).roles;
      await createRole({ RoleName: name, Path: '/listed/', Description: 'before' });
      for (let i = 0; i < 3; i++) assert.deepEqual((await listed()).map((r) => [r.RoleName, r.Description]), [[name, 'before']]);
      await kiln.iam.send(new UpdateRoleCommand({ RoleName: name, Description: 'after', MaxSessionDuration: 7200 }));
      assert.deepEqual((await listed()).map((r) => [r.Description, r.MaxSessionDuration]), [['after', 7200]]);
      const trust = TRUST_POLICY.replace('ec2.amazonaws.com', 'lambda.amazonaws.com');
      assert.notEqual(trust, TRUST_POLICY);
      await kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: name, PolicyDocument: trust }));
      assert.equal(decodeURIComponent((await listed())[0].AssumeRolePolicyDocument!), trust);
      const second = unique('Listed');
      await createRole({ RoleName: second, Path: '/listed/' });
      assert.deepEqual((await listed()).map((r) => r.RoleName), [name, second]);
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: name }));
      assert.deepEqual((await listed()).map((r) => r.RoleName), [second]);
      await kiln.iam.send(new DeleteRoleCommand({ RoleName: second }));
      assert.deepEqual(await listed(), []);
    });

    it('pages 7 roles with MaxItems 3: every role exactly once, in a stable order', async () => {
      const names = Array.from({ length: 7 }, (_, i) => `Paged${i}`);
      // Created out of order, so the listing order is not just the creation order by accident.
      for (const i of [3, 0, 6, 1, 5, 2, 4]) await createRole({ RoleName: names[i] });

      const first = await allRoles(undefined, 3);
      assert.deepEqual(first.pages.map((p) => [p.count, p.truncated]), [[3, true], [3, true], [1, false]]);
      assert.equal(first.pages[2].marker, undefined, 'the last page carries no Marker');
      const listed = first.roles.map((r) => r.RoleName!);
      assert.equal(listed.length, 7);
      assert.deepEqual([...listed].sort(), [...names].sort());
      assert.equal(new Set(listed).size, 7, 'no role appears twice');

      const second = await allRoles(undefined, 3);
      assert.deepEqual(second.roles.map((r) => r.RoleName), listed, 'the same order every time');
      const whole = await allRoles();
      assert.deepEqual(whole.pages.map((p) => [p.count, p.truncated]), [[7, false]]);
      assert.deepEqual(whole.roles.map((r) => r.RoleName), listed, 'the same order without paging');
    });

    it('filters by PathPrefix, also while paging', async () => {
      await createRole({ RoleName: 'TeamA1', Path: '/team-a/' });
      await createRole({ RoleName: 'TeamA2', Path: '/team-a/sub/' });
      await createRole({ RoleName: 'TeamA3', Path: '/team-a/' });
      await createRole({ RoleName: 'TeamB1', Path: '/team-b/' });
      await createRole({ RoleName: 'TeamAB', Path: '/team-ab/' });

      const teamA = await allRoles('/team-a/');
      assert.deepEqual(teamA.roles.map((r) => r.RoleName).sort(), ['TeamA1', 'TeamA2', 'TeamA3']);
      for (const role of teamA.roles) assert.ok(role.Path!.startsWith('/team-a/'));

      const paged = await allRoles('/team-a/', 2);
      assert.deepEqual(paged.roles.map((r) => r.RoleName).sort(), ['TeamA1', 'TeamA2', 'TeamA3']);
      assert.deepEqual(paged.pages.map((p) => p.truncated), [true, false]);

      assert.deepEqual((await allRoles('/team-a/sub/')).roles.map((r) => r.RoleName), ['TeamA2']);
      assert.deepEqual((await allRoles('/team-b/')).roles.map((r) => r.RoleName), ['TeamB1']);
      assert.deepEqual((await allRoles('/nobody/')).roles, []);
      assert.equal((await allRoles('/')).roles.length, 12, 'the default prefix / lists every role');
    });

    it('leaves out Tags, PermissionsBoundary and RoleLastUsed, which GetRole shows', async () => {
      const boundary = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: unique('ListBoundary'), PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }))).Policy!;
      await createRole({
        RoleName: 'Detailed', Path: '/detail/', Tags: [{ Key: 'k', Value: 'v' }],
        PermissionsBoundary: boundary.Arn, Description: 'described',
      });
      const [listed] = (await allRoles('/detail/')).roles;
      assert.equal(listed.RoleName, 'Detailed');
      assert.equal(listed.Description, 'described');
      assert.equal(listed.Arn, `arn:aws:iam::${ACCOUNT}:role/detail/Detailed`);
      assert.equal(decodeURIComponent(listed.AssumeRolePolicyDocument!), TRUST_POLICY);
      assert.equal(listed.Tags, undefined);
      assert.equal(listed.PermissionsBoundary, undefined);
      assert.equal(listed.RoleLastUsed, undefined);
      const full = await getRole('Detailed');
      assert.deepEqual(full.Tags, [{ Key: 'k', Value: 'v' }]);
      assert.ok(full.PermissionsBoundary);
      assert.deepEqual(full.RoleLastUsed, {});
    });

    it('rejects MaxItems outside 1..1000', async () => {
      await expectError(kiln.iam.send(new ListRolesCommand({ MaxItems: 0 })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1"),
      });
      await expectError(kiln.iam.send(new ListRolesCommand({ MaxItems: 1001 })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value '1001' at 'maxItems' failed to satisfy constraint: Member must have value less than or equal to 1000"),
      });
    });

    it('rejects a PathPrefix outside the pattern', async () => {
      await expectError(kiln.iam.send(new ListRolesCommand({ PathPrefix: 'team-a' })), {
        name: 'ValidationError', code: 'ValidationError', status: 400,
        message: validationMessage("Value 'team-a' at 'pathPrefix' failed to satisfy constraint: Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*"),
      });
    });
  });
});
