/**
 * Image Builder resource policies (Put/Get of component, image recipe, container recipe and image
 * policies) and tags (TagResource, UntagResource, ListTagsForResource on every taggable resource)
 * end to end through the real @aws-sdk/client-imagebuilder client, with their errors, that failed
 * calls change nothing, region isolation, and a few calls through the `aws` CLI.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  CreateDistributionConfigurationCommand,
  CreateImageCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteComponentCommand,
  DeleteImageRecipeCommand,
  GetComponentCommand,
  GetComponentPolicyCommand,
  GetContainerRecipePolicyCommand,
  GetImagePipelineCommand,
  GetImagePolicyCommand,
  GetImageRecipeCommand,
  GetImageRecipePolicyCommand,
  ImagebuilderClient,
  ListTagsForResourceCommand,
  PutComponentPolicyCommand,
  PutContainerRecipePolicyCommand,
  PutImagePolicyCommand,
  PutImageRecipePolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  CreateInstanceProfileCommand,
} from '@aws-sdk/client-iam';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { limitedUser } from '../helpers/users.js';
import { ACCOUNT } from '../helpers/fixtures.js';

const ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}`;
const DOC = `schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;
const sharePolicy = (resource: string, actions: string[], account = '210987654321') => JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: [account] }, Action: actions, Resource: [resource] }],
});

describe('Image Builder resource policies and tags through @aws-sdk/client-imagebuilder', () => {
  let kiln: TestKiln;
  let west: ImagebuilderClient;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;
  const ib = () => kiln.imagebuilder;

  const component = async (name = unique('comp'), client?: ImagebuilderClient) =>
    (await (client ?? ib()).send(new CreateComponentCommand({ name, semanticVersion: '1.0.0', platform: 'Linux', data: DOC }))).componentBuildVersionArn!;
  const imageRecipe = async (name = unique('recipe'), semanticVersion = '1.0.0') =>
    (await ib().send(new CreateImageRecipeCommand({ name, semanticVersion, parentImage: 'ami-0123456789abcdef0' }))).imageRecipeArn!;
  const containerRecipe = async (name = unique('container')) => (await ib().send(new CreateContainerRecipeCommand({
    containerType: 'DOCKER', name, semanticVersion: '1.0.0', parentImage: 'amazonlinux:latest',
    targetRepository: { service: 'ECR', repositoryName: 'repo' }, dockerfileTemplateData: 'FROM {{{ imagebuilder:parentImage }}}',
  }))).containerRecipeArn!;
  const infrastructure = async () => {
    const profile = unique('profile');
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile }));
    return (await ib().send(new CreateInfrastructureConfigurationCommand({ name: unique('infra'), instanceProfileName: profile }))).infrastructureConfigurationArn!;
  };
  const tagsOf = async (resourceArn: string, client?: ImagebuilderClient) =>
    (await (client ?? ib()).send(new ListTagsForResourceCommand({ resourceArn }))).tags;
  const tag = (resourceArn: string, tags: Record<string, string>, client?: ImagebuilderClient) =>
    (client ?? ib()).send(new TagResourceCommand({ resourceArn, tags }));
  const untag = (resourceArn: string, tagKeys: string[]) => ib().send(new UntagResourceCommand({ resourceArn, tagKeys }));

  before(async () => {
    kiln = await startTestKiln();
    west = kiln.imagebuilderIn('us-west-2');
  });
  after(() => kiln.close());

  describe('component policies', () => {
    it('PutComponentPolicy stores the policy as given and answers the ARN; GetComponentPolicy returns it; a second Put replaces it', async () => {
      const arn = await component();
      const policy = sharePolicy(arn, ['imagebuilder:GetComponent', 'imagebuilder:ListComponents']);
      const put = await ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy }));
      assert.equal(put.$metadata.httpStatusCode, 200);
      assert.equal(put.componentArn, arn);
      assert.equal(typeof put.requestId, 'string');
      const got = await ib().send(new GetComponentPolicyCommand({ componentArn: arn }));
      assert.equal(got.$metadata.httpStatusCode, 200);
      assert.equal(got.policy, policy);
      const pretty = JSON.stringify(JSON.parse(sharePolicy(arn, ['imagebuilder:GetComponent'], '111122223333')), null, 2);
      await ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: pretty }));
      assert.equal((await ib().send(new GetComponentPolicyCommand({ componentArn: arn }))).policy, pretty, 'kept exactly as given, whitespace and all');
    });

    it('GetComponentPolicy without a policy: 404 ResourceNotFoundException', async () => {
      const arn = await component();
      await expectError(ib().send(new GetComponentPolicyCommand({ componentArn: arn })), {
        name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' has no resource policy.`,
      });
    });

    it('a component that does not exist: 404 ResourceNotFoundException for Put and Get, nothing stored', async () => {
      const missing = `${ARN}:component/never-created/1.0.0/1`;
      await expectError(ib().send(new PutComponentPolicyCommand({ componentArn: missing, policy: sharePolicy(missing, ['imagebuilder:GetComponent']) })), {
        name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${missing}' does not exist.`,
      });
      await expectError(ib().send(new GetComponentPolicyCommand({ componentArn: missing })), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('refuses policies that are not valid resource policies: 400 InvalidParameterValueException, the old policy stays', async () => {
      const arn = await component();
      const good = sharePolicy(arn, ['imagebuilder:GetComponent']);
      await ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: good }));
      const noPrincipal = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'imagebuilder:GetComponent', Resource: arn }] });
      await expectError(ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: noPrincipal })), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'policy' is not valid. Missing required field Principal",
      });
      await expectError(ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: '{not json' })), { name: 'InvalidParameterValueException', status: 400 });
      const badEffect = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Maybe', Principal: { AWS: '210987654321' }, Action: 'imagebuilder:GetComponent', Resource: arn }] });
      await expectError(ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: badEffect })), { name: 'InvalidParameterValueException', status: 400 });
      assert.equal((await ib().send(new GetComponentPolicyCommand({ componentArn: arn }))).policy, good);
    });

    it('a version ARN where a build ARN belongs: 400 InvalidParameterValueException', async () => {
      const arn = await component();
      const versionArn = arn.slice(0, arn.lastIndexOf('/'));
      await expectError(ib().send(new PutComponentPolicyCommand({ componentArn: versionArn, policy: sharePolicy(arn, ['imagebuilder:GetComponent']) })), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });

    it('deleting the component deletes its policy: a new build with the same ARN starts without one', async () => {
      const name = unique('reborn');
      const arn = await component(name);
      await ib().send(new PutComponentPolicyCommand({ componentArn: arn, policy: sharePolicy(arn, ['imagebuilder:GetComponent']) }));
      await ib().send(new DeleteComponentCommand({ componentBuildVersionArn: arn }));
      await expectError(ib().send(new GetComponentPolicyCommand({ componentArn: arn })), { name: 'ResourceNotFoundException', status: 404 });
      assert.equal(await component(name), arn);
      await expectError(ib().send(new GetComponentPolicyCommand({ componentArn: arn })), {
        name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' has no resource policy.`,
      });
    });
  });

  describe('recipe policies', () => {
    it('PutImageRecipePolicy / GetImageRecipePolicy; a wildcard ARN names the newest version', async () => {
      const name = unique('shared-recipe');
      const v1 = await imageRecipe(name, '1.0.0');
      const v2 = await imageRecipe(name, '1.1.0');
      const policy = sharePolicy(v1, ['imagebuilder:GetImageRecipe', 'imagebuilder:ListImageRecipes']);
      const put = await ib().send(new PutImageRecipePolicyCommand({ imageRecipeArn: v1, policy }));
      assert.equal(put.imageRecipeArn, v1);
      assert.equal((await ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: v1 }))).policy, policy);
      await expectError(ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: v2 })), { name: 'ResourceNotFoundException', status: 404 });
      const wild = await ib().send(new PutImageRecipePolicyCommand({ imageRecipeArn: `${ARN}:image-recipe/${name}/x.x.x`, policy }));
      assert.equal(wild.imageRecipeArn, v2);
      assert.equal((await ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: v2 }))).policy, policy);
    });

    it('image recipe policies: 404 for a missing recipe, 400 for a bad policy; deleting the recipe deletes its policy', async () => {
      const missing = `${ARN}:image-recipe/never-created/1.0.0`;
      await expectError(ib().send(new PutImageRecipePolicyCommand({ imageRecipeArn: missing, policy: sharePolicy(missing, ['imagebuilder:GetImageRecipe']) })), {
        name: 'ResourceNotFoundException', status: 404,
      });
      await expectError(ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: missing })), { name: 'ResourceNotFoundException', status: 404 });
      const name = unique('policy-recipe');
      const arn = await imageRecipe(name);
      await expectError(ib().send(new PutImageRecipePolicyCommand({ imageRecipeArn: arn, policy: '[]' })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: arn })), { name: 'ResourceNotFoundException', status: 404 });
      await ib().send(new PutImageRecipePolicyCommand({ imageRecipeArn: arn, policy: sharePolicy(arn, ['imagebuilder:GetImageRecipe']) }));
      await ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: arn }));
      assert.equal(await imageRecipe(name), arn);
      await expectError(ib().send(new GetImageRecipePolicyCommand({ imageRecipeArn: arn })), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('PutContainerRecipePolicy / GetContainerRecipePolicy', async () => {
      const arn = await containerRecipe();
      const policy = sharePolicy(arn, ['imagebuilder:GetContainerRecipe']);
      const put = await ib().send(new PutContainerRecipePolicyCommand({ containerRecipeArn: arn, policy }));
      assert.equal(put.containerRecipeArn, arn);
      assert.equal((await ib().send(new GetContainerRecipePolicyCommand({ containerRecipeArn: arn }))).policy, policy);
      const missing = `${ARN}:container-recipe/never-created/1.0.0`;
      await expectError(ib().send(new PutContainerRecipePolicyCommand({ containerRecipeArn: missing, policy })), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(ib().send(new PutContainerRecipePolicyCommand({ containerRecipeArn: arn, policy: '{"Statement":[]}' })), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(ib().send(new GetContainerRecipePolicyCommand({ containerRecipeArn: `${ARN}:image-recipe/x/1.0.0` })), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });
  });

  describe('image policies', () => {
    it('an image that does not exist: 404; an image version ARN where a build belongs: 400', async () => {
      const missing = `${ARN}:image/never-built/1.0.0/1`;
      await expectError(ib().send(new PutImagePolicyCommand({ imageArn: missing, policy: sharePolicy(missing, ['imagebuilder:GetImage']) })), {
        name: 'ResourceNotFoundException', status: 404,
      });
      await expectError(ib().send(new GetImagePolicyCommand({ imageArn: missing })), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(ib().send(new GetImagePolicyCommand({ imageArn: `${ARN}:image/never-built/1.0.0` })), { name: 'InvalidParameterValueException', status: 400 });
    });

    it('PutImagePolicy / GetImagePolicy and tags on an image build', async () => {
      const recipe = await imageRecipe();
      const imageArn = (await ib().send(new CreateImageCommand({ imageRecipeArn: recipe, infrastructureConfigurationArn: await infrastructure() }))).imageBuildVersionArn!;
      const policy = sharePolicy(imageArn, ['imagebuilder:GetImage', 'imagebuilder:ListImages']);
      const put = await ib().send(new PutImagePolicyCommand({ imageArn, policy }));
      assert.equal(put.imageArn, imageArn);
      assert.equal((await ib().send(new GetImagePolicyCommand({ imageArn }))).policy, policy);
      await tag(imageArn, { stage: 'test' });
      assert.equal((await tagsOf(imageArn))!.stage, 'test');
    });
  });

  describe('TagResource, UntagResource, ListTagsForResource', () => {
    it('on a component build: adds, overwrites, removes; GetComponent shows the same tags', async () => {
      const arn = (await ib().send(new CreateComponentCommand({ name: unique('tagged'), semanticVersion: '1.0.0', platform: 'Linux', data: DOC, tags: { a: '1' } }))).componentBuildVersionArn!;
      assert.deepEqual(await tagsOf(arn), { a: '1' });
      const out = await tag(arn, { b: '2', a: 'one' });
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.deepEqual(await tagsOf(arn), { a: 'one', b: '2' });
      const removed = await untag(arn, ['a', 'not-there']);
      assert.equal(removed.$metadata.httpStatusCode, 200);
      assert.deepEqual(await tagsOf(arn), { b: '2' });
      assert.deepEqual((await ib().send(new GetComponentCommand({ componentBuildVersionArn: arn }))).component!.tags, { b: '2' });
      await untag(arn, ['b']);
      assert.deepEqual(await tagsOf(arn), {});
    });

    it('on recipes, configurations and pipelines, as each Get answers them', async () => {
      const recipe = await imageRecipe();
      const container = await containerRecipe();
      const infra = await infrastructure();
      const distribution = (await ib().send(new CreateDistributionConfigurationCommand({
        name: unique('dist'), distributions: [{ region: 'us-east-1', amiDistributionConfiguration: { name: 'ami-{{ imagebuilder:buildDate }}' } }],
      }))).distributionConfigurationArn!;
      const pipeline = (await ib().send(new CreateImagePipelineCommand({ name: unique('pipe'), imageRecipeArn: recipe, infrastructureConfigurationArn: infra }))).imagePipelineArn!;
      for (const arn of [recipe, container, infra, distribution, pipeline]) {
        assert.deepEqual(await tagsOf(arn), {}, arn);
        await tag(arn, { owner: 'me', env: 'dev' });
        assert.deepEqual(await tagsOf(arn), { owner: 'me', env: 'dev' }, arn);
        await untag(arn, ['env']);
        assert.deepEqual(await tagsOf(arn), { owner: 'me' }, arn);
      }
      assert.deepEqual((await ib().send(new GetImageRecipeCommand({ imageRecipeArn: recipe }))).imageRecipe!.tags, { owner: 'me' });
      assert.deepEqual((await ib().send(new GetImagePipelineCommand({ imagePipelineArn: pipeline }))).imagePipeline!.tags, { owner: 'me' });
    });

    it('at most 50 tags on a resource: 400 InvalidParameterException beyond, nothing changed', async () => {
      const arn = await component();
      const forty = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`k${i}`, `v${i}`]));
      await tag(arn, forty);
      const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`new${i}`, 'x']));
      await expectError(tag(arn, eleven), {
        name: 'InvalidParameterException', status: 400,
        message: `The resource '${arn}' can have at most 50 tags; this request would leave it with 51.`,
      });
      assert.deepEqual(await tagsOf(arn), forty);
      // Overwriting existing keys does not count twice; exactly 50 is allowed.
      await tag(arn, { ...Object.fromEntries(Object.entries(eleven).slice(0, 10)), k0: 'changed' });
      assert.equal(Object.keys((await tagsOf(arn))!).length, 50);
      const fiftyOne = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`t${i}`, 'x']));
      await expectError(tag(await component(), fiftyOne), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'tags' is not valid. tags must have length less than or equal to 50.",
      });
    });

    it('refuses aws: keys in TagResource and UntagResource: 400 InvalidParameterValueException, nothing changed', async () => {
      const arn = await component();
      await tag(arn, { keep: 'yes' });
      await expectError(tag(arn, { 'aws:cloudformation:stack-name': 'x', other: 'y' }), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(untag(arn, ['aws:cloudformation:stack-name']), { name: 'InvalidParameterValueException', status: 400 });
      assert.deepEqual(await tagsOf(arn), { keep: 'yes' });
    });

    it('a resource that does not exist: 404 ResourceNotFoundException for all three', async () => {
      for (const arn of [
        `${ARN}:component/never-created/1.0.0/1`, `${ARN}:image-recipe/never-created/1.0.0`, `${ARN}:container-recipe/never-created/1.0.0`,
        `${ARN}:image/never-built/1.0.0/1`, `${ARN}:infrastructure-configuration/never-created`, `${ARN}:distribution-configuration/never-created`,
        `${ARN}:image-pipeline/never-created`, `${ARN}:workflow/build/never-created/1.0.0/1`, `${ARN}:lifecycle-policy/never-created`,
        `arn:aws:imagebuilder:us-east-1:210987654321:component/someone-elses/1.0.0/1`, `arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.0/1`,
      ]) {
        await expectError(tagsOf(arn), { name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' does not exist.` });
        await expectError(tag(arn, { a: 'b' }), { name: 'ResourceNotFoundException', status: 404 });
        await expectError(untag(arn, ['a']), { name: 'ResourceNotFoundException', status: 404 });
      }
    });

    it('an ARN that names no single resource: 400 InvalidParameterValueException', async () => {
      const c = await component();
      const r = await imageRecipe();
      for (const arn of [
        'not-an-arn', `${ARN}:component/x`, c.slice(0, c.lastIndexOf('/')), `${r.slice(0, r.lastIndexOf('/'))}/x.x.x`,
        `${ARN}:image-pipeline/name/1.0.0`, `arn:aws:s3:::bucket`,
      ]) {
        await expectError(tagsOf(arn), { name: 'InvalidParameterValueException', status: 400 });
        await expectError(tag(arn, { a: 'b' }), { name: 'InvalidParameterValueException', status: 400 });
      }
    });

    it('tags are per region: a us-west-2 client neither sees nor changes us-east-1 tags', async () => {
      const name = unique('regional');
      const east = await component(name);
      await tag(east, { region: 'east' });
      await expectError(tagsOf(east, west), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(tag(east, { region: 'west' }, west), { name: 'ResourceNotFoundException', status: 404 });
      const westArn = await component(name, west);
      assert.equal(westArn, `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:component/${name}/1.0.0/1`);
      await tag(westArn, { region: 'west' }, west);
      assert.deepEqual(await tagsOf(westArn, west), { region: 'west' });
      assert.deepEqual(await tagsOf(east), { region: 'east' });
      await expectError(tagsOf(westArn), { name: 'ResourceNotFoundException', status: 404 });
    });
  });

  describe('authorization of IAM users', () => {
    /** An IAM user with one inline policy, and an Image Builder client that signs as it. */
    const userClient = (statements: object[]) => limitedUser(kiln, unique('user'), statements);
    const denied = (user: string, action: string, resource: string) => ({
      name: 'AccessDeniedException', status: 403,
      message: `User: ${user} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
    });

    it('CreateImageRecipe is evaluated on the recipe it makes, and needs imagebuilder:GetComponent on each component', async () => {
      const comp = await component();
      const only = await userClient([{ Effect: 'Allow', Action: 'imagebuilder:CreateImageRecipe', Resource: `${ARN}:image-recipe/*` }]);
      const name = unique('authz-recipe');
      await expectError(only.imagebuilder.send(new CreateImageRecipeCommand({ name, semanticVersion: '1.0.0', parentImage: 'ami-0123456789abcdef0', components: [{ componentArn: comp }] })),
        denied(only.arn, 'imagebuilder:GetComponent', comp));
      await expectError(ib().send(new GetImageRecipeCommand({ imageRecipeArn: `${ARN}:image-recipe/${name}/1.0.0` })), { name: 'ResourceNotFoundException', status: 404 });
      const elsewhere = await userClient([{ Effect: 'Allow', Action: ['imagebuilder:CreateImageRecipe', 'imagebuilder:GetComponent'], Resource: `${ARN}:image-recipe/other-*` }]);
      await expectError(elsewhere.imagebuilder.send(new CreateImageRecipeCommand({ name, semanticVersion: '1.0.0', parentImage: 'ami-0123456789abcdef0' })),
        denied(elsewhere.arn, 'imagebuilder:CreateImageRecipe', `${ARN}:image-recipe/${name}/1.0.0`));
      const both = await userClient([{ Effect: 'Allow', Action: ['imagebuilder:CreateImageRecipe', 'imagebuilder:GetComponent'], Resource: '*' }]);
      const out = await both.imagebuilder.send(new CreateImageRecipeCommand({ name, semanticVersion: '1.0.0', parentImage: 'ami-0123456789abcdef0', components: [{ componentArn: comp }] }));
      assert.equal(out.imageRecipeArn, `${ARN}:image-recipe/${name}/1.0.0`);
    });

    it('tag operations see the resource\'s tags (aws:ResourceTag) and the request\'s (aws:RequestTag, aws:TagKeys)', async () => {
      const ours = await component();
      const theirs = await component();
      await tag(ours, { team: 'a' });
      await tag(theirs, { team: 'b' });
      const u = await userClient([
        { Effect: 'Allow', Action: ['imagebuilder:TagResource', 'imagebuilder:ListTagsForResource'], Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'a' } } },
        { Effect: 'Deny', Action: 'imagebuilder:TagResource', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } } },
      ]);
      await tag(ours, { env: 'dev' }, u.imagebuilder);
      assert.deepEqual(await tagsOf(ours, u.imagebuilder), { team: 'a', env: 'dev' });
      await expectError(tagsOf(theirs, u.imagebuilder), denied(u.arn, 'imagebuilder:ListTagsForResource', theirs));
      await expectError(tag(theirs, { env: 'dev' }, u.imagebuilder), { name: 'AccessDeniedException', status: 403 });
      await expectError(tag(ours, { team: 'b' }, u.imagebuilder), { name: 'AccessDeniedException', status: 403 });
      assert.deepEqual(await tagsOf(ours), { team: 'a', env: 'dev' }, 'denied calls change nothing');
      assert.deepEqual(await tagsOf(theirs), { team: 'b' });
    });
  });

  describe('aws CLI', () => {
    it('tag-resource, list-tags-for-resource, untag-resource, put-component-policy and get-component-policy', async () => {
      const arn = await component();
      const tagged = await runAws(['imagebuilder', 'tag-resource', '--resource-arn', arn, '--tags', 'team=cli,env=test'], kiln.env);
      assert.equal(tagged.code, 0, tagged.stderr);
      const listed = await runAws(['imagebuilder', 'list-tags-for-resource', '--resource-arn', arn], kiln.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(JSON.parse(listed.stdout).tags, { team: 'cli', env: 'test' });
      const untagged = await runAws(['imagebuilder', 'untag-resource', '--resource-arn', arn, '--tag-keys', 'env'], kiln.env);
      assert.equal(untagged.code, 0, untagged.stderr);
      assert.deepEqual(await tagsOf(arn), { team: 'cli' });

      const policy = sharePolicy(arn, ['imagebuilder:GetComponent']);
      const put = await runAws(['imagebuilder', 'put-component-policy', '--component-arn', arn, '--policy', policy], kiln.env);
      assert.equal(put.code, 0, put.stderr);
      assert.equal(JSON.parse(put.stdout).componentArn, arn);
      const got = await runAws(['imagebuilder', 'get-component-policy', '--component-arn', arn], kiln.env);
      assert.equal(got.code, 0, got.stderr);
      assert.equal(JSON.parse(got.stdout).policy, policy);

      const missing = await runAws(['imagebuilder', 'list-tags-for-resource', '--resource-arn', `${ARN}:image-recipe/never-created/1.0.0`], kiln.env);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /ResourceNotFoundException/);
    });
  });
});
