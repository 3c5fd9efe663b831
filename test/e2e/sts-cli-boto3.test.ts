/**
 * STS as users drive it from a shell and from Python: `aws sts assume-role` and the returned
 * credentials in the environment of the next `aws` command, and boto3's assume_role followed by
 * clients built from the returned credentials.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CreateAccessKeyCommand, CreateRoleCommand, CreateUserCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws, runBoto3, type CliResult } from '../helpers/subprocess.js';
import { ACCOUNT } from '../helpers/fixtures.js';

const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

function json(result: CliResult): any {
  assert.equal(result.code, 0, `aws exited with ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

describe('STS through the aws CLI and boto3', () => {
  let kiln: TestKiln;
  let userEnv: NodeJS.ProcessEnv;

  before(async () => {
    kiln = await startTestKiln();
    await kiln.iam.send(new CreateUserCommand({ UserName: 'dev' }));
    const { AccessKey } = await kiln.iam.send(new CreateAccessKeyCommand({ UserName: 'dev' }));
    userEnv = { ...kiln.env, AWS_ACCESS_KEY_ID: AccessKey!.AccessKeyId, AWS_SECRET_ACCESS_KEY: AccessKey!.SecretAccessKey };
    await kiln.iam.send(new CreateRoleCommand({
      RoleName: 'Deployer',
      AssumeRolePolicyDocument: doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/dev` }, Action: ['sts:AssumeRole', 'sts:TagSession'] }),
    }));
    await kiln.iam.send(new PutRolePolicyCommand({ RoleName: 'Deployer', PolicyName: 'read', PolicyDocument: doc({ Effect: 'Allow', Action: ['iam:ListRoles', 'iam:GetRole'], Resource: '*' }) }));
  });
  after(() => kiln.close());

  it('aws sts assume-role, then the session\'s credentials in the environment of the next commands', async () => {
    const out = json(await runAws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Deployer`, '--role-session-name', 'cli-session',
      '--duration-seconds', '900', '--tags', 'Key=Project,Value=Kiln'], userEnv));
    assert.match(out.Credentials.AccessKeyId, /^ASIA[A-Z2-7]{16}$/);
    assert.equal(out.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/cli-session`);
    assert.match(out.AssumedRoleUser.AssumedRoleId, /^AROA[A-Z2-7]{17}:cli-session$/);
    assert.equal(typeof out.PackedPolicySize, 'number');

    const sessionEnv = {
      ...kiln.env,
      AWS_ACCESS_KEY_ID: out.Credentials.AccessKeyId, AWS_SECRET_ACCESS_KEY: out.Credentials.SecretAccessKey, AWS_SESSION_TOKEN: out.Credentials.SessionToken,
    };
    const me = json(await runAws(['sts', 'get-caller-identity'], sessionEnv));
    assert.deepEqual(me, { UserId: out.AssumedRoleUser.AssumedRoleId, Account: ACCOUNT, Arn: out.AssumedRoleUser.Arn });
    assert.ok(json(await runAws(['iam', 'get-role', '--role-name', 'Deployer'], sessionEnv)).Role);
    const denied = await runAws(['iam', 'create-user', '--user-name', 'intruder'], sessionEnv);
    assert.notEqual(denied.code, 0);
    assert.match(denied.stderr, new RegExp(`\\(AccessDenied\\) when calling the CreateUser operation: User: arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/cli-session is not authorized to perform: iam:CreateUser`));
    const wrongToken = await runAws(['sts', 'get-caller-identity'], { ...sessionEnv, AWS_SESSION_TOKEN: 'not-the-token' });
    assert.match(wrongToken.stderr, /\(InvalidClientTokenId\) when calling the GetCallerIdentity operation: The security token included in the request is invalid/);
  });

  it('aws sts assume-role as the root user is refused', async () => {
    const root = await runAws(['sts', 'assume-role', '--role-arn', `arn:aws:iam::${ACCOUNT}:role/Deployer`, '--role-session-name', 'root-session'], kiln.env);
    assert.notEqual(root.code, 0);
    assert.match(root.stderr, /\(AccessDenied\) when calling the AssumeRole operation: Roles may not be assumed by root accounts\./);
  });

  it('boto3: assume_role, then clients built from the returned credentials', async () => {
    const result = await runBoto3(`
sts = boto3.client('sts')
assumed = sts.assume_role(RoleArn=args['role'], RoleSessionName='boto3-session', ExternalId='unused-but-allowed')
c = assumed['Credentials']
session = boto3.Session(aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey'], aws_session_token=c['SessionToken'])
me = session.client('sts').get_caller_identity()
roles = session.client('iam').list_roles()['Roles']
try:
    session.client('iam').create_user(UserName='intruder')
    denied = None
except ClientError as e:
    denied = error(e)
try:
    boto3.client('sts', aws_access_key_id=c['AccessKeyId'], aws_secret_access_key=c['SecretAccessKey']).get_caller_identity()
    no_token = None
except ClientError as e:
    no_token = error(e)
out({'user': assumed['AssumedRoleUser'], 'expiration': str(c['Expiration']), 'me': {k: me[k] for k in ('UserId', 'Account', 'Arn')},
     'roles': [r['RoleName'] for r in roles], 'denied': denied, 'no_token': no_token})
`, { role: `arn:aws:iam::${ACCOUNT}:role/Deployer` }, userEnv);
    assert.equal(result.user.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/Deployer/boto3-session`);
    assert.deepEqual(result.me, { UserId: result.user.AssumedRoleId, Account: ACCOUNT, Arn: result.user.Arn });
    assert.ok(result.roles.includes('Deployer'));
    assert.equal(result.denied.HTTPStatusCode, 403);
    assert.equal(result.denied.Error.Code, 'AccessDenied');
    assert.match(result.denied.Error.Message, /^User: arn:aws:sts::123456789012:assumed-role\/Deployer\/boto3-session is not authorized to perform: iam:CreateUser on resource: /);
    assert.deepEqual({ status: result.no_token.HTTPStatusCode, code: result.no_token.Error.Code, message: result.no_token.Error.Message },
      { status: 403, code: 'InvalidClientTokenId', message: 'The security token included in the request is invalid.' });
  });
});
