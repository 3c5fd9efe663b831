/**
 * The service-linked-role lifecycle as a user runs it from a shell (`aws iam ...`) and from boto3:
 * create, inspect, delete, poll the deletion status until it finishes, create again. Kiln runs on
 * the real clock here with short deletion phases, so polling works as it does against AWS.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws, runBoto3, type CliResult } from '../helpers/subprocess.js';

const ROLE = 'AWSServiceRoleForImageBuilder';
const SERVICE = 'imagebuilder.amazonaws.com';

function json(result: CliResult): any {
  assert.equal(result.code, 0, `aws exited with ${result.code}: ${result.stderr}`);
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
}

describe('service-linked role lifecycle through the aws CLI and boto3', () => {
  let kiln: TestKiln;
  const aws = (...args: string[]) => runAws(args, kiln.env);

  before(async () => {
    kiln = await startTestKiln({ slrDeletionStartMs: 100, slrDeletionRunMs: 200 });
  });
  after(() => kiln.close());

  it('aws iam: create, inspect, delete and poll until SUCCEEDED, then create again', async () => {
    const created = json(await aws('iam', 'create-service-linked-role', '--aws-service-name', SERVICE)).Role;
    assert.equal(created.RoleName, ROLE);
    assert.equal(created.Path, `/aws-service-role/${SERVICE}/`);
    assert.deepEqual(created.AssumeRolePolicyDocument.Statement, [{ Effect: 'Allow', Principal: { Service: SERVICE }, Action: 'sts:AssumeRole' }]);

    const attached = json(await aws('iam', 'list-attached-role-policies', '--role-name', ROLE)).AttachedPolicies;
    assert.deepEqual(attached, [{ PolicyName: ROLE, PolicyArn: `arn:aws:iam::aws:policy/aws-service-role/${ROLE}` }]);
    const policy = json(await aws('iam', 'get-policy', '--policy-arn', `arn:aws:iam::aws:policy/aws-service-role/${ROLE}`)).Policy;
    assert.equal(policy.DefaultVersionId, 'v27');
    assert.equal(policy.AttachmentCount, 1);

    const again = await aws('iam', 'create-service-linked-role', '--aws-service-name', SERVICE);
    assert.notEqual(again.code, 0);
    assert.match(again.stderr, /\(InvalidInput\).*Service role name AWSServiceRoleForImageBuilder has been taken in this account, please try a different suffix\./);
    const suffix = await aws('iam', 'create-service-linked-role', '--aws-service-name', SERVICE, '--custom-suffix', 'x');
    assert.match(suffix.stderr, /\(InvalidInput\).*Custom suffix is not allowed for imagebuilder\.amazonaws\.com/);
    const deleteRole = await aws('iam', 'delete-role', '--role-name', ROLE);
    assert.match(deleteRole.stderr, /\(UnmodifiableEntity\).*Cannot perform the operation on the protected role 'AWSServiceRoleForImageBuilder' - this role is only modifiable by AWS/);

    const { DeletionTaskId } = json(await aws('iam', 'delete-service-linked-role', '--role-name', ROLE));
    assert.match(DeletionTaskId, new RegExp(`^task/aws-service-role/${SERVICE}/${ROLE}/[0-9a-f-]{36}$`));
    const seen = new Set<string>();
    for (let attempt = 0; attempt < 50 && !seen.has('SUCCEEDED'); attempt++) {
      seen.add(json(await aws('iam', 'get-service-linked-role-deletion-status', '--deletion-task-id', DeletionTaskId)).Status);
    }
    assert.ok(seen.has('SUCCEEDED'), `statuses seen: ${[...seen].join(', ')}`);
    const gone = await aws('iam', 'get-role', '--role-name', ROLE);
    assert.match(gone.stderr, /\(NoSuchEntity\)/);
    assert.equal(json(await aws('iam', 'get-policy', '--policy-arn', `arn:aws:iam::aws:policy/aws-service-role/${ROLE}`)).Policy.AttachmentCount, 0);

    assert.equal(json(await aws('iam', 'create-service-linked-role', '--aws-service-name', SERVICE)).Role.RoleName, ROLE);
    await kiln.reset();
  });

  it('boto3: the same lifecycle, with errors as botocore reports them', async () => {
    const result = await runBoto3(`
import time
iam = boto3.client('iam')
role = iam.create_service_linked_role(AWSServiceName=args['service'])['Role']
try:
    iam.create_service_linked_role(AWSServiceName=args['service'], CustomSuffix='x')
    suffix = None
except ClientError as e:
    suffix = error(e)
try:
    iam.attach_user_policy(UserName=iam.create_user(UserName='builder')['User']['UserName'],
                           PolicyArn='arn:aws:iam::aws:policy/aws-service-role/' + args['role'])
    attach = None
except ClientError as e:
    attach = error(e)
task = iam.delete_service_linked_role(RoleName=args['role'])['DeletionTaskId']
statuses = []
for _ in range(100):
    status = iam.get_service_linked_role_deletion_status(DeletionTaskId=task)['Status']
    statuses.append(status)
    if status in ('SUCCEEDED', 'FAILED'):
        break
    time.sleep(0.05)
out({'role': role, 'suffix': suffix, 'attach': attach, 'task': task, 'statuses': statuses,
     'roles': [r['RoleName'] for r in iam.list_roles(PathPrefix='/aws-service-role/')['Roles']]})
`, { service: SERVICE, role: ROLE }, kiln.env);
    assert.equal(result.role.RoleName, ROLE);
    assert.deepEqual(result.role.AssumeRolePolicyDocument, { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: SERVICE }, Action: 'sts:AssumeRole' }] });
    assert.deepEqual(result.suffix, { Error: { Type: 'Sender', Code: 'InvalidInput', Message: `Custom suffix is not allowed for ${SERVICE}` }, HTTPStatusCode: 400 });
    assert.equal(result.attach.Error.Code, 'PolicyNotAttachable');
    assert.equal(result.attach.HTTPStatusCode, 400);
    assert.equal(result.statuses.at(-1), 'SUCCEEDED');
    assert.ok(result.statuses.every((s: string) => ['NOT_STARTED', 'IN_PROGRESS', 'SUCCEEDED'].includes(s)));
    assert.deepEqual(result.roles, []);
  });
});
