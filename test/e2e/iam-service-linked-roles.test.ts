/**
 * Service-linked roles through @aws-sdk/client-iam: creation from the catalogue, protection,
 * PolicyNotAttachable, and the asynchronous deletion task driven by a manual clock.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreateRoleCommand, CreateServiceLinkedRoleCommand,
  DeleteRoleCommand, DeleteRolePermissionsBoundaryCommand, DeleteRolePolicyCommand, DeleteServiceLinkedRoleCommand, DetachRolePolicyCommand,
  GetRoleCommand, GetServiceLinkedRoleDeletionStatusCommand, ListAttachedRolePoliciesCommand, ListRolePoliciesCommand, ListRolesCommand,
  PutRolePermissionsBoundaryCommand, PutRolePolicyCommand, RemoveRoleFromInstanceProfileCommand, TagRoleCommand, UntagRoleCommand,
  UpdateAssumeRolePolicyCommand, UpdateRoleCommand, UpdateRoleDescriptionCommand,
} from '@aws-sdk/client-iam';
import { ManualClock } from '../../src/index.js';
import { registerServiceLinkedRoleUsage, type RoleUsage } from '../../src/services/iam/public.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { TRUST_POLICY } from '../helpers/fixtures.js';

const IMAGE_BUILDER = 'imagebuilder.amazonaws.com';
const IB_ROLE = 'AWSServiceRoleForImageBuilder';
const IB_ROLE_ARN = `arn:aws:iam::123456789012:role/aws-service-role/${IMAGE_BUILDER}/${IB_ROLE}`;
const IB_POLICY_ARN = `arn:aws:iam::aws:policy/aws-service-role/${IB_ROLE}`;

/** What the test's stand-in for Image Builder reports as in use (the real checker comes with Image Builder). */
let ecsUsage: RoleUsage[] = [];
registerServiceLinkedRoleUsage('ecs.amazonaws.com', async () => ecsUsage);

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  assert.fail('expected the call to fail');
}

describe('service-linked roles', () => {
  let kiln: TestKiln;
  const clock = new ManualClock(new Date());
  const advance = async (ms: number) => {
    clock.advance(ms / 1000);
    await kiln.runUntilIdle();
  };
  const status = async (id: string) => (await kiln.iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId: id })));

  before(async () => {
    kiln = await startTestKiln({ clock, slrDeletionStartMs: 500, slrDeletionRunMs: 1000, slrDeletionRetentionMs: 60_000 });
  });
  after(() => kiln.close());
  beforeEach(async () => {
    await kiln.reset();
    ecsUsage = [];
  });

  it('creates AWSServiceRoleForImageBuilder exactly as AWS does', async () => {
    const { Role } = await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }));
    assert.equal(Role?.RoleName, IB_ROLE);
    assert.equal(Role?.Path, `/aws-service-role/${IMAGE_BUILDER}/`);
    assert.equal(Role?.Arn, IB_ROLE_ARN);
    assert.match(Role?.RoleId ?? '', /^AROA[A-Z2-7]{17}$/);
    assert.equal(Role?.MaxSessionDuration, 3600);
    assert.equal(Role?.Tags, undefined);
    const trust = JSON.parse(decodeURIComponent(Role?.AssumeRolePolicyDocument ?? ''));
    assert.deepEqual(trust, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: IMAGE_BUILDER }, Action: 'sts:AssumeRole' }] });

    const got = await kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE }));
    assert.deepEqual(got.Role?.RoleLastUsed, {});
    const attached = await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: IB_ROLE }));
    assert.deepEqual(attached.AttachedPolicies, [{ PolicyName: IB_ROLE, PolicyArn: IB_POLICY_ARN }]);
    const inline = await kiln.iam.send(new ListRolePoliciesCommand({ RoleName: IB_ROLE }));
    assert.deepEqual(inline.PolicyNames, []);
    const listed = await kiln.iam.send(new ListRolesCommand({ PathPrefix: '/aws-service-role/' }));
    assert.deepEqual(listed.Roles?.map((r) => r.RoleName), [IB_ROLE]);
  });

  it('refuses a custom suffix where the service allows none, and allows one where it does', async () => {
    const refused = await failure(kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER, CustomSuffix: 'abc' })));
    assert.deepEqual(refused, { name: 'InvalidInputException', message: `Custom suffix is not allowed for ${IMAGE_BUILDER}`, status: 400 });
    const { Role } = await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'autoscaling.amazonaws.com', CustomSuffix: 'fleet' }));
    assert.equal(Role?.RoleName, 'AWSServiceRoleForAutoScaling_fleet');
    assert.equal(Role?.Path, '/aws-service-role/autoscaling.amazonaws.com/');
  });

  it('answers "has been taken" for an existing role and refuses unknown principals', async () => {
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }));
    const taken = await failure(kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER })));
    assert.deepEqual(taken, { name: 'InvalidInputException', message: `Service role name ${IB_ROLE} has been taken in this account, please try a different suffix.`, status: 400 });
    const unknown = await failure(kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'bogus.amazonaws.com' })));
    assert.equal(unknown.name, 'InvalidInputException');
    assert.equal(unknown.status, 400);
    assert.match(unknown.message, /bogus\.amazonaws\.com/);
    const roles = await kiln.iam.send(new ListRolesCommand({}));
    assert.deepEqual(roles.Roles?.map((r) => r.RoleName), [IB_ROLE]);
  });

  it('creates exactly one role from fifty concurrent requests', async () => {
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }))));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
    for (const r of results) {
      if (r.status === 'rejected') {
        assert.equal((r.reason as Error).name, 'InvalidInputException');
        assert.match((r.reason as Error).message, /has been taken in this account/);
      }
    }
    const roles = await kiln.iam.send(new ListRolesCommand({}));
    assert.equal(roles.Roles?.length, 1);
  });

  it('protects the role: only its description and tags may change', async () => {
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }));
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'builders' }));
    const protectedMessage = `Cannot perform the operation on the protected role '${IB_ROLE}' - this role is only modifiable by AWS`;
    const attempts: Array<[string, Promise<unknown>]> = [
      ['DeleteRole', kiln.iam.send(new DeleteRoleCommand({ RoleName: IB_ROLE }))],
      ['UpdateAssumeRolePolicy', kiln.iam.send(new UpdateAssumeRolePolicyCommand({ RoleName: IB_ROLE, PolicyDocument: TRUST_POLICY }))],
      ['AttachRolePolicy', kiln.iam.send(new AttachRolePolicyCommand({ RoleName: IB_ROLE, PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))],
      ['DetachRolePolicy', kiln.iam.send(new DetachRolePolicyCommand({ RoleName: IB_ROLE, PolicyArn: IB_POLICY_ARN }))],
      ['PutRolePolicy', kiln.iam.send(new PutRolePolicyCommand({ RoleName: IB_ROLE, PolicyName: 'p', PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}' }))],
      ['DeleteRolePolicy', kiln.iam.send(new DeleteRolePolicyCommand({ RoleName: IB_ROLE, PolicyName: 'p' }))],
      ['PutRolePermissionsBoundary', kiln.iam.send(new PutRolePermissionsBoundaryCommand({ RoleName: IB_ROLE, PermissionsBoundary: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }))],
      ['DeleteRolePermissionsBoundary', kiln.iam.send(new DeleteRolePermissionsBoundaryCommand({ RoleName: IB_ROLE }))],
      ['UpdateRole(MaxSessionDuration)', kiln.iam.send(new UpdateRoleCommand({ RoleName: IB_ROLE, MaxSessionDuration: 7200 }))],
      ['AddRoleToInstanceProfile', kiln.iam.send(new AddRoleToInstanceProfileCommand({ RoleName: IB_ROLE, InstanceProfileName: 'builders' }))],
      ['RemoveRoleFromInstanceProfile', kiln.iam.send(new RemoveRoleFromInstanceProfileCommand({ RoleName: IB_ROLE, InstanceProfileName: 'builders' }))],
    ];
    for (const [operation, attempt] of attempts) {
      assert.deepEqual(await failure(attempt), { name: 'UnmodifiableEntityException', message: protectedMessage, status: 400 }, operation);
    }
    const { Role } = await kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE }));
    assert.equal(Role?.MaxSessionDuration, 3600);
    const attached = await kiln.iam.send(new ListAttachedRolePoliciesCommand({ RoleName: IB_ROLE }));
    assert.deepEqual(attached.AttachedPolicies?.map((p) => p.PolicyArn), [IB_POLICY_ARN]);

    await kiln.iam.send(new UpdateRoleDescriptionCommand({ RoleName: IB_ROLE, Description: 'builds images' }));
    await kiln.iam.send(new UpdateRoleCommand({ RoleName: IB_ROLE, Description: 'builds golden images' }));
    await kiln.iam.send(new TagRoleCommand({ RoleName: IB_ROLE, Tags: [{ Key: 'team', Value: 'platform' }, { Key: 'tmp', Value: 'x' }] }));
    await kiln.iam.send(new UntagRoleCommand({ RoleName: IB_ROLE, TagKeys: ['tmp'] }));
    const changed = await kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE }));
    assert.equal(changed.Role?.Description, 'builds golden images');
    assert.deepEqual(changed.Role?.Tags, [{ Key: 'team', Value: 'platform' }]);
  });

  it('refuses the service-role path and service-role policies on ordinary roles', async () => {
    const path = await failure(kiln.iam.send(new CreateRoleCommand({ RoleName: 'sneaky', Path: `/aws-service-role/${IMAGE_BUILDER}/`, AssumeRolePolicyDocument: TRUST_POLICY })));
    assert.deepEqual(path, { name: 'InvalidInputException', message: "Path prefix '/aws-service-role/' can only be used for AWS Service linked Roles", status: 400 });
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'ordinary', AssumeRolePolicyDocument: TRUST_POLICY }));
    const attach = await failure(kiln.iam.send(new AttachRolePolicyCommand({ RoleName: 'ordinary', PolicyArn: IB_POLICY_ARN })));
    assert.deepEqual(attach, { name: 'PolicyNotAttachableException', message: 'Cannot attach a Service Role Policy to a Customer Role.', status: 400 });
  });

  it('deletes the role through an asynchronous task driven by the clock', async () => {
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }));
    const { DeletionTaskId } = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: IB_ROLE }));
    assert.match(DeletionTaskId ?? '', new RegExp(`^task/aws-service-role/${IMAGE_BUILDER}/${IB_ROLE}/[0-9a-f-]{36}$`));
    assert.equal((await status(DeletionTaskId!)).Status, 'NOT_STARTED');
    const again = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: IB_ROLE }));
    assert.equal(again.DeletionTaskId, DeletionTaskId);
    await kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE }));
    const taken = await failure(kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER })));
    assert.equal(taken.name, 'InvalidInputException');

    await advance(500);
    assert.equal((await status(DeletionTaskId!)).Status, 'IN_PROGRESS');
    await kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE }));

    await advance(1000);
    const done = await status(DeletionTaskId!);
    assert.equal(done.Status, 'SUCCEEDED');
    assert.equal(done.Reason, undefined);
    const gone = await failure(kiln.iam.send(new GetRoleCommand({ RoleName: IB_ROLE })));
    assert.deepEqual(gone, { name: 'NoSuchEntityException', message: `The role with name ${IB_ROLE} cannot be found.`, status: 404 });

    await advance(60_000);
    const purged = await failure(status(DeletionTaskId!));
    assert.equal(purged.name, 'NoSuchEntityException');
    assert.equal(purged.status, 404);

    const recreated = await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: IMAGE_BUILDER }));
    assert.equal(recreated.Role?.RoleName, IB_ROLE);
  });

  it('fails the task, naming regions and resources, while the owning service still uses the role', async () => {
    await kiln.iam.send(new CreateServiceLinkedRoleCommand({ AWSServiceName: 'ecs.amazonaws.com' }));
    ecsUsage = [
      { Region: 'us-east-1', Resources: ['arn:aws:ecs:us-east-1:123456789012:cluster/a'] },
      { Region: 'eu-west-1', Resources: ['arn:aws:ecs:eu-west-1:123456789012:cluster/b'] },
    ];
    const first = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForECS' }));
    await advance(1500);
    const failed = await status(first.DeletionTaskId!);
    assert.equal(failed.Status, 'FAILED');
    assert.deepEqual(failed.Reason?.RoleUsageList, ecsUsage);
    assert.ok(failed.Reason?.Reason);
    await kiln.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForECS' }));

    ecsUsage = [];
    const second = await kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'AWSServiceRoleForECS' }));
    assert.notEqual(second.DeletionTaskId, first.DeletionTaskId);
    await advance(1500);
    assert.equal((await status(second.DeletionTaskId!)).Status, 'SUCCEEDED');
    assert.equal((await failure(kiln.iam.send(new GetRoleCommand({ RoleName: 'AWSServiceRoleForECS' })))).name, 'NoSuchEntityException');
  });

  it('answers clear errors for ordinary roles, missing roles and bad task ids', async () => {
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'ordinary', AssumeRolePolicyDocument: TRUST_POLICY }));
    const ordinary = await failure(kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'ordinary' })));
    assert.equal(ordinary.name, 'InvalidInputException');
    assert.match(ordinary.message, /not a service-linked role/);
    await kiln.iam.send(new GetRoleCommand({ RoleName: 'ordinary' }));
    const missing = await failure(kiln.iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: 'nothing' })));
    assert.deepEqual(missing, { name: 'NoSuchEntityException', message: 'The role with name nothing cannot be found.', status: 404 });
    const malformed = await failure(status('not-a-task'));
    assert.equal(malformed.name, 'InvalidInputException');
    const unknown = await failure(status(`task/aws-service-role/${IMAGE_BUILDER}/${IB_ROLE}/00000000-0000-4000-8000-000000000000`));
    assert.equal(unknown.name, 'NoSuchEntityException');
    assert.equal(unknown.status, 404);
  });
});
