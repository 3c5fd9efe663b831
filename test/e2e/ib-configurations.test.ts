/**
 * Image Builder infrastructure and distribution configurations end to end through the real
 * @aws-sdk/client-imagebuilder client (and the `aws` CLI): create, get, update (a full
 * replacement), list with filters and paging, delete; ARN normalisation, clientToken idempotency,
 * region isolation, the instance profile that must exist in IAM and the iam:PassRole its role
 * needs, the distribution checks, and that every failed call changes nothing. (Dependency errors
 * while a pipeline uses a configuration are in ib-pipelines.test.ts.)
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand,
} from '@aws-sdk/client-iam';
import {
  CreateDistributionConfigurationCommand, CreateInfrastructureConfigurationCommand, DeleteDistributionConfigurationCommand,
  DeleteInfrastructureConfigurationCommand, GetDistributionConfigurationCommand, GetInfrastructureConfigurationCommand,
  ImagebuilderClient, ListDistributionConfigurationsCommand, ListInfrastructureConfigurationsCommand, ListTagsForResourceCommand,
  TagResourceCommand, UntagResourceCommand, UpdateDistributionConfigurationCommand, UpdateInfrastructureConfigurationCommand,
  type CreateDistributionConfigurationCommandInput, type CreateInfrastructureConfigurationCommandInput, type Distribution,
  type Filter,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/kernel/clock.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT, IB, TRUST_POLICY } from '../helpers/fixtures.js';
import { limitedUser } from '../helpers/users.js';

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const PROFILE_MISSING = "The value supplied for parameter 'instanceProfileName' is not valid. The provided instance profile does not exist. Please specify a different instance profile and try again.";
const NO_OUTPUTS = (i: number) => `The value supplied for parameter 'distributions[${i}]' is not valid. One or more outputs should be provided for each region in a distribution configuration.`;

const notFound = (arn: string) => ({ name: 'ResourceNotFoundException', status: 404, message: `The resource ARN '${arn}' does not exist.` });
const exists = (type: string, arn: string) => ({ name: 'ResourceAlreadyExistsException', status: 400, message: `The following resource '${type}' already exists: '${arn}'.` });
const invalid = (message?: string) => ({ name: 'InvalidParameterValueException', status: 400, message });

const AMI = (region: string): Distribution => ({ region, amiDistributionConfiguration: { name: 'Name {{imagebuilder:buildDate}}', amiTags: { Team: 'x' } } });

describe('Image Builder infrastructure and distribution configurations through @aws-sdk/client-imagebuilder', () => {
  let kiln: TestKiln;
  let west: ImagebuilderClient;
  let roleArn: string;
  const PROFILE = 'IbBuilderProfile';
  let counter = 0;
  const unique = (stem: string) => `${stem}-${++counter}`;

  const createInfra = (input: Partial<CreateInfrastructureConfigurationCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new CreateInfrastructureConfigurationCommand({ instanceProfileName: PROFILE, ...input }));
  const getInfra = (arn: string, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }));
  const createDist = (input: Partial<CreateDistributionConfigurationCommandInput> & { name: string }, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new CreateDistributionConfigurationCommand({ distributions: [AMI('us-east-1')], ...input }));
  const getDist = (arn: string, client?: ImagebuilderClient) =>
    (client ?? kiln.imagebuilder).send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }));

  const infraArns = async (client?: ImagebuilderClient, filters?: Filter[]) =>
    ((await (client ?? kiln.imagebuilder).send(new ListInfrastructureConfigurationsCommand({ filters }))).infrastructureConfigurationSummaryList ?? []).map((s) => s.arn!).sort();
  const distArns = async (client?: ImagebuilderClient, filters?: Filter[]) =>
    ((await (client ?? kiln.imagebuilder).send(new ListDistributionConfigurationsCommand({ filters }))).distributionConfigurationSummaryList ?? []).map((s) => s.arn!).sort();

  /** An IAM user with an access key and one inline policy, and an Image Builder client signing as it. */
  const userClient = (statements: object[]) => limitedUser(kiln, unique('ibuser'), statements);

  before(async () => {
    kiln = await startTestKiln({ clock: 'manual' });
    west = new ImagebuilderClient({ endpoint: kiln.endpoint, region: 'us-west-2', credentials: kiln.credentials, maxAttempts: 1 });
    roleArn = (await kiln.iam.send(new CreateRoleCommand({ RoleName: 'IbBuilderRole', AssumeRolePolicyDocument: TRUST_POLICY }))).Role!.Arn!;
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: PROFILE }));
    await kiln.iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: PROFILE, RoleName: 'IbBuilderRole' }));
    await kiln.iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'OtherProfile' }));
  });
  after(() => kiln.close());

  describe('infrastructure configurations', () => {
    it('creates one with every setting, normalises the ARN and keeps the name as given', async () => {
      const created = await createInfra({
        name: 'My Infra_Config', description: 'builds things', instanceTypes: ['m5.large', 'm5.xlarge'],
        securityGroupIds: ['sg-a48c95ef'], subnetId: 'subnet-a48c95ef',
        logging: { s3Logs: { s3BucketName: 'bucket-name', s3KeyPrefix: 'bucket-path' } }, keyPair: 'Name',
        terminateInstanceOnFailure: false, snsTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:sns-name`,
        resourceTags: { Owner: 'ci' }, instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
        placement: { availabilityZone: 'us-east-1a', tenancy: 'default' }, tags: { Team: 'platform' }, clientToken: 'infra-all-settings',
      });
      const arn = `${IB}:infrastructure-configuration/my-infra-config`;
      assert.equal(created.infrastructureConfigurationArn, arn);
      assert.equal(created.clientToken, 'infra-all-settings');
      assert.match(created.requestId ?? '', /^[0-9a-f-]{36}$/);

      const got = (await getInfra(arn)).infrastructureConfiguration!;
      assert.match(got.dateCreated!, ISO);
      assert.deepEqual(got, {
        arn, name: 'My Infra_Config', description: 'builds things', instanceTypes: ['m5.large', 'm5.xlarge'],
        instanceProfileName: PROFILE, securityGroupIds: ['sg-a48c95ef'], subnetId: 'subnet-a48c95ef',
        logging: { s3Logs: { s3BucketName: 'bucket-name', s3KeyPrefix: 'bucket-path' } }, keyPair: 'Name',
        terminateInstanceOnFailure: false, snsTopicArn: `arn:aws:sns:us-east-1:${ACCOUNT}:sns-name`,
        dateCreated: got.dateCreated, resourceTags: { Owner: 'ci' }, instanceMetadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
        tags: { Team: 'platform' }, placement: { availabilityZone: 'us-east-1a', tenancy: 'default' },
      });
    });

    it('defaults terminateInstanceOnFailure to true and tags to {}, with no dateUpdated until an update', async () => {
      const name = unique('minimal');
      const arn = (await createInfra({ name })).infrastructureConfigurationArn!;
      const got = (await getInfra(arn)).infrastructureConfiguration!;
      assert.equal(got.terminateInstanceOnFailure, true);
      assert.deepEqual(got.tags, {});
      assert.equal(got.dateUpdated, undefined);
      assert.equal(got.instanceProfileName, PROFILE);
    });

    it('answers ResourceAlreadyExistsException for a name whose ARN exists, in any letter case, and keeps the first', async () => {
      const name = unique('Dup');
      const arn = (await createInfra({ name, description: 'first' })).infrastructureConfigurationArn!;
      await expectError(createInfra({ name, description: 'second' }), exists('InfrastructureConfiguration', arn));
      await expectError(createInfra({ name: name.toUpperCase() }), exists('InfrastructureConfiguration', arn));
      assert.equal((await getInfra(arn)).infrastructureConfiguration!.description, 'first');
    });

    it('needs an instance profile that exists in IAM, and stores nothing otherwise', async () => {
      const name = unique('noprofile');
      await expectError(createInfra({ name, instanceProfileName: 'NoSuchProfile' }), invalid(PROFILE_MISSING));
      await expectError(getInfra(`${IB}:infrastructure-configuration/${name}`), notFound(`${IB}:infrastructure-configuration/${name}`));
      assert.ok(!(await infraArns()).includes(`${IB}:infrastructure-configuration/${name}`));
      // IAM names are case-insensitive; a profile without a role is accepted (there is nothing to pass).
      await createInfra({ name: unique('anycase'), instanceProfileName: PROFILE.toLowerCase() });
      await createInfra({ name: unique('roleless'), instanceProfileName: 'OtherProfile' });
    });

    it('validates its input against the model (InvalidParameterValueException, InvalidRequestException)', async () => {
      await expectError(createInfra({ name: unique('badsns'), snsTopicArn: 'not-an-arn' }), invalid());
      await expectError(createInfra({ name: 'x' }), invalid());
      await expectError(kiln.imagebuilder.send(new CreateInfrastructureConfigurationCommand({ name: unique('noprofile'), instanceProfileName: undefined as unknown as string })),
        { name: 'InvalidRequestException', status: 400, message: "The request is missing the required parameter 'instanceProfileName'." });
      await expectError(getInfra(`${IB}:image-pipeline/x`), invalid());
    });

    it('makes create idempotent per clientToken: the same answer again, and a mismatch for other parameters', async () => {
      const name = unique('idem');
      const first = await createInfra({ name, clientToken: 'idem-infra-1' });
      const again = await createInfra({ name, clientToken: 'idem-infra-1' });
      assert.equal(again.infrastructureConfigurationArn, first.infrastructureConfigurationArn);
      assert.equal(again.clientToken, 'idem-infra-1');
      assert.notEqual(again.requestId, first.requestId);
      await expectError(createInfra({ name, description: 'other', clientToken: 'idem-infra-1' }), {
        name: 'IdempotentParameterMismatchException', status: 400,
      });
      assert.equal((await infraArns(undefined, [{ name: 'name', values: [name] }])).length, 1);
    });

    it('updates as a full replacement, keeping name, ARN, creation date and tags, and sets dateUpdated', async () => {
      const name = unique('upd');
      const arn = (await createInfra({
        name, description: 'before', instanceTypes: ['t3.micro'], keyPair: 'kp', terminateInstanceOnFailure: false, tags: { K: 'v' },
      })).infrastructureConfigurationArn!;
      const before = (await getInfra(arn)).infrastructureConfiguration!;
      (kiln.clock as ManualClock).advance(5);
      const updated = await kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: arn, instanceProfileName: PROFILE, description: 'after', subnetId: 'subnet-1', clientToken: 'upd-1',
      }));
      assert.equal(updated.infrastructureConfigurationArn, arn);
      assert.equal(updated.clientToken, 'upd-1');
      const after = (await getInfra(arn)).infrastructureConfiguration!;
      assert.deepEqual(after, {
        arn, name, description: 'after', instanceProfileName: PROFILE, subnetId: 'subnet-1', terminateInstanceOnFailure: true,
        dateCreated: before.dateCreated, dateUpdated: after.dateUpdated, tags: { K: 'v' },
      });
      assert.equal(new Date(after.dateUpdated!).getTime() - new Date(before.dateCreated!).getTime(), 5000);
    });

    it('update: a missing configuration is ResourceNotFoundException, a missing profile changes nothing', async () => {
      const missing = `${IB}:infrastructure-configuration/${unique('ghost')}`;
      await expectError(kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: missing, instanceProfileName: PROFILE })), notFound(missing));
      const arn = (await createInfra({ name: unique('keep'), description: 'kept' })).infrastructureConfigurationArn!;
      const before = (await getInfra(arn)).infrastructureConfiguration;
      await expectError(kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: arn, instanceProfileName: 'NoSuchProfile', description: 'changed',
      })), invalid(PROFILE_MISSING));
      assert.deepEqual((await getInfra(arn)).infrastructureConfiguration, before);
    });

    it('update is idempotent per clientToken', async () => {
      const arn = (await createInfra({ name: unique('updidem') })).infrastructureConfigurationArn!;
      const input = { infrastructureConfigurationArn: arn, instanceProfileName: PROFILE, description: 'one', clientToken: 'upd-idem' };
      await kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand(input));
      const again = await kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand(input));
      assert.equal(again.infrastructureConfigurationArn, arn);
      await expectError(kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({ ...input, description: 'two' })),
        { name: 'IdempotentParameterMismatchException', status: 400 });
      assert.equal((await getInfra(arn)).infrastructureConfiguration!.description, 'one');
    });

    it('get, update and delete of a missing or foreign ARN are ResourceNotFoundException', async () => {
      const missing = `${IB}:infrastructure-configuration/nothing-here`;
      await expectError(getInfra(missing), notFound(missing));
      await expectError(kiln.imagebuilder.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: missing })), notFound(missing));
      const otherAccount = `arn:aws:imagebuilder:us-east-1:210987654321:infrastructure-configuration/my-infra-config`;
      await expectError(getInfra(otherAccount), notFound(otherAccount));
    });

    it('lists summaries with the name filter and pages with opaque tokens', async () => {
      const stem = unique('page');
      const names = [1, 2, 3, 4, 5].map((n) => `${stem}-${n}`);
      for (const name of names) await createInfra({ name, instanceTypes: ['t3.small'], tags: { N: name } });
      const summaries = (await kiln.imagebuilder.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'name', values: [names[0], names[3]] }] })))
        .infrastructureConfigurationSummaryList!;
      assert.deepEqual(summaries.map((s) => s.name), [names[0], names[3]]);
      assert.deepEqual(Object.keys(summaries[0]).sort(), ['arn', 'dateCreated', 'instanceProfileName', 'instanceTypes', 'name', 'tags']);
      assert.deepEqual(summaries[0].tags, { N: names[0] });

      const seen: string[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const page = await kiln.imagebuilder.send(new ListInfrastructureConfigurationsCommand({ maxResults: 2, nextToken, filters: [{ name: 'name', values: names }] }));
        assert.ok(page.infrastructureConfigurationSummaryList!.length <= 2);
        seen.push(...page.infrastructureConfigurationSummaryList!.map((s) => s.name!));
        nextToken = page.nextToken;
        pages++;
      } while (nextToken);
      assert.deepEqual(seen, names);
      assert.equal(pages, 3);

      await expectError(kiln.imagebuilder.send(new ListInfrastructureConfigurationsCommand({ nextToken: 'garbage' })),
        { name: 'InvalidPaginationTokenException', status: 400 });
      await expectError(kiln.imagebuilder.send(new ListInfrastructureConfigurationsCommand({ filters: [{ name: 'platform', values: ['Linux'] }] })), invalid());
    });

    it('keeps each region apart', async () => {
      const name = unique('regional');
      const eastArn = (await createInfra({ name })).infrastructureConfigurationArn!;
      const westArn = (await createInfra({ name, description: 'west' }, west)).infrastructureConfigurationArn!;
      assert.equal(westArn, `arn:aws:imagebuilder:us-west-2:${ACCOUNT}:infrastructure-configuration/${name}`);
      assert.deepEqual(await infraArns(west), [westArn]);
      assert.ok((await infraArns()).includes(eastArn));
      await expectError(getInfra(eastArn, west), notFound(eastArn));
      assert.equal((await getInfra(westArn, west)).infrastructureConfiguration!.description, 'west');
    });

    it('deletes, after which it is gone', async () => {
      const arn = (await createInfra({ name: unique('gone') })).infrastructureConfigurationArn!;
      const deleted = await kiln.imagebuilder.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }));
      assert.equal(deleted.infrastructureConfigurationArn, arn);
      await expectError(getInfra(arn), notFound(arn));
      assert.ok(!(await infraArns()).includes(arn));
    });

    it('keeps the tags TagResource and UntagResource set, through updates', async () => {
      const arn = (await createInfra({ name: unique('tags'), tags: { A: '1' } })).infrastructureConfigurationArn!;
      await kiln.imagebuilder.send(new TagResourceCommand({ resourceArn: arn, tags: { B: '2' } }));
      await kiln.imagebuilder.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ['A'] }));
      await kiln.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn, instanceProfileName: PROFILE }));
      assert.deepEqual((await getInfra(arn)).infrastructureConfiguration!.tags, { B: '2' });
      assert.deepEqual((await kiln.imagebuilder.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { B: '2' });

      const dist = (await createDist({ name: unique('disttags') })).distributionConfigurationArn!;
      await kiln.imagebuilder.send(new TagResourceCommand({ resourceArn: dist, tags: { C: '3' } }));
      await kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: dist, distributions: [AMI('eu-west-1')] }));
      assert.deepEqual((await getDist(dist)).distributionConfiguration!.tags, { C: '3' });
    });

    it('needs iam:PassRole on the profile\'s role (to ec2.amazonaws.com) to create or update, and a denial changes nothing', async () => {
      const ibOnly = await userClient([{ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }]);
      const denied = {
        name: 'AccessDeniedException', status: 403,
        message: `User: ${ibOnly.arn} is not authorized to perform: iam:PassRole on resource: ${roleArn} because no identity-based policy allows the iam:PassRole action`,
      };
      const name = unique('passrole');
      await expectError(createInfra({ name }, ibOnly.imagebuilder), denied);
      await expectError(getInfra(`${IB}:infrastructure-configuration/${name}`), notFound(`${IB}:infrastructure-configuration/${name}`));
      // A profile without a role passes nothing.
      await createInfra({ name: unique('noroles'), instanceProfileName: 'OtherProfile' }, ibOnly.imagebuilder);

      const arn = (await createInfra({ name, description: 'by root' })).infrastructureConfigurationArn!;
      await expectError(ibOnly.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: arn, instanceProfileName: PROFILE, description: 'by user',
      })), denied);
      assert.equal((await getInfra(arn)).infrastructureConfiguration!.description, 'by root');

      const wrongService = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
      ]);
      await expectError(createInfra({ name: unique('lambda') }, wrongService.imagebuilder), {
        ...denied, message: `User: ${wrongService.arn} is not authorized to perform: iam:PassRole on resource: ${roleArn} because no identity-based policy allows the iam:PassRole action`,
      });

      const allowed = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: roleArn, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } },
      ]);
      const made = (await createInfra({ name: unique('allowed') }, allowed.imagebuilder)).infrastructureConfigurationArn!;
      await allowed.imagebuilder.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: made, instanceProfileName: PROFILE, description: 'ok' }));
      assert.equal((await getInfra(made)).infrastructureConfiguration!.description, 'ok');
    });

    it('is authorized as imagebuilder:<Operation> on the configuration\'s ARN, with its tags', async () => {
      const arn = (await createInfra({ name: unique('tagged'), tags: { Env: 'prod' } })).infrastructureConfigurationArn!;
      const reader = await userClient([
        { Effect: 'Allow', Action: 'imagebuilder:GetInfrastructureConfiguration', Resource: `${IB}:infrastructure-configuration/*`, Condition: { StringEquals: { 'aws:ResourceTag/Env': 'dev' } } },
      ]);
      await expectError(getInfra(arn, reader.imagebuilder), {
        name: 'AccessDeniedException', status: 403,
        message: `User: ${reader.arn} is not authorized to perform: imagebuilder:GetInfrastructureConfiguration on resource: ${arn} because no identity-based policy allows the imagebuilder:GetInfrastructureConfiguration action`,
      });
      const lister = await userClient([{ Effect: 'Allow', Action: 'imagebuilder:ListInfrastructureConfigurations', Resource: `${IB}:infrastructure-configuration/*` }]);
      assert.ok((await infraArns(lister.imagebuilder)).includes(arn));
    });
  });

  describe('distribution configurations', () => {
    it('creates one and answers it as given, with the service\'s timeout and tags {} by default', async () => {
      const distributions: Distribution[] = [
        { region: 'us-east-1', amiDistributionConfiguration: { name: 'Name {{imagebuilder:buildDate}}', description: 'x', launchPermission: { userIds: [ACCOUNT] } } },
        { region: 'eu-west-1', launchTemplateConfigurations: [{ launchTemplateId: 'lt-0123456789abcdef0', setDefaultVersion: true }] },
        { region: 'us-west-2', containerDistributionConfiguration: { targetRepository: { service: 'ECR', repositoryName: 'repo' }, containerTags: ['latest'] } },
      ];
      const created = await createDist({ name: 'My Distribution_One', description: 'copies', distributions, clientToken: 'dist-1' });
      const arn = `${IB}:distribution-configuration/my-distribution-one`;
      assert.equal(created.distributionConfigurationArn, arn);
      assert.equal(created.clientToken, 'dist-1');
      const got = (await getDist(arn)).distributionConfiguration!;
      assert.match(got.dateCreated!, ISO);
      assert.deepEqual(got, {
        arn, name: 'My Distribution_One', description: 'copies', distributions, timeoutMinutes: 720, dateCreated: got.dateCreated, tags: {},
      });
    });

    it('needs an output for each region (AWS\'s text), Image Builder regions, each once; a failure stores nothing', async () => {
      const name = unique('baddist');
      const arn = `${IB}:distribution-configuration/${name}`;
      await expectError(createDist({ name, distributions: [{ region: 'us-east-1' }] }), invalid(NO_OUTPUTS(0)));
      await expectError(createDist({ name, distributions: [AMI('us-east-1'), { region: 'eu-west-1' }] }), invalid(NO_OUTPUTS(1)));
      await expectError(createDist({ name, distributions: [AMI('mars-north-1')] }),
        invalid("The value supplied for parameter 'distributions[0].region' is not valid. The region 'mars-north-1' is not supported by EC2 Image Builder."));
      await expectError(createDist({ name, distributions: [AMI('us-east-1'), AMI('eu-west-1'), AMI('us-east-1')] }),
        invalid("The value supplied for parameter 'distributions[2].region' is not valid. The region 'us-east-1' is specified more than once."));
      await expectError(createDist({ name, distributions: [] }), invalid());
      await expectError(getDist(arn), notFound(arn));
      assert.ok(!(await distArns()).includes(arn));
    });

    it('answers ResourceAlreadyExistsException for an existing name', async () => {
      const name = unique('DistDup');
      const arn = (await createDist({ name })).distributionConfigurationArn!;
      await expectError(createDist({ name: name.toLowerCase(), description: 'again' }), exists('DistributionConfiguration', arn));
      assert.equal((await getDist(arn)).distributionConfiguration!.description, undefined);
    });

    it('makes create and update idempotent per clientToken', async () => {
      const name = unique('distidem');
      const first = await createDist({ name, clientToken: 'dist-idem' });
      assert.equal((await createDist({ name, clientToken: 'dist-idem' })).distributionConfigurationArn, first.distributionConfigurationArn);
      await expectError(createDist({ name, description: 'changed', clientToken: 'dist-idem' }), { name: 'IdempotentParameterMismatchException', status: 400 });

      const update = { distributionConfigurationArn: first.distributionConfigurationArn!, distributions: [AMI('eu-west-2')], clientToken: 'dist-upd-idem' };
      await kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand(update));
      await kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand(update));
      await expectError(kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand({ ...update, distributions: [AMI('eu-west-3')] })),
        { name: 'IdempotentParameterMismatchException', status: 400 });
      assert.deepEqual((await getDist(first.distributionConfigurationArn!)).distributionConfiguration!.distributions, [AMI('eu-west-2')]);
    });

    it('updates description and distributions, keeping the rest, and checks them as create does', async () => {
      const arn = (await createDist({ name: unique('distupd'), description: 'old', tags: { T: '1' } })).distributionConfigurationArn!;
      const before = (await getDist(arn)).distributionConfiguration!;
      (kiln.clock as ManualClock).advance(3);
      const out = await kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand({
        distributionConfigurationArn: arn, distributions: [AMI('us-east-1'), AMI('ap-southeast-2')],
      }));
      assert.equal(out.distributionConfigurationArn, arn);
      const after = (await getDist(arn)).distributionConfiguration!;
      const { description: _cleared, ...kept } = before;
      assert.deepEqual(after, { ...kept, distributions: [AMI('us-east-1'), AMI('ap-southeast-2')], dateUpdated: after.dateUpdated });
      assert.match(after.dateUpdated!, ISO);

      await expectError(kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: arn, distributions: [{ region: 'us-east-1' }] })),
        invalid(NO_OUTPUTS(0)));
      const missing = `${IB}:distribution-configuration/${unique('ghost')}`;
      await expectError(kiln.imagebuilder.send(new UpdateDistributionConfigurationCommand({ distributionConfigurationArn: missing, distributions: [AMI('us-east-1')] })),
        notFound(missing));
      assert.deepEqual((await getDist(arn)).distributionConfiguration, after);
    });

    it('lists summaries with their regions, filters by name and pages', async () => {
      const stem = unique('dlist');
      const names = [1, 2, 3].map((n) => `${stem}-${n}`);
      for (const name of names) await createDist({ name, distributions: [AMI('us-east-1'), AMI('eu-central-1')] });
      const list = (await kiln.imagebuilder.send(new ListDistributionConfigurationsCommand({ filters: [{ name: 'name', values: names }] })))
        .distributionConfigurationSummaryList!;
      assert.deepEqual(list.map((s) => s.name), names);
      assert.deepEqual(list[0].regions, ['us-east-1', 'eu-central-1']);
      assert.deepEqual(list[0].tags, {});

      const first = await kiln.imagebuilder.send(new ListDistributionConfigurationsCommand({ maxResults: 2, filters: [{ name: 'name', values: names }] }));
      assert.deepEqual(first.distributionConfigurationSummaryList!.map((s) => s.name), names.slice(0, 2));
      const second = await kiln.imagebuilder.send(new ListDistributionConfigurationsCommand({ maxResults: 2, nextToken: first.nextToken, filters: [{ name: 'name', values: names }] }));
      assert.deepEqual(second.distributionConfigurationSummaryList!.map((s) => s.name), names.slice(2));
      assert.equal(second.nextToken, undefined);
      await expectError(kiln.imagebuilder.send(new ListDistributionConfigurationsCommand({ nextToken: 'bogus' })), { name: 'InvalidPaginationTokenException', status: 400 });
    });

    it('keeps regions apart, and deletes', async () => {
      const name = unique('distregion');
      const westArn = (await createDist({ name }, west)).distributionConfigurationArn!;
      const eastArn = `${IB}:distribution-configuration/${name}`;
      await expectError(getDist(eastArn), notFound(eastArn));
      assert.ok(!(await distArns()).includes(westArn));
      assert.deepEqual(await distArns(west), [westArn]);

      const deleted = await west.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: westArn }));
      assert.equal(deleted.distributionConfigurationArn, westArn);
      await expectError(getDist(westArn, west), notFound(westArn));
      await expectError(west.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: westArn })), notFound(westArn));
    });
  });

  describe('through the aws CLI', () => {
    it('creates, gets and lists an infrastructure configuration, and reports a missing profile', async () => {
      const name = unique('cli-infra');
      const created = await runAws(['imagebuilder', 'create-infrastructure-configuration', '--name', name, '--instance-profile-name', PROFILE,
        '--instance-types', 'm5.large', '--no-terminate-instance-on-failure'], kiln.env);
      assert.equal(created.code, 0, created.stderr);
      const arn = JSON.parse(created.stdout).infrastructureConfigurationArn;
      assert.equal(arn, `${IB}:infrastructure-configuration/${name}`);

      const got = await runAws(['imagebuilder', 'get-infrastructure-configuration', '--infrastructure-configuration-arn', arn], kiln.env);
      assert.equal(got.code, 0, got.stderr);
      const config = JSON.parse(got.stdout).infrastructureConfiguration;
      assert.deepEqual([config.name, config.instanceTypes, config.terminateInstanceOnFailure, config.tags], [name, ['m5.large'], false, {}]);

      const listed = await runAws(['imagebuilder', 'list-infrastructure-configurations', '--filters', `name=name,values=${name}`], kiln.env);
      assert.equal(listed.code, 0, listed.stderr);
      assert.deepEqual(JSON.parse(listed.stdout).infrastructureConfigurationSummaryList.map((s: { arn: string }) => s.arn), [arn]);

      const failed = await runAws(['imagebuilder', 'create-infrastructure-configuration', '--name', unique('cli-bad'), '--instance-profile-name', 'NoSuchProfile'], kiln.env);
      assert.notEqual(failed.code, 0);
      assert.match(failed.stderr, /An error occurred \(InvalidParameterValueException\) when calling the CreateInfrastructureConfiguration operation: The value supplied for parameter 'instanceProfileName' is not valid\. The provided instance profile does not exist\./);
    });

    it('creates a distribution configuration from JSON and reports a region without outputs', async () => {
      const name = unique('cli-dist');
      const created = await runAws(['imagebuilder', 'create-distribution-configuration', '--cli-input-json', JSON.stringify({ name, distributions: [AMI('us-east-1')] })], kiln.env);
      assert.equal(created.code, 0, created.stderr);
      const arn = JSON.parse(created.stdout).distributionConfigurationArn;
      const got = await runAws(['imagebuilder', 'get-distribution-configuration', '--distribution-configuration-arn', arn], kiln.env);
      assert.deepEqual(JSON.parse(got.stdout).distributionConfiguration.distributions, [AMI('us-east-1')]);

      const failed = await runAws(['imagebuilder', 'create-distribution-configuration', '--cli-input-json', JSON.stringify({ name: unique('cli-dist'), distributions: [{ region: 'us-east-1' }] })], kiln.env);
      assert.notEqual(failed.code, 0);
      assert.ok(failed.stderr.includes(`(InvalidParameterValueException) when calling the CreateDistributionConfiguration operation: ${NO_OUTPUTS(0)}`), failed.stderr);
    });
  });
});
