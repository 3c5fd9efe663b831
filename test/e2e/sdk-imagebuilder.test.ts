/**
 * Image Builder components end to end through the real @aws-sdk/client-imagebuilder client:
 * CreateComponent, GetComponent, ListComponents, ListComponentBuildVersions and DeleteComponent,
 * with builds, ARN normalisation, clientToken idempotency, paging, region isolation, and that a
 * failed call stores nothing.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand,
  DeleteComponentCommand,
  GetComponentCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  type ComponentSummary,
  type ComponentVersion,
  type CreateComponentCommandInput,
} from '@aws-sdk/client-imagebuilder';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { ACCOUNT } from '../helpers/fixtures.js';

const PREFIX = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:component`;
const BUILD_DOC = `name: HelloWorld
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: Hello
        action: ExecuteBash
        inputs:
          commands:
            - echo hello
  - name: validate
    steps:
      - name: Check
        action: ExecuteBash
        inputs:
          commands:
            - echo ok
`;
const TEST_DOC = `name: OnlyTests
schemaVersion: 1.0
phases:
  - name: test
    steps:
      - name: Probe
        action: ExecuteBash
        inputs:
          commands:
            - echo test
`;
const GET_ARN_PATTERN = '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/(?:(?:([0-9]+|x)\\.([0-9]+|x)\\.([0-9]+|x))|(?:[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+))$';
const BUILD_ARN_PATTERN = '^arn:aws[^:]*:imagebuilder:[^:]+:(?:[0-9]{12}|aws(?:-[a-z-]+)?):component/[a-z0-9-_]+/[0-9]+\\.[0-9]+\\.[0-9]+/[0-9]+$';

describe('Image Builder components through @aws-sdk/client-imagebuilder', () => {
  let kiln: TestKiln;
  let west: ImagebuilderClient;
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;

  const create = (input: Partial<CreateComponentCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new CreateComponentCommand({ semanticVersion: '1.0.0', platform: 'Linux', data: BUILD_DOC, ...input }));
  const get = (arn: string, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new GetComponentCommand({ componentBuildVersionArn: arn }));
  const listAll = async (client?: ImagebuilderClient, maxResults?: number) => {
    const items: ComponentVersion[] = [];
    const pages: Array<{ count: number; nextToken?: string }> = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await (client ?? kiln.imagebuilder).send(new ListComponentsCommand({ maxResults, nextToken }));
      items.push(...(page.componentVersionList ?? []));
      pages.push({ count: page.componentVersionList?.length ?? 0, nextToken: page.nextToken });
      if (!page.nextToken) return { items, pages };
      nextToken = page.nextToken;
    }
    assert.fail('ListComponents never stopped paging');
  };
  const listedArns = async (client?: ImagebuilderClient) => (await listAll(client)).items.map((c) => c.arn!).sort();
  const builds = async (componentVersionArn: string, maxResults?: number) => {
    const items: ComponentSummary[] = [];
    let nextToken: string | undefined;
    for (let i = 0; i < 100; i++) {
      const page = await kiln.imagebuilder.send(new ListComponentBuildVersionsCommand({ componentVersionArn, maxResults, nextToken }));
      items.push(...(page.componentSummaryList ?? []));
      if (!page.nextToken) return items;
      nextToken = page.nextToken;
    }
    assert.fail('ListComponentBuildVersions never stopped paging');
  };

  before(async () => {
    kiln = await startTestKiln();
    west = kiln.imagebuilderIn('us-west-2');
  });
  after(() => kiln.close());

  describe('CreateComponent', () => {
    it('creates build 1 of a version and echoes the clientToken', async () => {
      const name = unique('hello');
      const out = await create({ name, clientToken: 'token-create-1', description: 'says hello' });
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
      assert.equal(out.clientToken, 'token-create-1');
      assert.equal(typeof out.requestId, 'string');
      assert.ok(out.requestId!.length > 0);
    });

    it('the SDK fills in a clientToken when none is given, and it comes back', async () => {
      const out = await create({ name: unique('auto-token') });
      assert.match(out.clientToken ?? '', /^[0-9a-f-]{36}$/);
    });

    it('creating the same name and version again adds the next build', async () => {
      const name = unique('rebuilt');
      const first = await create({ name, description: 'first' });
      const second = await create({ name, description: 'second' });
      const third = await create({ name, description: 'third' });
      assert.equal(first.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
      assert.equal(second.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/2`);
      assert.equal(third.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/3`);
      assert.equal((await get(first.componentBuildVersionArn!)).component!.description, 'first');
      assert.equal((await get(second.componentBuildVersionArn!)).component!.description, 'second');
      // Another version of the same name starts again at build 1.
      const other = await create({ name, semanticVersion: '1.0.1' });
      assert.equal(other.componentBuildVersionArn, `${PREFIX}/${name}/1.0.1/1`);
    });

    it('lower-cases the name in the ARN and turns spaces and underscores into hyphens; name stays as given', async () => {
      const out = await create({ name: 'My Fancy_Component X' });
      assert.equal(out.componentBuildVersionArn, `${PREFIX}/my-fancy-component-x/1.0.0/1`);
      const component = (await get(out.componentBuildVersionArn!)).component!;
      assert.equal(component.name, 'My Fancy_Component X');
      assert.equal(component.arn, out.componentBuildVersionArn);
      const listed = (await listAll()).items.find((c) => c.arn === `${PREFIX}/my-fancy-component-x/1.0.0`);
      assert.ok(listed, 'ListComponents shows the version ARN with the normalised name');
      assert.equal(listed.name, 'My Fancy_Component X');
    });

    it('is a BUILD component unless every phase is test', async () => {
      const buildArn = (await create({ name: unique('builder') })).componentBuildVersionArn!;
      const testArn = (await create({ name: unique('tester'), data: TEST_DOC })).componentBuildVersionArn!;
      assert.equal((await get(buildArn)).component!.type, 'BUILD');
      assert.equal((await get(testArn)).component!.type, 'TEST');
    });

    it('refuses neither data nor uri: 400 InvalidParameterCombinationException, nothing stored', async () => {
      const name = unique('no-document');
      const before = await listedArns();
      await expectError(create({ name, data: undefined }), { name: 'InvalidParameterCombinationException', status: 400 });
      assert.deepEqual(await listedArns(), before);
      await expectError(get(`${PREFIX}/${name}/1.0.0/1`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('refuses both data and uri: 400 InvalidParameterCombinationException, nothing stored', async () => {
      const name = unique('two-documents');
      const before = await listedArns();
      await expectError(create({ name, uri: 's3://bucket/component.yaml' }), { name: 'InvalidParameterCombinationException', status: 400 });
      assert.deepEqual(await listedArns(), before);
      await expectError(get(`${PREFIX}/${name}/1.0.0/1`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('a component kept at a uri is created', async () => {
      const name = unique('from-s3');
      const out = await create({ name, data: undefined, uri: 's3://bucket/component.yaml' });
      assert.equal(out.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
    });

    it('refuses a semantic version outside the pattern: 400 InvalidParameterValueException, nothing stored', async () => {
      const name = unique('bad-version');
      const before = await listedArns();
      await expectError(create({ name, semanticVersion: '1.0' }), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'semanticVersion' is not valid. semanticVersion must match pattern ^[0-9]+\\.[0-9]+\\.[0-9]+$",
      });
      assert.deepEqual(await listedArns(), before);
    });

    it('refuses a version node above 2^30-1: 400 InvalidVersionNumberException, nothing stored', async () => {
      const name = unique('huge-version');
      const before = await listedArns();
      await expectError(create({ name, semanticVersion: '1073741824.0.0' }), { name: 'InvalidVersionNumberException', status: 400 });
      assert.deepEqual(await listedArns(), before);
      const edge = await create({ name, semanticVersion: '1073741823.0.0' });
      assert.equal(edge.componentBuildVersionArn, `${PREFIX}/${name}/1073741823.0.0/1`);
    });

    it('refuses a name outside the pattern: 400 InvalidParameterValueException, nothing stored', async () => {
      const before = await listedArns();
      await expectError(create({ name: 'a!' }), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'name' is not valid. name must match pattern ^[-_A-Za-z-0-9][-_A-Za-z0-9 ]{1,126}[-_A-Za-z-0-9]$",
      });
      assert.deepEqual(await listedArns(), before);
    });

    it('refuses a document that is not YAML: 400 InvalidParameterValueException, nothing stored', async () => {
      const name = unique('bad-yaml');
      const before = await listedArns();
      await expectError(create({ name, data: 'phases: [unclosed' }), { name: 'InvalidParameterValueException', status: 400 });
      assert.deepEqual(await listedArns(), before);
      await expectError(get(`${PREFIX}/${name}/1.0.0/1`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('dryRun answers 412 DryRunOperationException and creates nothing', async () => {
      const name = unique('dry');
      const before = await listedArns();
      await expectError(create({ name, dryRun: true, clientToken: 'dry-token' }), { name: 'DryRunOperationException', status: 412 });
      assert.deepEqual(await listedArns(), before);
      await expectError(get(`${PREFIX}/${name}/1.0.0/1`), { name: 'ResourceNotFoundException', status: 404 });
      // The dry run did not use up its token: the real request with it goes through as build 1.
      const real = await create({ name, clientToken: 'dry-token' });
      assert.equal(real.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
    });
  });

  describe('clientToken idempotency', () => {
    it('the same token with the same parameters answers the same ARN and creates nothing new', async () => {
      const name = unique('idem');
      const input = { name, description: 'once', clientToken: 'idem-token-1', tags: { team: 'a' } };
      const first = await create(input);
      const again = await create(input);
      assert.equal(again.componentBuildVersionArn, first.componentBuildVersionArn);
      assert.equal(again.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
      assert.equal(again.clientToken, 'idem-token-1');
      const list = await builds(`${PREFIX}/${name}/1.0.0`);
      assert.deepEqual(list.map((b) => b.arn), [`${PREFIX}/${name}/1.0.0/1`]);
      // A new token is a new request: the next build.
      const fresh = await create({ ...input, clientToken: 'idem-token-2' });
      assert.equal(fresh.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/2`);
      // Replaying the first token still answers the first build, not the newest one.
      const replay = await create(input);
      assert.equal(replay.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
      assert.equal((await builds(`${PREFIX}/${name}/1.0.0`)).length, 2);
    });

    it('the same token with different parameters: 400 IdempotentParameterMismatchException, nothing new', async () => {
      const name = unique('mismatch');
      await create({ name, description: 'original', clientToken: 'mismatch-token' });
      const before = await listedArns();
      await expectError(create({ name, description: 'different', clientToken: 'mismatch-token' }), {
        name: 'IdempotentParameterMismatchException', status: 400,
      });
      await expectError(create({ name, semanticVersion: '2.0.0', description: 'original', clientToken: 'mismatch-token' }), {
        name: 'IdempotentParameterMismatchException', status: 400,
      });
      assert.deepEqual(await listedArns(), before);
      const list = await builds(`${PREFIX}/${name}/1.0.0`);
      assert.equal(list.length, 1);
      assert.equal(list[0].description, 'original');
    });

    it('a token whose request failed is not used up', async () => {
      const name = unique('failed-first');
      await expectError(create({ name, data: undefined, clientToken: 'failed-token' }), { name: 'InvalidParameterCombinationException', status: 400 });
      const out = await create({ name, clientToken: 'failed-token' });
      assert.equal(out.componentBuildVersionArn, `${PREFIX}/${name}/1.0.0/1`);
    });
  });

  describe('GetComponent', () => {
    it('returns the build a build ARN names, with everything that was created', async () => {
      const name = unique('detailed');
      const arn = (await create({
        name, semanticVersion: '3.4.5', description: 'described', changeDescription: 'first cut',
        supportedOsVersions: ['Amazon Linux 2'], tags: { team: 'builders', env: 'test' },
      })).componentBuildVersionArn!;
      const out = await get(arn);
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(typeof out.requestId, 'string');
      const c = out.component!;
      assert.equal(c.arn, arn);
      assert.equal(c.name, name);
      assert.equal(c.version, '3.4.5');
      assert.equal(c.description, 'described');
      assert.equal(c.changeDescription, 'first cut');
      assert.equal(c.platform, 'Linux');
      assert.deepEqual(c.supportedOsVersions, ['Amazon Linux 2']);
      assert.equal(c.type, 'BUILD');
      assert.equal(c.owner, ACCOUNT);
      assert.equal(c.data, BUILD_DOC);
      assert.deepEqual(c.tags, { team: 'builders', env: 'test' });
      assert.equal(typeof c.dateCreated, 'string');
      assert.ok(!Number.isNaN(Date.parse(c.dateCreated!)), 'dateCreated is an ISO-8601 string');
    });

    it('a version ARN answers its newest build', async () => {
      const name = unique('versioned');
      await create({ name, description: 'build 1' });
      await create({ name, description: 'build 2' });
      const out = await get(`${PREFIX}/${name}/1.0.0`);
      assert.equal(out.component!.arn, `${PREFIX}/${name}/1.0.0/2`);
      assert.equal(out.component!.description, 'build 2');
      assert.equal((await get(`${PREFIX}/${name}/1.0.0/1`)).component!.description, 'build 1');
    });

    it('wildcard versions pick the newest matching version: x.x.x and 1.x.x', async () => {
      const name = unique('wild');
      for (const version of ['1.6.8', '2.2.4', '1.7.8', '1.10.0', '0.9.9']) await create({ name, semanticVersion: version });
      await create({ name, semanticVersion: '1.10.0', description: 'newest build' });
      assert.equal((await get(`${PREFIX}/${name}/x.x.x`)).component!.arn, `${PREFIX}/${name}/2.2.4/1`);
      const oneX = (await get(`${PREFIX}/${name}/1.x.x`)).component!;
      assert.equal(oneX.arn, `${PREFIX}/${name}/1.10.0/2`, 'versions compare numerically, not as text');
      assert.equal(oneX.description, 'newest build');
      assert.equal((await get(`${PREFIX}/${name}/1.6.x`)).component!.arn, `${PREFIX}/${name}/1.6.8/1`);
      await expectError(get(`${PREFIX}/${name}/3.x.x`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('a wildcard followed by a number (x.2.x, 1.x.8) is an error, not a match', async () => {
      // IB-UG ibhow-semantic-versioning: once a node is x, every node to its right must be x;
      // "x.2.x" and "1.x.8" are "not valid, and generate an error". The error code is not
      // documented; InvalidParameterValueException is how Image Builder refuses a bad parameter.
      const name = unique('wild-bad');
      await create({ name, semanticVersion: '2.2.4' });
      await create({ name, semanticVersion: '1.7.8' });
      await expectError(get(`${PREFIX}/${name}/x.2.x`), { name: 'InvalidParameterValueException', status: 400 });
      await expectError(get(`${PREFIX}/${name}/1.x.8`), { name: 'InvalidParameterValueException', status: 400 });
    });

    it('answers 404 ResourceNotFoundException for a missing build, version or name', async () => {
      const name = unique('present');
      await create({ name });
      await expectError(get(`${PREFIX}/${name}/1.0.0/2`), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(get(`${PREFIX}/${name}/1.0.1`), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(get(`${PREFIX}/never-created/1.0.0/1`), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(get(`${PREFIX}/never-created/x.x.x`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('refuses an ARN outside the pattern: 400 InvalidParameterValueException', async () => {
      for (const bad of ['not-an-arn', `${PREFIX}/Upper-Case/1.0.0/1`, `${PREFIX}/name/1.0`, `arn:aws:imagebuilder:us-east-1:${ACCOUNT}:image/name/1.0.0/1`]) {
        await expectError(get(bad), {
          name: 'InvalidParameterValueException', status: 400,
          message: `The value supplied for parameter 'componentBuildVersionArn' is not valid. componentBuildVersionArn must match pattern ${GET_ARN_PATTERN}`,
        });
      }
    });
  });

  describe('ListComponents', () => {
    before(async () => {
      await kiln.reset();
    });

    it('lists one entry per semantic version, with the version ARN, and pages with maxResults 2 over 5 versions', async () => {
      const versions = ['1.0.0', '1.1.0', '2.0.0', '10.0.0', '1.0.1'];
      for (const semanticVersion of versions) await create({ name: 'paged', semanticVersion, description: `v${semanticVersion}` });
      // A second build of one version is still one entry.
      await create({ name: 'paged', semanticVersion: '1.1.0', description: 'v1.1.0 build 2' });

      const { items, pages } = await listAll(undefined, 2);
      assert.deepEqual(pages.map((p) => p.count), [2, 2, 1]);
      assert.equal(pages[2].nextToken, undefined, 'the last page carries no nextToken');
      assert.equal(items.length, 5);
      assert.deepEqual(items.map((c) => c.arn).sort(), versions.map((v) => `${PREFIX}/paged/${v}`).sort());
      assert.equal(new Set(items.map((c) => c.arn)).size, 5, 'no version appears twice');
      for (const item of items) {
        assert.equal(item.name, 'paged');
        assert.equal(item.arn, `${PREFIX}/paged/${item.version}`);
        assert.equal(item.platform, 'Linux');
        assert.equal(item.type, 'BUILD');
        assert.equal(item.owner, ACCOUNT);
      }
      assert.equal(items.find((c) => c.version === '1.1.0')!.description, 'v1.1.0 build 2', 'a version shows its newest build');

      const again = await listAll(undefined, 2);
      assert.deepEqual(again.items.map((c) => c.arn), items.map((c) => c.arn), 'the same order every time');
      const whole = await listAll();
      assert.deepEqual(whole.pages.map((p) => p.count), [5]);
      assert.deepEqual(whole.items.map((c) => c.arn), items.map((c) => c.arn), 'the same order without paging');
    });

    it('refuses a nextToken it did not issue: 400 InvalidPaginationTokenException', async () => {
      await expectError(kiln.imagebuilder.send(new ListComponentsCommand({ nextToken: 'not-a-token' })), {
        name: 'InvalidPaginationTokenException', status: 400,
      });
    });

    it('refuses maxResults outside 1..25', async () => {
      await expectError(kiln.imagebuilder.send(new ListComponentsCommand({ maxResults: 26 })), {
        name: 'InvalidParameterValueException', status: 400,
        message: "The value supplied for parameter 'maxResults' is not valid. maxResults must be less than or equal to 25.",
      });
      await expectError(kiln.imagebuilder.send(new ListComponentsCommand({ maxResults: 0 })), { name: 'InvalidParameterValueException', status: 400 });
    });
  });

  describe('ListComponentBuildVersions', () => {
    it('lists every build of one version with its build ARN, and pages', async () => {
      const name = unique('many-builds');
      for (let i = 0; i < 5; i++) await create({ name, description: `build ${i + 1}` });
      await create({ name, semanticVersion: '1.0.1' });
      const all = await builds(`${PREFIX}/${name}/1.0.0`);
      assert.deepEqual(all.map((b) => b.arn).sort(), [1, 2, 3, 4, 5].map((n) => `${PREFIX}/${name}/1.0.0/${n}`).sort());
      for (const b of all) {
        assert.equal(b.name, name);
        assert.equal(b.version, '1.0.0');
        assert.equal(b.type, 'BUILD');
        assert.equal(b.owner, ACCOUNT);
      }
      const paged = await builds(`${PREFIX}/${name}/1.0.0`, 2);
      assert.deepEqual(paged.map((b) => b.arn), all.map((b) => b.arn));
      assert.deepEqual((await builds(`${PREFIX}/${name}/9.9.9`)), []);
    });

    it('refuses a build ARN where a version ARN belongs: 400 InvalidParameterValueException', async () => {
      await expectError(kiln.imagebuilder.send(new ListComponentBuildVersionsCommand({ componentVersionArn: `${PREFIX}/x/1.0.0/1` })), {
        name: 'InvalidParameterValueException', status: 400,
      });
    });
  });

  describe('DeleteComponent', () => {
    it('deletes one build; the version ARN then answers the newest remaining build', async () => {
      const name = unique('deleted');
      await create({ name, description: 'one' });
      const second = (await create({ name, description: 'two' })).componentBuildVersionArn!;
      const out = await kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: second }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.equal(out.componentBuildVersionArn, second);
      assert.equal(typeof out.requestId, 'string');
      await expectError(get(second), { name: 'ResourceNotFoundException', status: 404 });
      assert.equal((await get(`${PREFIX}/${name}/1.0.0`)).component!.arn, `${PREFIX}/${name}/1.0.0/1`);
      assert.deepEqual((await builds(`${PREFIX}/${name}/1.0.0`)).map((b) => b.arn), [`${PREFIX}/${name}/1.0.0/1`]);
    });

    it('deleting the last build removes the version from ListComponents', async () => {
      const name = unique('last-build');
      const arn = (await create({ name })).componentBuildVersionArn!;
      assert.ok((await listedArns()).includes(`${PREFIX}/${name}/1.0.0`));
      await kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: arn }));
      assert.ok(!(await listedArns()).includes(`${PREFIX}/${name}/1.0.0`));
      await expectError(get(`${PREFIX}/${name}/1.0.0`), { name: 'ResourceNotFoundException', status: 404 });
    });

    it('answers 404 ResourceNotFoundException for a missing build, also when deleting twice', async () => {
      const name = unique('twice');
      const arn = (await create({ name })).componentBuildVersionArn!;
      await kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: arn }));
      await expectError(kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: arn })), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: `${PREFIX}/never-created/1.0.0/1` })), {
        name: 'ResourceNotFoundException', status: 404,
      });
    });

    it('refuses a version ARN (it deletes builds only): 400 InvalidParameterValueException, nothing deleted', async () => {
      const name = unique('keep-me');
      const arn = (await create({ name })).componentBuildVersionArn!;
      await expectError(kiln.imagebuilder.send(new DeleteComponentCommand({ componentBuildVersionArn: `${PREFIX}/${name}/1.0.0` })), {
        name: 'InvalidParameterValueException', status: 400,
        message: `The value supplied for parameter 'componentBuildVersionArn' is not valid. componentBuildVersionArn must match pattern ${BUILD_ARN_PATTERN}`,
      });
      assert.equal((await get(arn)).component!.arn, arn);
    });
  });

  describe('regions', () => {
    it('a client in us-west-2 does not see us-east-1 components, and vice versa', async () => {
      const name = unique('regional');
      const eastArn = (await create({ name })).componentBuildVersionArn!;
      assert.ok(eastArn.startsWith('arn:aws:imagebuilder:us-east-1:'));

      assert.ok(!(await listedArns(west)).some((arn) => arn.includes(`/${name}/`)), 'us-west-2 lists no us-east-1 component');
      await expectError(get(eastArn, west), { name: 'ResourceNotFoundException', status: 404 });
      await expectError(get(eastArn.replace('us-east-1', 'us-west-2'), west), { name: 'ResourceNotFoundException', status: 404 });

      const westArn = (await create({ name }, west)).componentBuildVersionArn!;
      assert.equal(westArn, `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:component/${name}/1.0.0/1`, 'builds count per region');
      assert.equal((await get(westArn, west)).component!.arn, westArn);
      await expectError(get(westArn), { name: 'ResourceNotFoundException', status: 404 });
      assert.ok((await listedArns(west)).includes(`arn:aws:imagebuilder:us-west-2:${ACCOUNT}:component/${name}/1.0.0`));
      assert.ok(!(await listedArns()).includes(`arn:aws:imagebuilder:us-west-2:${ACCOUNT}:component/${name}/1.0.0`));
      assert.ok((await listedArns()).includes(`${PREFIX}/${name}/1.0.0`));
    });
  });
});
