/**
 * boto3 against an in-process Kiln: each test runs a short Python script with `python3 -c`,
 * passes it JSON arguments and reads back the JSON it prints. Errors are printed as boto3 gives
 * them to a user: `e.response['Error']` and the HTTP status code.
 *
 * The server runs in this process, so every subprocess is spawned asynchronously.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runBoto3 } from '../helpers/subprocess.js';

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: ['ec2.amazonaws.com', 'imagebuilder.amazonaws.com'] }, Action: 'sts:AssumeRole' }],
};

const COMPONENT_YAML = [
  'name: Boto3Hello',
  'description: Says hello from the boto3 test',
  'schemaVersion: 1.0',
  'phases:',
  '  - name: build',
  '    steps:',
  '      - name: SayHello',
  '        action: ExecuteBash',
  '        inputs:',
  '          commands:',
  '            - echo hello',
  '',
].join('\n');

describe('boto3 against Kiln', () => {
  let kiln: TestKiln;

  const python = (script: string, args: unknown = {}, env: NodeJS.ProcessEnv = kiln.env) => runBoto3(script, args, env);

  before(async () => {
    kiln = await startTestKiln();
  });

  after(async () => {
    await kiln?.close();
  });

  it('sts.get_caller_identity returns the root identity', async () => {
    const identity = await python(`
sts = boto3.client('sts')
r = sts.get_caller_identity()
out({k: r[k] for k in ('UserId', 'Account', 'Arn')})
`);
    assert.deepEqual(identity, { UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' });
  });

  it('sts.get_caller_identity works with an explicit endpoint_url', async () => {
    const env = { ...kiln.env };
    delete env.AWS_ENDPOINT_URL;
    const identity = await python(`
sts = boto3.client('sts', endpoint_url=args['endpoint'], region_name='us-east-1')
out(sts.get_caller_identity()['Account'])
`, { endpoint: kiln.endpoint }, env);
    assert.equal(identity, '123456789012');
  });

  it('iam.create_role and get_role round-trip the trust policy as a dict', async () => {
    const result = await python(`
iam = boto3.client('iam')
created = iam.create_role(RoleName=args['name'], Path='/boto3/', AssumeRolePolicyDocument=json.dumps(args['policy']),
                          Description='made by boto3', MaxSessionDuration=7200)['Role']
fetched = iam.get_role(RoleName=args['name'])['Role']
out({'created': created, 'fetched': fetched, 'policyIsDict': isinstance(fetched['AssumeRolePolicyDocument'], dict)})
`, { name: 'Boto3Role', policy: TRUST_POLICY });

    const { created, fetched } = result;
    assert.equal(created.RoleName, 'Boto3Role');
    assert.equal(created.Path, '/boto3/');
    assert.equal(created.Arn, 'arn:aws:iam::123456789012:role/boto3/Boto3Role');
    assert.match(created.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.deepEqual(created.AssumeRolePolicyDocument, TRUST_POLICY);

    // botocore URL-decodes the document and parses it: a user gets back exactly what they sent.
    assert.equal(result.policyIsDict, true);
    assert.deepEqual(fetched.AssumeRolePolicyDocument, TRUST_POLICY);
    assert.equal(fetched.RoleId, created.RoleId);
    assert.equal(fetched.Arn, created.Arn);
    assert.equal(fetched.Description, 'made by boto3');
    assert.equal(fetched.MaxSessionDuration, 7200);
    assert.equal(fetched.CreateDate, created.CreateDate);
  });

  it('the list_roles paginator visits 5 roles exactly once, 2 at a time', async () => {
    const names = ['Boto3PageA', 'Boto3PageB', 'Boto3PageC', 'Boto3PageD', 'Boto3PageE'];
    const result = await python(`
iam = boto3.client('iam')
for name in args['names']:
    iam.create_role(RoleName=name, Path='/boto3-paging/', AssumeRolePolicyDocument=json.dumps(args['policy']))
iam.create_role(RoleName='Boto3OutsidePrefix', AssumeRolePolicyDocument=json.dumps(args['policy']))

paginator = iam.get_paginator('list_roles')

# PageSize 2: each request asks the server for at most 2 roles and follows its Marker.
pages = []
for page in paginator.paginate(PathPrefix='/boto3-paging/', PaginationConfig={'PageSize': 2}):
    pages.append({'names': [r['RoleName'] for r in page['Roles']], 'IsTruncated': page['IsTruncated'], 'hasMarker': 'Marker' in page})

# MaxItems 2: the paginator stops after 2 roles and hands back a NextToken to resume from.
resumed, token, calls = [], None, 0
while True:
    config = {'MaxItems': 2, 'PageSize': 2}
    if token:
        config['StartingToken'] = token
    full = paginator.paginate(PathPrefix='/boto3-paging/', PaginationConfig=config).build_full_result()
    calls += 1
    resumed.append([r['RoleName'] for r in full['Roles']])
    token = full.get('NextToken')
    if not token or calls > 10:
        break
out({'pages': pages, 'resumed': resumed})
`, { names, policy: TRUST_POLICY });

    assert.deepEqual(result.pages.map((p: { names: string[] }) => p.names.length), [2, 2, 1]);
    assert.deepEqual(result.pages.map((p: { IsTruncated: boolean }) => p.IsTruncated), [true, true, false]);
    assert.deepEqual(result.pages.map((p: { hasMarker: boolean }) => p.hasMarker), [true, true, false]);
    const paged = result.pages.flatMap((p: { names: string[] }) => p.names);
    assert.deepEqual([...paged].sort(), names, 'PageSize 2: every role exactly once, and only those under the prefix');

    assert.deepEqual(result.resumed.map((batch: string[]) => batch.length), [2, 2, 1]);
    assert.deepEqual(result.resumed.flat().sort(), names, 'MaxItems 2 + StartingToken: every role exactly once');
  });

  it('iam.tag_role and list_role_tags', async () => {
    const result = await python(`
iam = boto3.client('iam')
iam.create_role(RoleName='Boto3Tagged', AssumeRolePolicyDocument=json.dumps(args['policy']), Tags=[{'Key': 'owner', 'Value': 'alice'}])
iam.tag_role(RoleName='Boto3Tagged', Tags=[{'Key': 'team', 'Value': 'platform'}, {'Key': 'owner', 'Value': 'bob'}])
out(iam.list_role_tags(RoleName='Boto3Tagged'))
`, { policy: TRUST_POLICY });
    const tags = [...result.Tags].sort((a: { Key: string }, b: { Key: string }) => a.Key.localeCompare(b.Key));
    assert.deepEqual(tags, [{ Key: 'owner', Value: 'bob' }, { Key: 'team', Value: 'platform' }]);
    assert.equal(result.IsTruncated, false);
  });

  it('creating a role whose name differs only in case fails with EntityAlreadyExists (409)', async () => {
    const result = await python(`
iam = boto3.client('iam')
iam.create_role(RoleName='Boto3CaseRole', AssumeRolePolicyDocument=json.dumps(args['policy']))
try:
    iam.create_role(RoleName='boto3caserole', AssumeRolePolicyDocument=json.dumps(args['policy']))
    out({'created': True})
except ClientError as e:
    out(error(e))
`, { policy: TRUST_POLICY });
    assert.equal(result.Error.Code, 'EntityAlreadyExists');
    assert.equal(result.Error.Message, 'Role with name boto3caserole already exists.');
    assert.equal(result.HTTPStatusCode, 409);
  });

  it('imagebuilder: create_component with a client_token is idempotent, then get, list and delete', async () => {
    const result = await python(`
ib = boto3.client('imagebuilder')
params = dict(name='Boto3 Component', semanticVersion='2.1.0', platform='Linux', data=args['data'],
              description='from boto3', tags={'team': 'platform'})
first = ib.create_component(clientToken='boto3-token-1', **params)
second = ib.create_component(clientToken='boto3-token-1', **params)
try:
    ib.create_component(clientToken='boto3-token-1', **dict(params, description='something else'))
    mismatch = None
except ClientError as e:
    mismatch = error(e)
arn = first['componentBuildVersionArn']
got = ib.get_component(componentBuildVersionArn=arn)['component']
versions = ib.list_components(owner='Self')['componentVersionList']
builds = ib.list_component_build_versions(componentVersionArn=arn.rsplit('/', 1)[0])['componentSummaryList']
deleted = ib.delete_component(componentBuildVersionArn=arn)
try:
    ib.get_component(componentBuildVersionArn=arn)
    after_delete = None
except ClientError as e:
    after_delete = error(e)
after_list = ib.list_components(owner='Self')['componentVersionList']
out({'first': first, 'second': second, 'mismatch': mismatch, 'got': got, 'versions': versions, 'builds': builds,
     'deleted': deleted, 'afterDelete': after_delete, 'afterList': after_list})
`, { data: COMPONENT_YAML });

    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:component/boto3-component/2.1.0/1';
    assert.equal(result.first.componentBuildVersionArn, arn);
    assert.equal(result.first.clientToken, 'boto3-token-1');
    assert.equal(result.second.componentBuildVersionArn, arn, 'the same client token returns the same build, not /2');

    assert.equal(result.mismatch?.Error.Code, 'IdempotentParameterMismatchException');
    assert.equal(result.mismatch?.HTTPStatusCode, 400);

    assert.equal(result.got.arn, arn);
    assert.equal(result.got.name, 'Boto3 Component');
    assert.equal(result.got.version, '2.1.0');
    assert.equal(result.got.platform, 'Linux');
    assert.equal(result.got.type, 'BUILD');
    assert.equal(result.got.description, 'from boto3');
    assert.equal(result.got.data, COMPONENT_YAML);
    assert.deepEqual(result.got.tags, { team: 'platform' });

    const listed = result.versions.filter((c: { name: string }) => c.name === 'Boto3 Component');
    assert.equal(listed.length, 1);
    assert.equal(listed[0].arn, 'arn:aws:imagebuilder:us-east-1:123456789012:component/boto3-component/2.1.0');
    assert.deepEqual(result.builds.map((b: { arn: string }) => b.arn), [arn], 'the repeated request made no second build');

    assert.equal(result.deleted.componentBuildVersionArn, arn);
    assert.equal(result.afterDelete?.Error.Code, 'ResourceNotFoundException');
    assert.equal(result.afterDelete?.HTTPStatusCode, 404);
    assert.equal(result.afterList.filter((c: { name: string }) => c.name === 'Boto3 Component').length, 0);
  });
});
