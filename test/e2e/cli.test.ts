/**
 * The `aws` CLI (v1) against an in-process Kiln, run as a real subprocess: what a user typing
 * commands in a shell would see. Some calls pass `--endpoint-url`, the rest rely on
 * AWS_ENDPOINT_URL from the environment.
 *
 * The server runs in this process, so every subprocess is spawned asynchronously.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws, type CliResult } from '../helpers/subprocess.js';

const TRUST_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'imagebuilder.amazonaws.com' }, Action: 'sts:AssumeRole' }],
};

const COMPONENT_YAML = [
  'name: HelloWorld',
  'description: Says hello from the CLI test',
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

describe('aws CLI against Kiln', () => {
  let kiln: TestKiln;
  let arnPrefix: string;

  const run = runAws;

  /** `aws` with AWS_ENDPOINT_URL from the environment. */
  const aws = (...args: string[]) => run(args, kiln.env);

  /** `aws --endpoint-url ...` with AWS_ENDPOINT_URL removed, so only the flag can point it at Kiln. */
  function awsWithEndpointFlag(...args: string[]): Promise<CliResult> {
    const env = { ...kiln.env };
    delete env.AWS_ENDPOINT_URL;
    return run(['--endpoint-url', kiln.endpoint, ...args], env);
  }

  /** Asserts the command succeeded and parses its JSON output (empty output → undefined). */
  function json(result: CliResult): any {
    assert.equal(result.code, 0, `aws exited with ${result.code}: ${result.stderr}`);
    return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
  }

  before(async () => {
    kiln = await startTestKiln();
    arnPrefix = `arn:aws:imagebuilder:${kiln.region}:123456789012:component`;
  });

  after(async () => {
    await kiln?.close();
  });

  it('sts get-caller-identity returns the root identity (via --endpoint-url)', async () => {
    const identity = json(await awsWithEndpointFlag('sts', 'get-caller-identity'));
    assert.deepEqual(
      { UserId: identity.UserId, Account: identity.Account, Arn: identity.Arn },
      { UserId: '123456789012', Account: '123456789012', Arn: 'arn:aws:iam::123456789012:root' },
    );
  });

  it('sts get-caller-identity also works through AWS_ENDPOINT_URL', async () => {
    const identity = json(await aws('sts', 'get-caller-identity'));
    assert.equal(identity.Arn, 'arn:aws:iam::123456789012:root');
  });

  it('iam create-role, get-role, update-role-description and delete-role', async () => {
    const created = json(await aws(
      'iam', 'create-role', '--role-name', 'CliBuildRole', '--path', '/cli/',
      '--assume-role-policy-document', JSON.stringify(TRUST_POLICY), '--description', 'first description',
    )).Role;
    assert.equal(created.RoleName, 'CliBuildRole');
    assert.equal(created.Path, '/cli/');
    assert.equal(created.Arn, 'arn:aws:iam::123456789012:role/cli/CliBuildRole');
    assert.match(created.RoleId, /^AROA[A-Z0-9]{17}$/);
    assert.equal(created.Description, 'first description');
    // The CLI URL-decodes the policy and prints it as a JSON object.
    assert.deepEqual(created.AssumeRolePolicyDocument, TRUST_POLICY);
    assert.ok(!Number.isNaN(Date.parse(created.CreateDate)), `CreateDate ${created.CreateDate} is a timestamp`);

    const fetched = json(await awsWithEndpointFlag('iam', 'get-role', '--role-name', 'CliBuildRole')).Role;
    assert.equal(fetched.Arn, created.Arn);
    assert.equal(fetched.RoleId, created.RoleId);
    assert.equal(fetched.MaxSessionDuration, 3600);
    assert.deepEqual(fetched.AssumeRolePolicyDocument, TRUST_POLICY);

    const updated = json(await aws('iam', 'update-role-description', '--role-name', 'CliBuildRole', '--description', 'second description')).Role;
    assert.equal(updated.RoleName, 'CliBuildRole');
    assert.equal(updated.Description, 'second description');
    assert.equal(json(await aws('iam', 'get-role', '--role-name', 'CliBuildRole')).Role.Description, 'second description');

    assert.equal(json(await aws('iam', 'delete-role', '--role-name', 'CliBuildRole')), undefined);
    const gone = await aws('iam', 'get-role', '--role-name', 'CliBuildRole');
    assert.notEqual(gone.code, 0);
    assert.match(gone.stderr, /NoSuchEntity/);
  });

  it('iam list-roles pages with --max-items and --starting-token', async () => {
    const names = ['CliPageA', 'CliPageB', 'CliPageC'];
    const created = await Promise.all([
      ...names.map((name) => aws('iam', 'create-role', '--role-name', name, '--path', '/cli-paging/', '--assume-role-policy-document', JSON.stringify(TRUST_POLICY))),
      // A role outside the prefix must not show up.
      aws('iam', 'create-role', '--role-name', 'CliOutsidePrefix', '--assume-role-policy-document', JSON.stringify(TRUST_POLICY)),
    ]);
    created.forEach(json);

    // --page-size 1 makes the CLI fetch one role per request, following the server's Marker.
    const first = json(await aws('iam', 'list-roles', '--path-prefix', '/cli-paging/', '--max-items', '2', '--page-size', '1'));
    assert.equal(first.Roles.length, 2);
    assert.equal(typeof first.NextToken, 'string', 'a NextToken is printed when more roles remain');

    const second = json(await awsWithEndpointFlag('iam', 'list-roles', '--path-prefix', '/cli-paging/', '--max-items', '2', '--starting-token', first.NextToken));
    assert.equal(second.Roles.length, 1);
    assert.equal(second.NextToken, undefined, 'no NextToken after the last role');

    const seen = [...first.Roles, ...second.Roles].map((r: { RoleName: string }) => r.RoleName);
    assert.deepEqual([...seen].sort(), names, 'every role under the prefix exactly once');
    for (const role of [...first.Roles, ...second.Roles]) assert.equal(role.Path, '/cli-paging/');

    // Without --max-items the CLI collects everything.
    const all = json(await aws('iam', 'list-roles', '--path-prefix', '/cli-paging/'));
    assert.deepEqual(all.Roles.map((r: { RoleName: string }) => r.RoleName).sort(), names);
  });

  it('iam tag-role, list-role-tags and untag-role', async () => {
    json(await aws('iam', 'create-role', '--role-name', 'CliTaggedRole', '--assume-role-policy-document', JSON.stringify(TRUST_POLICY)));

    assert.equal(json(await aws('iam', 'tag-role', '--role-name', 'CliTaggedRole', '--tags', 'Key=team,Value=platform', 'Key=env,Value=dev')), undefined);
    // --no-paginate prints the response as the server sent it, IsTruncated included.
    const tagged = json(await aws('iam', 'list-role-tags', '--role-name', 'CliTaggedRole', '--no-paginate'));
    assert.deepEqual(
      [...tagged.Tags].sort((a: { Key: string }, b: { Key: string }) => a.Key.localeCompare(b.Key)),
      [{ Key: 'env', Value: 'dev' }, { Key: 'team', Value: 'platform' }],
    );
    assert.equal(tagged.IsTruncated, false);

    // Tagging an existing key replaces its value.
    json(await aws('iam', 'tag-role', '--role-name', 'CliTaggedRole', '--tags', 'Key=env,Value=prod'));
    assert.equal(json(await awsWithEndpointFlag('iam', 'get-role', '--role-name', 'CliTaggedRole')).Role.Tags.find((t: { Key: string }) => t.Key === 'env').Value, 'prod');

    assert.equal(json(await aws('iam', 'untag-role', '--role-name', 'CliTaggedRole', '--tag-keys', 'env')), undefined);
    assert.deepEqual(json(await aws('iam', 'list-role-tags', '--role-name', 'CliTaggedRole')).Tags, [{ Key: 'team', Value: 'platform' }]);
  });

  it('iam get-role of a missing role exits non-zero with NoSuchEntity', async () => {
    const result = await aws('iam', 'get-role', '--role-name', 'CliNoSuchRole');
    assert.notEqual(result.code, 0);
    assert.equal(result.stdout.trim(), '');
    assert.match(result.stderr, /\(NoSuchEntity\) when calling the GetRole operation/);
    assert.match(result.stderr, /The role with name CliNoSuchRole cannot be found\./);
  });

  it('imagebuilder create-component, get-component, list-components, list-component-build-versions, delete-component', async () => {
    const created = json(await aws(
      'imagebuilder', 'create-component', '--name', 'Cli Hello_World', '--semantic-version', '1.0.0',
      '--platform', 'Linux', '--description', 'from the CLI test', '--data', COMPONENT_YAML,
    ));
    // The name in the ARN is lower-cased, with spaces and underscores turned into hyphens.
    const firstBuild = `${arnPrefix}/cli-hello-world/1.0.0/1`;
    assert.equal(created.componentBuildVersionArn, firstBuild);
    assert.equal(typeof created.requestId, 'string');

    const component = json(await awsWithEndpointFlag('imagebuilder', 'get-component', '--component-build-version-arn', firstBuild)).component;
    assert.equal(component.arn, firstBuild);
    assert.equal(component.name, 'Cli Hello_World');
    assert.equal(component.version, '1.0.0');
    assert.equal(component.platform, 'Linux');
    assert.equal(component.type, 'BUILD');
    assert.equal(component.description, 'from the CLI test');
    assert.equal(component.owner, '123456789012');
    assert.equal(component.data, COMPONENT_YAML);
    assert.equal(component.state?.status, 'ACTIVE');

    // The same name and version again is the next build.
    const again = json(await aws(
      'imagebuilder', 'create-component', '--name', 'Cli Hello_World', '--semantic-version', '1.0.0',
      '--platform', 'Linux', '--data', COMPONENT_YAML,
    ));
    const secondBuild = `${arnPrefix}/cli-hello-world/1.0.0/2`;
    assert.equal(again.componentBuildVersionArn, secondBuild);

    const listed = json(await aws('imagebuilder', 'list-components')).componentVersionList;
    const versions = listed.filter((c: { name: string }) => c.name === 'Cli Hello_World');
    assert.equal(versions.length, 1, 'list-components shows each semantic version once');
    assert.equal(versions[0].arn, `${arnPrefix}/cli-hello-world/1.0.0`);
    assert.equal(versions[0].version, '1.0.0');

    const builds = json(await aws('imagebuilder', 'list-component-build-versions', '--component-version-arn', `${arnPrefix}/cli-hello-world/1.0.0`)).componentSummaryList;
    assert.deepEqual(builds.map((b: { arn: string }) => b.arn).sort(), [firstBuild, secondBuild]);

    const deleted = json(await aws('imagebuilder', 'delete-component', '--component-build-version-arn', firstBuild));
    assert.equal(deleted.componentBuildVersionArn, firstBuild);

    const missing = await aws('imagebuilder', 'get-component', '--component-build-version-arn', firstBuild);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /\(ResourceNotFoundException\) when calling the GetComponent operation/);

    const remaining = json(await aws('imagebuilder', 'list-component-build-versions', '--component-version-arn', `${arnPrefix}/cli-hello-world/1.0.0`)).componentSummaryList;
    assert.deepEqual(remaining.map((b: { arn: string }) => b.arn), [secondBuild]);
  });

  it('imagebuilder create-component with both --data and --uri is rejected', async () => {
    const result = await aws(
      'imagebuilder', 'create-component', '--name', 'CliBothDocuments', '--semantic-version', '1.0.0',
      '--platform', 'Linux', '--data', COMPONENT_YAML, '--uri', 's3://my-bucket/component.yaml',
    );
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /\(InvalidParameterCombinationException\) when calling the CreateComponent operation/);

    // Nothing was created.
    const listed = json(await aws('imagebuilder', 'list-components')).componentVersionList;
    assert.equal(listed.filter((c: { name: string }) => c.name === 'CliBothDocuments').length, 0);
  });
});
