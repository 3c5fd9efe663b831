/**
 * The README's Image Builder walkthrough, as a user runs it: with the `aws` CLI against a started
 * Kiln, then the same flow through @aws-sdk/client-imagebuilder and @aws-sdk/client-iam. A
 * component, a recipe, an instance profile (with its role) and an infrastructure configuration; a
 * pipeline with a schedule, started by hand; the service-linked role appears; deleting it FAILS
 * with the usage list; the build is cancelled and the pipeline set to manual; deleting it
 * SUCCEEDS; the next image creates it again. Kiln runs on the real clock with a long BUILDING
 * stage (the build is still running when the deletion is checked) and short deletion phases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, DeleteServiceLinkedRoleCommand, GetRoleCommand,
  GetServiceLinkedRoleDeletionStatusCommand, type GetServiceLinkedRoleDeletionStatusCommandOutput,
} from '@aws-sdk/client-iam';
import {
  CancelImageCreationCommand, CreateComponentCommand, CreateImageCommand, CreateImagePipelineCommand, CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand, GetImageCommand, StartImagePipelineExecutionCommand, UpdateImagePipelineCommand,
} from '@aws-sdk/client-imagebuilder';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws, type CliResult } from '../helpers/subprocess.js';
import { ACCOUNT, HOUR_AWAY_FROM_NOW } from '../helpers/fixtures.js';

const SLR = 'AWSServiceRoleForImageBuilder';
const COMPONENT = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Hello\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo hello\n';
const TRUST = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function json(result: CliResult): any {
  assert.equal(result.code, 0, `aws exited with ${result.code}: ${result.stderr}`);
  return result.stdout.trim() === '' ? undefined : JSON.parse(result.stdout);
}

describe('the Image Builder walkthrough', () => {
  let kiln: TestKiln;
  const aws = (...args: string[]) => runAws(args, kiln.env);

  before(async () => {
    kiln = await startTestKiln({
      slrDeletionStartMs: 100, slrDeletionRunMs: 200,
      buildPendingMs: 500, buildBuildingMs: 120_000, buildTestingMs: 0, buildDistributingMs: 0, buildIntegratingMs: 0,
    });
  });
  after(() => kiln.close());

  it('through the aws CLI', async () => {
    const component = json(await aws('imagebuilder', 'create-component', '--name', 'hello', '--semantic-version', '1.0.0', '--platform', 'Linux', '--data', COMPONENT)).componentBuildVersionArn;
    const recipe = json(await aws('imagebuilder', 'create-image-recipe', '--name', 'golden', '--semantic-version', '1.0.0',
      '--parent-image', 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x', '--components', `componentArn=${component}`)).imageRecipeArn;
    json(await aws('iam', 'create-role', '--role-name', 'ImageBuilderInstance', '--assume-role-policy-document', TRUST));
    json(await aws('iam', 'create-instance-profile', '--instance-profile-name', 'ImageBuilderInstance'));
    json(await aws('iam', 'add-role-to-instance-profile', '--instance-profile-name', 'ImageBuilderInstance', '--role-name', 'ImageBuilderInstance'));
    const infra = json(await aws('imagebuilder', 'create-infrastructure-configuration', '--name', 'builders', '--instance-profile-name', 'ImageBuilderInstance')).infrastructureConfigurationArn;
    const pipeline = json(await aws('imagebuilder', 'create-image-pipeline', '--name', 'nightly', '--image-recipe-arn', recipe,
      '--infrastructure-configuration-arn', infra, '--schedule', `{"scheduleExpression":"cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)"}`)).imagePipelineArn;
    assert.match((await aws('iam', 'get-role', '--role-name', SLR)).stderr, /\(NoSuchEntity\)/, 'no role before the first image');

    const image = json(await aws('imagebuilder', 'start-image-pipeline-execution', '--image-pipeline-arn', pipeline)).imageBuildVersionArn;
    assert.equal(image, `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/golden/1.0.0/1`);
    assert.equal(json(await aws('iam', 'get-role', '--role-name', SLR)).Role.Path, '/aws-service-role/imagebuilder.amazonaws.com/');

    const poll = async (task: string, until: string[]) => {
      for (let i = 0; i < 50; i++) {
        const status = json(await aws('iam', 'get-service-linked-role-deletion-status', '--deletion-task-id', task));
        if (until.includes(status.Status)) return status;
      }
      assert.fail(`deletion task ${task} did not finish`);
    };
    const failed = await poll(json(await aws('iam', 'delete-service-linked-role', '--role-name', SLR)).DeletionTaskId, ['FAILED', 'SUCCEEDED']);
    assert.equal(failed.Status, 'FAILED');
    assert.deepEqual(failed.Reason.RoleUsageList, [{ Region: 'us-east-1', Resources: [image, pipeline] }]);

    json(await aws('imagebuilder', 'cancel-image-creation', '--image-build-version-arn', image));
    assert.equal(json(await aws('imagebuilder', 'get-image', '--image-build-version-arn', image)).image.state.status, 'CANCELLED');
    json(await aws('imagebuilder', 'update-image-pipeline', '--image-pipeline-arn', pipeline, '--image-recipe-arn', recipe, '--infrastructure-configuration-arn', infra));
    const succeeded = await poll(json(await aws('iam', 'delete-service-linked-role', '--role-name', SLR)).DeletionTaskId, ['FAILED', 'SUCCEEDED']);
    assert.equal(succeeded.Status, 'SUCCEEDED');
    assert.match((await aws('iam', 'get-role', '--role-name', SLR)).stderr, /\(NoSuchEntity\)/);

    const next = json(await aws('imagebuilder', 'create-image', '--image-recipe-arn', recipe, '--infrastructure-configuration-arn', infra)).imageBuildVersionArn;
    assert.equal(next, `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/golden/1.0.0/2`);
    assert.equal(json(await aws('iam', 'get-role', '--role-name', SLR)).Role.RoleName, SLR);
    await kiln.reset();
  });

  it('through @aws-sdk/client-imagebuilder and @aws-sdk/client-iam', async () => {
    const { iam, imagebuilder: ib } = kiln;
    const component = (await ib.send(new CreateComponentCommand({ name: 'hello', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT }))).componentBuildVersionArn!;
    const recipe = (await ib.send(new CreateImageRecipeCommand({
      name: 'golden', semanticVersion: '1.0.0', parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x', components: [{ componentArn: component }],
    }))).imageRecipeArn!;
    await iam.send(new CreateRoleCommand({ RoleName: 'ImageBuilderInstance', AssumeRolePolicyDocument: TRUST }));
    await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'ImageBuilderInstance' }));
    await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'ImageBuilderInstance', RoleName: 'ImageBuilderInstance' }));
    const infra = (await ib.send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'ImageBuilderInstance' }))).infrastructureConfigurationArn!;
    const pipeline = (await ib.send(new CreateImagePipelineCommand({
      name: 'nightly', imageRecipeArn: recipe, infrastructureConfigurationArn: infra, schedule: { scheduleExpression: `cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)` },
    }))).imagePipelineArn!;
    const roleExists = () => iam.send(new GetRoleCommand({ RoleName: SLR })).then(() => true, () => false);
    assert.equal(await roleExists(), false);

    const image = (await ib.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline }))).imageBuildVersionArn!;
    assert.equal(await roleExists(), true);

    const deletion = async (): Promise<GetServiceLinkedRoleDeletionStatusCommandOutput> => {
      const { DeletionTaskId } = await iam.send(new DeleteServiceLinkedRoleCommand({ RoleName: SLR }));
      for (let i = 0; i < 100; i++) {
        const status = await iam.send(new GetServiceLinkedRoleDeletionStatusCommand({ DeletionTaskId }));
        if (status.Status === 'FAILED' || status.Status === 'SUCCEEDED') return status;
        await sleep(50);
      }
      assert.fail('the deletion did not finish');
    };
    const failed = await deletion();
    assert.equal(failed.Status, 'FAILED');
    assert.deepEqual(failed.Reason?.RoleUsageList, [{ Region: 'us-east-1', Resources: [image, pipeline] }]);

    await ib.send(new CancelImageCreationCommand({ imageBuildVersionArn: image }));
    assert.equal((await ib.send(new GetImageCommand({ imageBuildVersionArn: image }))).image?.state?.status, 'CANCELLED');
    await ib.send(new UpdateImagePipelineCommand({ imagePipelineArn: pipeline, imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    assert.equal((await deletion()).Status, 'SUCCEEDED');
    assert.equal(await roleExists(), false);

    await ib.send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: infra }));
    assert.equal(await roleExists(), true);
  });
});
