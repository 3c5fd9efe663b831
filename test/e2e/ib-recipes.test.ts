/**
 * Image Builder recipes end to end through the real @aws-sdk/client-imagebuilder client:
 * Create/Get/List/DeleteImageRecipe, the same for container recipes, ImportComponent, and the
 * dependency errors of DeleteComponent and Delete*Recipe. Also idempotency, paging, region
 * isolation, that failed calls store nothing, and a few calls through the `aws` CLI.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand,
  CreateContainerRecipeCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteComponentCommand,
  DeleteContainerRecipeCommand,
  DeleteImagePipelineCommand,
  DeleteImageRecipeCommand,
  GetComponentCommand,
  GetContainerRecipeCommand,
  GetImageRecipeCommand,
  ImagebuilderClient,
  ImportComponentCommand,
  ListContainerRecipesCommand,
  ListImageRecipesCommand,
  type CreateContainerRecipeCommandInput,
  type CreateImageRecipeCommandInput,
  type ImportComponentCommandInput,
  type ImageRecipeSummary,
  type ListImageRecipesCommandInput,
} from '@aws-sdk/client-imagebuilder';
import { CreateInstanceProfileCommand } from '@aws-sdk/client-iam';
import { parse as parseYaml } from 'yaml';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT } from '../helpers/fixtures.js';

const ARN = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}`;
const AMI = 'ami-0123456789abcdef0';
const linuxDoc = (parameters = '') => `name: Hello
schemaVersion: 1.0
${parameters}phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
`;
const WINDOWS_DOC = `schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecutePowerShell
        inputs:
          commands:
            - Write-Host hello
`;
const DOCKERFILE = 'FROM {{{ imagebuilder:parentImage }}}\n{{{ imagebuilder:environments }}}\n{{{ imagebuilder:components }}}\n';
const DEPENDENCY = (arn: string) => `Resource dependency error: The resource ARN '${arn}' has other resources depended on it.`;

describe('Image Builder recipes through @aws-sdk/client-imagebuilder', () => {
  let kiln: TestKiln;
  let west: ImagebuilderClient;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;
  const ib = () => kiln.imagebuilder;

  const component = async (name: string, input: { semanticVersion?: string; platform?: 'Linux' | 'Windows'; data?: string } = {}, client?: ImagebuilderClient) =>
    (await (client ?? ib()).send(new CreateComponentCommand({
      name, semanticVersion: input.semanticVersion ?? '1.0.0', platform: input.platform ?? 'Linux', data: input.data ?? linuxDoc(),
    }))).componentBuildVersionArn!;
  const createRecipe = (input: Partial<CreateImageRecipeCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? ib()).send(new CreateImageRecipeCommand({ semanticVersion: '1.0.0', parentImage: AMI, ...input }));
  const getRecipe = (arn: string, client?: ImagebuilderClient) => (client ?? ib()).send(new GetImageRecipeCommand({ imageRecipeArn: arn }));
  const createContainer = (input: Partial<CreateContainerRecipeCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? ib()).send(new CreateContainerRecipeCommand({
      containerType: 'DOCKER', semanticVersion: '1.0.0', parentImage: 'amazonlinux:latest',
      targetRepository: { service: 'ECR', repositoryName: 'my-repo' }, dockerfileTemplateData: DOCKERFILE, ...input,
    }));
  const getContainer = (arn: string) => ib().send(new GetContainerRecipeCommand({ containerRecipeArn: arn }));
  const listRecipes = async (input: ListImageRecipesCommandInput = {}, client?: ImagebuilderClient) => {
    const items: ImageRecipeSummary[] = [];
    const counts: number[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await (client ?? ib()).send(new ListImageRecipesCommand({ ...input, nextToken }));
      items.push(...(page.imageRecipeSummaryList ?? []));
      counts.push(page.imageRecipeSummaryList?.length ?? 0);
      if (!page.nextToken) return { items, counts };
      nextToken = page.nextToken;
    }
    assert.fail('ListImageRecipes never stopped paging');
  };
  const listedArns = async (client?: ImagebuilderClient) => (await listRecipes({}, client)).items.map((r) => r.arn!).sort();
  const pipelineFor = async (recipe: { imageRecipeArn?: string; containerRecipeArn?: string }) => {
    const profile = unique('profile');
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: profile }));
    const infra = await ib().send(new CreateInfrastructureConfigurationCommand({ name: unique('infra'), instanceProfileName: profile }));
    return (await ib().send(new CreateImagePipelineCommand({
      name: unique('pipeline'), infrastructureConfigurationArn: infra.infrastructureConfigurationArn!, ...recipe,
    }))).imagePipelineArn!;
  };

  before(async () => {
    kiln = await startTestKiln();
    west = kiln.imagebuilderIn('us-west-2');
  });
  after(() => kiln.close());

  describe('CreateImageRecipe and GetImageRecipe', () => {
    it('creates a version and answers it with everything it was created with', async () => {
      const name = unique('web');
      const comp = await component(unique('setup'));
      const input: CreateImageRecipeCommandInput = {
        name, semanticVersion: '1.2.3', description: 'a web server', parentImage: AMI, clientToken: 'recipe-token-1',
        components: [{ componentArn: comp }],
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 30, volumeType: 'gp3', deleteOnTermination: true, encrypted: true } }],
        workingDirectory: '/opt/build',
        additionalInstanceConfiguration: { systemsManagerAgent: { uninstallAfterBuild: true }, userDataOverride: Buffer.from('#!/bin/bash\necho hi\n').toString('base64') },
        amiTags: { Purpose: 'web' }, tags: { team: 'platform' },
      };
      const out = await ib().send(new CreateImageRecipeCommand(input));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.imageRecipeArn, `${ARN}:image-recipe/${name}/1.2.3`);
      assert.equal(out.clientToken, 'recipe-token-1');
      assert.equal(typeof out.requestId, 'string');
      assert.deepEqual(out.latestVersionReferences, {
        latestVersionArn: out.imageRecipeArn, latestMajorVersionArn: out.imageRecipeArn,
        latestMinorVersionArn: out.imageRecipeArn, latestPatchVersionArn: out.imageRecipeArn,
      });

      const got = await getRecipe(out.imageRecipeArn!);
      assert.equal(got.$metadata.httpStatusCode, 200);
      const r = got.imageRecipe!;
      assert.equal(r.arn, out.imageRecipeArn);
      assert.equal(r.type, 'AMI');
      assert.equal(r.name, name);
      assert.equal(r.version, '1.2.3');
      assert.equal(r.description, 'a web server');
      assert.equal(r.owner, ACCOUNT);
      assert.equal(r.platform, 'Linux');
      assert.equal(r.parentImage, AMI);
      assert.deepEqual(r.components, [{ componentArn: comp }]);
      assert.deepEqual(r.blockDeviceMappings, input.blockDeviceMappings);
      assert.equal(r.workingDirectory, '/opt/build');
      assert.deepEqual(r.additionalInstanceConfiguration, input.additionalInstanceConfiguration);
      assert.deepEqual(r.amiTags, { Purpose: 'web' });
      assert.deepEqual(r.tags, { team: 'platform' });
      assert.ok(!Number.isNaN(Date.parse(r.dateCreated!)), 'dateCreated is an ISO-8601 string');
      assert.equal((r as Record<string, unknown>).componentBuildArns, undefined, "Kiln's own fields stay inside");
    });

    it('lower-cases the name in the ARN; name stays as given; tags default to {}', async () => {
      const out = await createRecipe({ name: 'My Fancy_Recipe' });
      assert.equal(out.imageRecipeArn, `${ARN}:image-recipe/my-fancy-recipe/1.0.0`);
      const r = (await getRecipe(out.imageRecipeArn!)).imageRecipe!;
      assert.equal(r.name, 'My Fancy_Recipe');
      assert.deepEqual(r.tags, {});
    });

    it('the same name and version again: 400 ResourceAlreadyExistsException with AWS text, nothing changed', async () => {
      const name = unique('dup');
      const arn = (await createRecipe({ name, description: 'first' })).imageRecipeArn!;
      await expectError(createRecipe({ name, description: 'second' }), {
        name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource 'ImageRecipe' already exists: '${arn}'.`,
      });
      // A name differing only in case, spaces or underscores is the same ARN.
      await expectError(createRecipe({ name: name.toUpperCase() }), { name: 'ResourceAlreadyExistsException', status: 400 });
      assert.equal((await getRecipe(arn)).imageRecipe!.description, 'first');
      const other = await createRecipe({ name, semanticVersion: '1.0.1' });
      assert.equal(other.imageRecipeArn, `${ARN}:image-recipe/${name}/1.0.1`);
    });

    it('refuses x in the semantic version at create: 400 InvalidVersionNumberException, nothing stored', async () => {
      const name = unique('wild-create');
      const before = await listedArns();
      for (const semanticVersion of ['1.0.x', 'x.x.x']) {
        await expectError(createRecipe({ name, semanticVersion }), { name: 'InvalidVersionNumberException', status: 400 });
      }
      await expectError(createRecipe({ name, semanticVersion: '1073741824.0.0' }), { name: 'InvalidVersionNumberException', status: 400 });
      assert.deepEqual(await listedArns(), before);
    });

    it('refuses a semantic version outside the model pattern and a missing parentImage', async () => {
      await expectError(createRecipe({ name: unique('bad'), semanticVersion: '1.0' }), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'semanticVersion' is not valid. semanticVersion must match pattern ^(?:[0-9]+|x)\\.(?:[0-9]+|x)\\.(?:[0-9]+|x)$",
      });
      await expectError(createRecipe({ name: unique('no-parent'), parentImage: undefined }), {
        name: 'InvalidRequestException', status: 400, message: "The request is missing the required parameter 'parentImage'.",
      });
    });

    it('userDataOverride must be base64 of at most 21847 characters: 400 InvalidParameterValueException', async () => {
      const name = unique('userdata');
      await expectError(createRecipe({ name, additionalInstanceConfiguration: { userDataOverride: 'not base64!' } }), {
        name: 'InvalidParameterValueException', status: 400,
      });
      await expectError(createRecipe({ name, additionalInstanceConfiguration: { userDataOverride: 'A'.repeat(21848) } }), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'additionalInstanceConfiguration.userDataOverride' is not valid. additionalInstanceConfiguration.userDataOverride must have length less than or equal to 21847.",
      });
      const max = await createRecipe({ name, additionalInstanceConfiguration: { userDataOverride: 'A'.repeat(21844) } });
      assert.equal(max.imageRecipeArn, `${ARN}:image-recipe/${name}/1.0.0`);
    });

    it('refuses aws: tag keys: 400 InvalidParameterValueException, nothing stored', async () => {
      const name = unique('aws-tag');
      await expectError(createRecipe({ name, tags: { 'aws:owner': 'x' } }), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(getRecipe(`${ARN}:image-recipe/${name}/1.0.0`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('accepts every parent image form and stores it as given', async () => {
      for (const parentImage of [
        AMI, `arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x`,
        'ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64', 'prod-abcdefgh12345',
      ]) {
        const arn = (await createRecipe({ name: unique('parent'), parentImage })).imageRecipeArn!;
        const r = (await getRecipe(arn)).imageRecipe!;
        assert.equal(r.parentImage, parentImage);
        assert.equal(r.platform, 'Linux');
      }
      const windows = (await createRecipe({ name: unique('win-parent'), parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/windows-server-2022-english-full-base-x86/x.x.x' })).imageRecipeArn!;
      assert.equal((await getRecipe(windows)).imageRecipe!.platform, 'Windows', 'the platform follows the parent image');
    });
  });

  describe('recipe components', () => {
    it('a version ARN and x wildcards resolve to the newest build; the ARNs are stored as given', async () => {
      const c = unique('versions');
      await component(c, { semanticVersion: '1.0.0' });
      await component(c, { semanticVersion: '1.2.0' });
      const refs = [{ componentArn: `${ARN}:component/${c}/1.0.0` }, { componentArn: `${ARN}:component/${c}/1.x.x` }, { componentArn: `${ARN}:component/${c}/x.x.x` }];
      const arn = (await createRecipe({ name: unique('refs'), components: refs })).imageRecipeArn!;
      assert.deepEqual((await getRecipe(arn)).imageRecipe!.components, refs);
    });

    it('a component that does not exist: 404 ResourceNotFoundException, nothing stored', async () => {
      const name = unique('missing-component');
      const before = await listedArns();
      for (const componentArn of [
        `${ARN}:component/never-created/1.0.0/1`, `${ARN}:component/never-created/x.x.x`,
        `arn:aws:imagebuilder:us-east-1:210987654321:component/someone-elses/1.0.0/1`,
        `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:component/other-region/1.0.0/1`,
      ]) {
        await expectError(createRecipe({ name, components: [{ componentArn }] }), {
          name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${componentArn}' does not exist.`,
        });
      }
      assert.deepEqual(await listedArns(), before);
    });

    it('a component ARN that is not a component: 400 InvalidParameterValueException; x.2.x is refused', async () => {
      const name = unique('bad-component');
      await expectError(createRecipe({ name, components: [{ componentArn: `${ARN}:image/foo/1.0.0/1` }] }), {
        name: 'InvalidParameterValueException', status: 400,
      });
      const c = unique('wild-bad');
      await component(c);
      await expectError(createRecipe({ name, components: [{ componentArn: `${ARN}:component/${c}/x.0.x` }] }), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });

    it('Amazon-managed components are accepted as given (Kiln has no catalogue of them)', async () => {
      const arn = (await createRecipe({ name: unique('managed'), components: [{ componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }] })).imageRecipeArn!;
      assert.equal((await getRecipe(arn)).imageRecipe!.components![0].componentArn, 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x');
    });

    it('parameters must be defined by the component: 400 InvalidParameterCombinationException with AWS text', async () => {
      const c = await component(unique('params'), { data: linuxDoc('parameters:\n  - Greeting:\n      type: string\n      default: hi\n') });
      const name = unique('with-params');
      await expectError(createRecipe({ name, components: [{ componentArn: c, parameters: [{ name: 'S3BucketName', value: ['b'] }] }] }), {
        name: 'InvalidParameterCombinationException', status: 400,
        message: "The value supplied for parameter 'components[0].parameters' is not valid. The following parameters are not defined in the provided component: S3BucketName",
      });
      const ok = await createRecipe({ name, components: [{ componentArn: c, parameters: [{ name: 'Greeting', value: ['hello'] }] }] });
      assert.deepEqual((await getRecipe(ok.imageRecipeArn!)).imageRecipe!.components, [{ componentArn: c, parameters: [{ name: 'Greeting', value: ['hello'] }] }]);
    });

    it('the platform comes from the components; mixed platforms are refused', async () => {
      const win = await component(unique('win'), { platform: 'Windows', data: WINDOWS_DOC });
      const lin = await component(unique('lin'));
      const arn = (await createRecipe({ name: unique('windows'), components: [{ componentArn: win }] })).imageRecipeArn!;
      assert.equal((await getRecipe(arn)).imageRecipe!.platform, 'Windows');
      const name = unique('mixed');
      await expectError(createRecipe({ name, components: [{ componentArn: win }, { componentArn: lin }] }), {
        name: 'InvalidParameterCombinationException', status: 400,
      });
      await expectError(createRecipe({ name, components: [{ componentArn: win }], parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x' }), {
        name: 'InvalidParameterCombinationException', status: 400,
      });
      await expectError(getRecipe(`${ARN}:image-recipe/${name}/1.0.0`), { name: 'ResourceNotFoundException', status: 404 });
    });
  });

  describe('clientToken idempotency', () => {
    it('the same token and parameters answer the first response without ResourceAlreadyExists', async () => {
      const name = unique('idem');
      const input = { name, description: 'once', clientToken: 'idem-recipe-1' };
      const first = await createRecipe(input);
      const again = await createRecipe(input);
      assert.equal(again.imageRecipeArn, first.imageRecipeArn);
      assert.equal(again.clientToken, 'idem-recipe-1');
      assert.deepEqual(again.latestVersionReferences, first.latestVersionReferences);
      await expectError(createRecipe({ ...input, description: 'twice' }), { name: 'IdempotentParameterMismatchException', status: 400 });
      await expectError(createRecipe({ ...input, clientToken: 'idem-recipe-2' }), { name: 'ResourceAlreadyExistsException', status: 400 });
      assert.equal((await getRecipe(first.imageRecipeArn!)).imageRecipe!.description, 'once');
    });

    it('a token whose request failed is not used up', async () => {
      const name = unique('failed-first');
      await expectError(createRecipe({ name, clientToken: 'failed-recipe', components: [{ componentArn: `${ARN}:component/nope/1.0.0/1` }] }), {
        name: 'ResourceNotFoundException', status: 404,
      });
      const out = await createRecipe({ name, clientToken: 'failed-recipe' });
      assert.equal(out.imageRecipeArn, `${ARN}:image-recipe/${name}/1.0.0`);
    });
  });

  describe('versions', () => {
    it('latestVersionReferences name the newest version overall, in the major, in the minor, and the version itself', async () => {
      const name = unique('latest');
      for (const v of ['1.0.0', '1.2.0', '1.2.3', '1.10.0', '2.0.0', '0.9.9']) await createRecipe({ name, semanticVersion: v });
      const v = (x: string) => `${ARN}:image-recipe/${name}/${x}`;
      assert.deepEqual((await getRecipe(v('1.2.0'))).latestVersionReferences, {
        latestVersionArn: v('2.0.0'), latestMajorVersionArn: v('1.10.0'), latestMinorVersionArn: v('1.2.3'), latestPatchVersionArn: v('1.2.0'),
      });
      assert.equal((await getRecipe(v('x.x.x'))).imageRecipe!.arn, v('2.0.0'));
      assert.equal((await getRecipe(v('1.x.x'))).imageRecipe!.arn, v('1.10.0'), 'versions compare numerically');
      assert.equal((await getRecipe(v('1.2.x'))).imageRecipe!.arn, v('1.2.3'));
      await expectError(getRecipe(v('3.x.x')), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(getRecipe(v('x.2.x')), { name: 'InvalidParameterValueException', status: 400 });
    });

    it('GetImageRecipe: 404 for a missing recipe, 400 for an ARN outside the pattern', async () => {
      await expectError(getRecipe(`${ARN}:image-recipe/never-created/1.0.0`), {
        name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${ARN}:image-recipe/never-created/1.0.0' does not exist.`,
      });
      await expectError(getRecipe(`${ARN}:image-recipe/name/1.0.0/1`), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(getRecipe(`${ARN}:container-recipe/name/1.0.0`), { name: 'InvalidParameterValueException', status: 400 });
    });
  });

  describe('ListImageRecipes', () => {
    before(async () => {
      await kiln.reset();
    });

    it('lists every version once and pages with maxResults 2 over 5 versions', async () => {
      const versions = ['1.0.0', '1.1.0', '2.0.0', '10.0.0', '1.0.1'];
      for (const semanticVersion of versions) await createRecipe({ name: 'paged', semanticVersion, tags: { v: semanticVersion } });
      const { items, counts } = await listRecipes({ maxResults: 2 });
      assert.deepEqual(counts, [2, 2, 1]);
      assert.deepEqual(items.map((r) => r.arn).sort(), versions.map((v) => `${ARN}:image-recipe/paged/${v}`).sort());
      for (const item of items) {
        assert.equal(item.name, 'paged');
        assert.equal(item.owner, ACCOUNT);
        assert.equal(item.platform, 'Linux');
        assert.equal(item.parentImage, AMI);
        assert.equal(typeof item.dateCreated, 'string');
        assert.deepEqual(item.tags, { v: item.arn!.split('/').pop() });
      }
      assert.deepEqual((await listRecipes()).items.map((r) => r.arn), items.map((r) => r.arn), 'the same order without paging');
    });

    it('filters by name, platform and parentImage; an unknown filter name is refused', async () => {
      const win = await component('win-for-filter', { platform: 'Windows', data: WINDOWS_DOC });
      await createRecipe({ name: 'windows-one', components: [{ componentArn: win }], parentImage: 'ami-0aaaaaaaaaaaaaaaa' });
      const byName = await listRecipes({ filters: [{ name: 'name', values: ['windows-one'] }] });
      assert.deepEqual(byName.items.map((r) => r.arn), [`${ARN}:image-recipe/windows-one/1.0.0`]);
      const byPlatform = await listRecipes({ filters: [{ name: 'platform', values: ['Windows'] }] });
      assert.deepEqual(byPlatform.items.map((r) => r.name), ['windows-one']);
      const byParent = await listRecipes({ filters: [{ name: 'parentImage', values: [AMI] }] });
      assert.equal(byParent.items.length, 5);
      const both = await listRecipes({ filters: [{ name: 'name', values: ['paged'] }, { name: 'platform', values: ['Windows'] }] });
      assert.equal(both.items.length, 0);
      await expectError(ib().send(new ListImageRecipesCommand({ filters: [{ name: 'colour', values: ['red'] }] })), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });

    it('other owners hold nothing in Kiln; a foreign nextToken and maxResults 26 are refused', async () => {
      for (const owner of ['Amazon', 'Shared', 'ThirdParty', 'AWSMarketplace'] as const) {
        const out = await ib().send(new ListImageRecipesCommand({ owner }));
        assert.deepEqual(out.imageRecipeSummaryList, []);
      }
      await expectError(ib().send(new ListImageRecipesCommand({ nextToken: 'not-a-token' })), { name: 'InvalidPaginationTokenException', status: 400 });
      await expectError(ib().send(new ListImageRecipesCommand({ maxResults: 26 })), { name: 'InvalidParameterValueException', status: 400 });
    });
  });

  describe('DeleteImageRecipe', () => {
    it('deletes a version; Get then answers 404, and deleting again too', async () => {
      const name = unique('gone');
      const arn = (await createRecipe({ name })).imageRecipeArn!;
      const out = await ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: arn }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.imageRecipeArn, arn);
      assert.equal(typeof out.requestId, 'string');
      await expectError(getRecipe(arn), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: arn })), { name: 'ResourceNotFoundException', status: 404 });
      // The version can be created anew.
      assert.equal((await createRecipe({ name })).imageRecipeArn, arn);
    });

    it('refuses a wildcard version: 400 InvalidParameterValueException, nothing deleted', async () => {
      const name = unique('keep');
      const arn = (await createRecipe({ name })).imageRecipeArn!;
      await expectError(ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: `${ARN}:image-recipe/${name}/x.x.x` })), {
        name: 'InvalidParameterValueException', status: 400,
      });
      assert.equal((await getRecipe(arn)).imageRecipe!.arn, arn);
    });

    it('while a pipeline uses the recipe: 400 ResourceDependencyException with AWS text; afterwards it deletes', async () => {
      const arn = (await createRecipe({ name: unique('piped') })).imageRecipeArn!;
      const pipeline = await pipelineFor({ imageRecipeArn: arn });
      await expectError(ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: arn })), {
        name: 'ResourceDependencyException', status: 400, message: DEPENDENCY(arn),
      });
      assert.equal((await getRecipe(arn)).imageRecipe!.arn, arn, 'the recipe is still there');
      await ib().send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline }));
      await ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: arn }));
      await expectError(getRecipe(arn), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('a pipeline on a wildcard recipe ARN holds every matching version', async () => {
      const name = unique('piped-wild');
      const v1 = (await createRecipe({ name, semanticVersion: '1.0.0' })).imageRecipeArn!;
      const v2 = (await createRecipe({ name, semanticVersion: '2.0.0' })).imageRecipeArn!;
      await pipelineFor({ imageRecipeArn: `${ARN}:image-recipe/${name}/1.x.x` });
      await expectError(ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: v1 })), { name: 'ResourceDependencyException', status: 400 });
      await ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: v2 }));
    });
  });

  describe('DeleteComponent while a recipe uses the build', () => {
    it('answers 400 ResourceDependencyException with AWS text until the recipe is gone', async () => {
      const c = await component(unique('held'));
      const recipe = (await createRecipe({ name: unique('holder'), components: [{ componentArn: c }] })).imageRecipeArn!;
      await expectError(ib().send(new DeleteComponentCommand({ componentBuildVersionArn: c })), {
        name: 'ResourceDependencyException', status: 400, message: DEPENDENCY(c),
      });
      assert.equal((await ib().send(new GetComponentCommand({ componentBuildVersionArn: c }))).component!.arn, c, 'the component is still there');
      await ib().send(new DeleteImageRecipeCommand({ imageRecipeArn: recipe }));
      await ib().send(new DeleteComponentCommand({ componentBuildVersionArn: c }));
      await expectError(ib().send(new GetComponentCommand({ componentBuildVersionArn: c })), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('a recipe holds the build its wildcard resolved to, not the other builds', async () => {
      const name = unique('resolved');
      const old = await component(name, { semanticVersion: '1.0.0' });
      const newest = await component(name, { semanticVersion: '1.1.0' });
      await createRecipe({ name: unique('wild-holder'), components: [{ componentArn: `${ARN}:component/${name}/x.x.x` }] });
      await expectError(ib().send(new DeleteComponentCommand({ componentBuildVersionArn: newest })), { name: 'ResourceDependencyException', status: 400 });
      await ib().send(new DeleteComponentCommand({ componentBuildVersionArn: old }));
    });

    it('a container recipe holds its components too', async () => {
      const c = await component(unique('container-held'));
      const recipe = (await createContainer({ name: unique('container-holder'), components: [{ componentArn: c }] })).containerRecipeArn!;
      await expectError(ib().send(new DeleteComponentCommand({ componentBuildVersionArn: c })), {
        name: 'ResourceDependencyException', status: 400, message: DEPENDENCY(c),
      });
      await ib().send(new DeleteContainerRecipeCommand({ containerRecipeArn: recipe }));
      await ib().send(new DeleteComponentCommand({ componentBuildVersionArn: c }));
    });
  });

  describe('container recipes', () => {
    it('creates and answers a container recipe', async () => {
      const name = unique('app');
      const c = await component(unique('app-setup'));
      const out = await createContainer({
        name, semanticVersion: '3.0.1', description: 'the app', components: [{ componentArn: c }], clientToken: 'container-1',
        instanceConfiguration: { image: 'ami-0bbbbbbbbbbbbbbbb', blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 50 } }] },
        kmsKeyId: 'alias/app', workingDirectory: '/build', tags: { app: 'yes' }, imageOsVersionOverride: 'Amazon Linux 2023',
      });
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.containerRecipeArn, `${ARN}:container-recipe/${name}/3.0.1`);
      assert.equal(out.clientToken, 'container-1');
      assert.equal(out.latestVersionReferences!.latestVersionArn, out.containerRecipeArn);
      const got = await getContainer(out.containerRecipeArn!);
      const r = got.containerRecipe!;
      assert.equal(r.arn, out.containerRecipeArn);
      assert.equal(r.containerType, 'DOCKER');
      assert.equal(r.name, name);
      assert.equal(r.version, '3.0.1');
      assert.equal(r.description, 'the app');
      assert.equal(r.platform, 'Linux');
      assert.equal(r.owner, ACCOUNT);
      assert.deepEqual(r.components, [{ componentArn: c }]);
      assert.deepEqual(r.instanceConfiguration, { image: 'ami-0bbbbbbbbbbbbbbbb', blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 50 } }] });
      assert.equal(r.dockerfileTemplateData, DOCKERFILE);
      assert.equal(r.kmsKeyId, 'alias/app');
      assert.equal(r.encrypted, true);
      assert.equal(r.parentImage, 'amazonlinux:latest');
      assert.equal(r.workingDirectory, '/build');
      assert.deepEqual(r.targetRepository, { service: 'ECR', repositoryName: 'my-repo' });
      assert.deepEqual(r.tags, { app: 'yes' });
      assert.equal(got.latestVersionReferences!.latestPatchVersionArn, out.containerRecipeArn);
    });

    it('exactly one of dockerfileTemplateData and dockerfileTemplateUri: 400 InvalidParameterCombinationException, nothing stored', async () => {
      const name = unique('template');
      await expectError(createContainer({ name, dockerfileTemplateData: undefined }), { name: 'InvalidParameterCombinationException', status: 400 });
      await expectError(createContainer({ name, dockerfileTemplateUri: 's3://bucket/Dockerfile' }), { name: 'InvalidParameterCombinationException', status: 400 });
      await expectError(getContainer(`${ARN}:container-recipe/${name}/1.0.0`), { name: 'ResourceNotFoundException', status: 404 });
      const fromS3 = await createContainer({ name, dockerfileTemplateData: undefined, dockerfileTemplateUri: 's3://bucket/Dockerfile' });
      assert.equal(fromS3.containerRecipeArn, `${ARN}:container-recipe/${name}/1.0.0`);
    });

    it('platformOverride sets the platform; the model refuses other container types and repositories', async () => {
      const arn = (await createContainer({ name: unique('win-container'), parentImage: 'my-registry/custom:1', platformOverride: 'Windows' })).containerRecipeArn!;
      assert.equal((await getContainer(arn)).containerRecipe!.platform, 'Windows');
      await expectError(createContainer({ name: unique('podman'), containerType: 'PODMAN' as 'DOCKER' }), {
        name: 'InvalidParameterValueException', status: 400, message: "The value supplied for parameter 'containerType' is not valid. containerType must be one of [DOCKER].",
      });
      await expectError(createContainer({ name: unique('gcr'), targetRepository: { service: 'GCR' as 'ECR', repositoryName: 'r' } }), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });

    it('the same name and version again: 400 ResourceAlreadyExistsException naming ContainerRecipe', async () => {
      const name = unique('container-dup');
      const arn = (await createContainer({ name })).containerRecipeArn!;
      await expectError(createContainer({ name }), {
        name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource 'ContainerRecipe' already exists: '${arn}'.`,
      });
      await expectError(createContainer({ name, semanticVersion: '1.x.0' }), { name: 'InvalidVersionNumberException', status: 400 });
    });

    it('lists with filters and instanceImage; pages', async () => {
      const name = unique('listed-container');
      for (const v of ['1.0.0', '1.0.1', '1.0.2']) await createContainer({ name, semanticVersion: v, instanceConfiguration: { image: 'ami-0ccccccccccccccccc' } });
      const all: string[] = [];
      let nextToken: string | undefined;
      do {
        const page = await ib().send(new ListContainerRecipesCommand({ maxResults: 2, nextToken, filters: [{ name: 'name', values: [name] }] }));
        assert.ok((page.containerRecipeSummaryList?.length ?? 0) <= 2);
        for (const s of page.containerRecipeSummaryList ?? []) {
          assert.equal(s.containerType, 'DOCKER');
          assert.equal(s.instanceImage, 'ami-0ccccccccccccccccc');
          assert.equal(s.parentImage, 'amazonlinux:latest');
          assert.equal(s.owner, ACCOUNT);
          all.push(s.arn!);
        }
        nextToken = page.nextToken;
      } while (nextToken);
      assert.deepEqual(all, ['1.0.0', '1.0.1', '1.0.2'].map((v) => `${ARN}:container-recipe/${name}/${v}`));
      const docker = await ib().send(new ListContainerRecipesCommand({ filters: [{ name: 'containerType', values: ['DOCKER'] }, { name: 'name', values: [name] }] }));
      assert.equal(docker.containerRecipeSummaryList!.length, 3);
      assert.deepEqual((await ib().send(new ListContainerRecipesCommand({ owner: 'Amazon' }))).containerRecipeSummaryList, []);
    });

    it('DeleteContainerRecipe: deletes, 404 afterwards, and ResourceDependencyException while a pipeline uses it', async () => {
      const arn = (await createContainer({ name: unique('container-gone') })).containerRecipeArn!;
      const out = await ib().send(new DeleteContainerRecipeCommand({ containerRecipeArn: arn }));
      assert.equal(out.containerRecipeArn, arn);
      await expectError(getContainer(arn), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(ib().send(new DeleteContainerRecipeCommand({ containerRecipeArn: arn })), { name: 'ResourceNotFoundException', status: 404 });

      const held = (await createContainer({ name: unique('container-piped') })).containerRecipeArn!;
      const pipeline = await pipelineFor({ containerRecipeArn: held });
      await expectError(ib().send(new DeleteContainerRecipeCommand({ containerRecipeArn: held })), {
        name: 'ResourceDependencyException', status: 400, message: DEPENDENCY(held),
      });
      await ib().send(new DeleteImagePipelineCommand({ imagePipelineArn: pipeline }));
      await ib().send(new DeleteContainerRecipeCommand({ containerRecipeArn: held }));
    });
  });

  describe('ImportComponent', () => {
    const importComponent = (input: Partial<ImportComponentCommandInput> & { name: string }) =>
      ib().send(new ImportComponentCommand({ semanticVersion: '1.0.0', type: 'BUILD', format: 'SHELL', platform: 'Linux', data: '#!/bin/bash\necho imported\n', ...input }));

    it('wraps a shell script in a component document with one step that runs it', async () => {
      const name = unique('imported');
      const out = await importComponent({ name, description: 'from a script', clientToken: 'import-1', tags: { src: 'shell' } });
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.componentBuildVersionArn, `${ARN}:component/${name}/1.0.0/1`);
      assert.equal(out.clientToken, 'import-1');
      const c = (await ib().send(new GetComponentCommand({ componentBuildVersionArn: out.componentBuildVersionArn! }))).component!;
      assert.equal(c.type, 'BUILD');
      assert.equal(c.platform, 'Linux');
      assert.equal(c.description, 'from a script');
      assert.deepEqual(c.tags, { src: 'shell' });
      const doc = parseYaml(c.data!);
      assert.equal(doc.name, name);
      assert.equal(doc.schemaVersion, 1.0);
      assert.equal(doc.phases.length, 1);
      assert.equal(doc.phases[0].name, 'build');
      assert.equal(doc.phases[0].steps.length, 1);
      assert.equal(doc.phases[0].steps[0].action, 'ExecuteBash');
      assert.deepEqual(doc.phases[0].steps[0].inputs.commands, ['#!/bin/bash\necho imported\n']);
    });

    it('a TEST script runs in the test phase; a Windows script with PowerShell', async () => {
      const test = await importComponent({ name: unique('imported-test'), type: 'TEST', platform: 'Windows', data: 'Write-Host ok' });
      const c = (await ib().send(new GetComponentCommand({ componentBuildVersionArn: test.componentBuildVersionArn! }))).component!;
      assert.equal(c.type, 'TEST');
      const doc = parseYaml(c.data!);
      assert.equal(doc.phases[0].name, 'test');
      assert.equal(doc.phases[0].steps[0].action, 'ExecutePowerShell');
    });

    it('the same name and version again is the next build; the token replays', async () => {
      const name = unique('imported-again');
      assert.equal((await importComponent({ name, clientToken: 'imp-a' })).componentBuildVersionArn, `${ARN}:component/${name}/1.0.0/1`);
      assert.equal((await importComponent({ name, clientToken: 'imp-b' })).componentBuildVersionArn, `${ARN}:component/${name}/1.0.0/2`);
      assert.equal((await importComponent({ name, clientToken: 'imp-a' })).componentBuildVersionArn, `${ARN}:component/${name}/1.0.0/1`);
      await expectError(importComponent({ name, clientToken: 'imp-a', data: 'echo other' }), { name: 'IdempotentParameterMismatchException', status: 400 });
    });

    it('refuses neither or both of data and uri, and values outside the model; nothing stored', async () => {
      const name = unique('imported-bad');
      await expectError(importComponent({ name, data: undefined }), { name: 'InvalidParameterCombinationException', status: 400 });
      await expectError(importComponent({ name, uri: 's3://bucket/script.sh' }), { name: 'InvalidParameterCombinationException', status: 400 });
      await expectError(importComponent({ name, format: 'POWERSHELL' as 'SHELL' }), {
        name: 'InvalidParameterValueException', status: 400, message: "The value supplied for parameter 'format' is not valid. format must be one of [SHELL].",
      });
      await expectError(importComponent({ name, semanticVersion: '1.0.x' }), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(importComponent({ name, semanticVersion: '1073741824.0.0' }), { name: 'InvalidVersionNumberException', status: 400 });
      await expectError(ib().send(new GetComponentCommand({ componentBuildVersionArn: `${ARN}:component/${name}/1.0.0/1` })), { name: 'ResourceNotFoundException', status: 404 });
      const fromS3 = await importComponent({ name, data: undefined, uri: 's3://bucket/script.sh' });
      assert.equal(fromS3.componentBuildVersionArn, `${ARN}:component/${name}/1.0.0/1`);
    });

    it('an imported component can be used by a recipe', async () => {
      const c = (await importComponent({ name: unique('imported-used') })).componentBuildVersionArn!;
      const recipe = (await createRecipe({ name: unique('uses-imported'), components: [{ componentArn: c }] })).imageRecipeArn!;
      assert.equal((await getRecipe(recipe)).imageRecipe!.components![0].componentArn, c);
    });
  });

  describe('regions', () => {
    it('a client in us-west-2 does not see us-east-1 recipes, and builds its own', async () => {
      const name = unique('regional');
      const east = (await createRecipe({ name })).imageRecipeArn!;
      assert.ok(!(await listedArns(west)).includes(east));
      await expectError(getRecipe(east, west), { name: 'ResourceNotFoundException', status: 404 });
      const westArn = (await createRecipe({ name }, west)).imageRecipeArn!;
      assert.equal(westArn, `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:image-recipe/${name}/1.0.0`);
      assert.equal((await getRecipe(westArn, west)).imageRecipe!.arn, westArn);
      await expectError(getRecipe(westArn), { name: 'ResourceNotFoundException', status: 404 });
      // A us-west-2 recipe cannot use a us-east-1 component.
      const eastComponent = await component(unique('east-only'));
      await expectError(createRecipe({ name: unique('cross'), components: [{ componentArn: eastComponent }] }, west), { name: 'ResourceNotFoundException', status: 404 });
    });
  });

  describe('aws CLI', () => {
    it('create-image-recipe, get-image-recipe, list-image-recipes and the error of a duplicate', async () => {
      const c = await component(unique('cli-component'));
      const name = unique('cli-recipe');
      const created = await runAws([
        'imagebuilder', 'create-image-recipe', '--name', name, '--semantic-version', '1.0.0', '--parent-image', AMI,
        '--components', `componentArn=${c}`, '--tags', 'team=cli',
      ], kiln.env);
      assert.equal(created.code, 0, created.stderr);
      const arn = JSON.parse(created.stdout).imageRecipeArn;
      assert.equal(arn, `${ARN}:image-recipe/${name}/1.0.0`);
      const got = await runAws(['imagebuilder', 'get-image-recipe', '--image-recipe-arn', arn], kiln.env);
      assert.equal(got.code, 0, got.stderr);
      const recipe = JSON.parse(got.stdout).imageRecipe;
      assert.deepEqual(recipe.components, [{ componentArn: c }]);
      assert.deepEqual(recipe.tags, { team: 'cli' });
      const listed = await runAws(['imagebuilder', 'list-image-recipes', '--filters', `name=name,values=${name}`], kiln.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(JSON.parse(listed.stdout).imageRecipeSummaryList.map((r: { arn: string }) => r.arn), [arn]);
      const dup = await runAws(['imagebuilder', 'create-image-recipe', '--name', name, '--semantic-version', '1.0.0', '--parent-image', AMI], kiln.env);
      assert.notEqual(dup.code, 0);
      assert.match(dup.stderr, /ResourceAlreadyExistsException/);
      assert.ok(dup.stderr.includes(`The following resource 'ImageRecipe' already exists: '${arn}'.`), dup.stderr);
    });

    it('import-component and create-container-recipe', async () => {
      const name = unique('cli-import');
      const imported = await runAws([
        'imagebuilder', 'import-component', '--name', name, '--semantic-version', '1.0.0', '--type', 'BUILD', '--format', 'SHELL',
        '--platform', 'Linux', '--data', 'echo from cli',
      ], kiln.env);
      assert.equal(imported.code, 0, imported.stderr);
      const c = JSON.parse(imported.stdout).componentBuildVersionArn;
      assert.equal(c, `${ARN}:component/${name}/1.0.0/1`);
      const container = await runAws([
        'imagebuilder', 'create-container-recipe', '--container-type', 'DOCKER', '--name', unique('cli-container'), '--semantic-version', '1.0.0',
        '--parent-image', 'amazonlinux:latest', '--target-repository', 'service=ECR,repositoryName=cli-repo',
        '--dockerfile-template-data', DOCKERFILE, '--components', `componentArn=${c}`,
      ], kiln.env);
      assert.equal(container.code, 0, container.stderr);
      assert.match(JSON.parse(container.stdout).containerRecipeArn, /:container-recipe\/cli-container-\d+\/1\.0\.0$/);
    });
  });
});
