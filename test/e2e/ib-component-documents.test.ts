/**
 * Component documents through @aws-sdk/client-imagebuilder and the `aws` CLI: CreateComponent
 * checks the document as AWSTOE does (InvalidParameterValueException saying where and what, and
 * nothing stored), derives the component type from the phases, answers dryRun with 412; during a
 * build (on a manual clock) each
 * component's phases and steps show as workflow step executions, and the `kiln:fail-step` test
 * hook fails a step on every attempt so that onFailure Abort, Continue and Ignore can be seen.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateComponentCommand, CreateImageCommand, CreateImageRecipeCommand, CreateInfrastructureConfigurationCommand, GetComponentCommand,
  GetImageCommand, GetWorkflowStepExecutionCommand, ListComponentBuildVersionsCommand, ListComponentsCommand, ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand, type CreateComponentCommandInput, type WorkflowStepMetadata,
} from '@aws-sdk/client-imagebuilder';
import { ManualClock } from '../../src/index.js';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { createBuilderProfile, IB, PARENT_IMAGE } from '../helpers/fixtures.js';

/** PENDING 1 s, BUILDING 4 s, TESTING 2 s, DISTRIBUTING 2 s, INTEGRATING 1 s. */
const DURATIONS = { buildPendingMs: 1000, buildBuildingMs: 4000, buildTestingMs: 2000, buildDistributingMs: 2000, buildIntegratingMs: 1000 };

const STEPS_DOC = `name: Steps
schemaVersion: 1.0
phases:
  - name: build
    steps:
      - name: First
        action: ExecuteBash
        onFailure: Continue
        inputs:
          commands: [echo first]
      - name: Second
        action: ExecuteBash
        maxAttempts: 3
        timeoutSeconds: 60
        inputs:
          commands: ['echo {{ build.First.outputs.stdout }}']
      - name: Third
        action: ExecuteBash
        onFailure: Ignore
        inputs:
          commands: [echo third]
  - name: validate
    steps:
      - name: Check
        action: ExecuteBash
        inputs:
          commands: [echo check]
  - name: test
    steps:
      - name: Probe
        action: ExecuteBash
        inputs:
          commands: [echo probe]
`;
const TEST_DOC = 'schemaVersion: 1.0\nphases:\n  - name: test\n    steps:\n      - name: Probe\n        action: ExecuteBash\n        inputs:\n          commands: [echo probe]\n';
const BAD_DOC = 'schemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Download\n        action: S3Download\n        inputs: []\n';
const BAD_MESSAGE = "The value supplied for parameter 'data' is not valid. Line 7, column 17 (phase 'build', step 'Download'): action S3Download has no inputs; it requires 'inputs'";

const MANAGED_BEFORE = ['LaunchBuildInstance', 'ApplyBuildComponents'];
const COMPONENT_STEPS = ['steps-component-build-First', 'steps-component-build-Second', 'steps-component-build-Third', 'steps-component-validate-Check'];
const MANAGED_AFTER = ['InventoryCollection', 'RunSanitizationScript', 'CreateOutputAMI', 'TerminateBuildInstance'];

describe('Image Builder component documents', () => {
  let kiln: TestKiln;
  const clock = new ManualClock(new Date());
  const advance = async (seconds: number) => {
    clock.advance(seconds);
    await kiln.runUntilIdle();
  };
  const ib = () => kiln.imagebuilder;
  const create = (input: Partial<CreateComponentCommandInput> & { name: string }) =>
    ib().send(new CreateComponentCommand({ semanticVersion: '1.0.0', platform: 'Linux', data: STEPS_DOC, ...input }));
  const componentsNamed = async (name: string) =>
    ((await ib().send(new ListComponentsCommand({ filters: [{ name: 'name', values: [name] }] }))).componentVersionList ?? []).length;

  before(async () => {
    kiln = await startTestKiln({ clock, ...DURATIONS });
  });
  after(() => kiln.close());
  beforeEach(() => kiln.reset());

  describe('CreateComponent', () => {
    it('stores a valid document as given, BUILD when it has build-stage phases and TEST when only test phases', async () => {
      const build = (await create({ name: 'steps-component' })).componentBuildVersionArn!;
      const test = (await create({ name: 'probe', data: TEST_DOC })).componentBuildVersionArn!;
      const built = (await ib().send(new GetComponentCommand({ componentBuildVersionArn: build }))).component!;
      assert.equal(built.type, 'BUILD');
      assert.equal(built.data, STEPS_DOC);
      assert.equal((await ib().send(new GetComponentCommand({ componentBuildVersionArn: test }))).component!.type, 'TEST');
    });

    it('refuses an invalid document with InvalidParameterValueException saying where and what, and stores nothing', async () => {
      await expectError(create({ name: 'bad', data: BAD_DOC, clientToken: 'bad-token' }), { name: 'InvalidParameterValueException', status: 400, message: BAD_MESSAGE });
      assert.equal(await componentsNamed('bad'), 0);
      // The token was not used up, and the first stored build is /1.
      const good = await create({ name: 'bad', clientToken: 'bad-token' });
      assert.equal(good.componentBuildVersionArn, `${IB}:component/bad/1.0.0/1`);
      const builds = (await ib().send(new ListComponentBuildVersionsCommand({ componentVersionArn: `${IB}:component/bad/1.0.0` }))).componentSummaryList ?? [];
      assert.deepEqual(builds.map((b) => b.arn), [`${IB}:component/bad/1.0.0/1`]);
    });

    it('refuses broken chaining, undeclared parameters and a module of another platform', async () => {
      const cases: Array<[Partial<CreateComponentCommandInput>, string]> = [
        [{ data: STEPS_DOC.replace('build.First.outputs.stdout', 'build.Third.outputs.stdout') }, "Line 16, column 22 (phase 'build', step 'Second'): '{{ build.Third.outputs.stdout }}' refers to step 'Third' of phase 'build', which runs later"],
        [{ data: STEPS_DOC.replace('build.First.outputs.stdout', 'Greeting') }, "'{{ Greeting }}' refers to 'Greeting', which is not a parameter or constant of this document"],
        [{ data: STEPS_DOC, platform: 'Windows' }, "Line 7, column 17 (phase 'build', step 'First'): action ExecuteBash runs on Linux and macOS only, and this component is for Windows"],
        [{ data: 'schemaVersion: 1.0\nphases:\n  - name: install\n    steps: []\n' }, "Line 3, column 11: unknown phase 'install'; Image Builder runs the phases build, validate, test, container-host-test"],
        [{ data: '{"schemaVersion": "1.0", "phases": [' }, 'the document is not valid YAML or JSON'],
      ];
      for (const [input, message] of cases) {
        const error = await expectError(create({ name: 'refused', ...input }), { name: 'InvalidParameterValueException', status: 400 });
        assert.ok(error.message.startsWith("The value supplied for parameter 'data' is not valid. "), error.message);
        assert.ok(error.message.includes(message), error.message);
      }
      assert.equal(await componentsNamed('refused'), 0);
    });

    it('answers dryRun with 412 DryRunOperationException for a valid document and the validation error for an invalid one, storing nothing', async () => {
      await expectError(create({ name: 'dry', dryRun: true }), { name: 'DryRunOperationException', status: 412 });
      await expectError(create({ name: 'dry', dryRun: true, data: BAD_DOC }), { name: 'InvalidParameterValueException', status: 400, message: BAD_MESSAGE });
      assert.equal(await componentsNamed('dry'), 0);
    });

    it('refuses an invalid document through the aws CLI', async () => {
      const result = await runAws(['imagebuilder', 'create-component', '--name', 'cli-bad', '--semantic-version', '1.0.0', '--platform', 'Linux', '--data', BAD_DOC], kiln.env);
      assert.notEqual(result.code, 0);
      assert.match(result.stderr, /An error occurred \(InvalidParameterValueException\) when calling the CreateComponent operation: /);
      assert.ok(result.stderr.includes(BAD_MESSAGE), result.stderr);
      assert.equal(await componentsNamed('cli-bad'), 0);
    });
  });

  describe('component steps during a build', () => {
    let infra: string;
    let recipe: string;

    beforeEach(async () => {
      await createBuilderProfile(kiln.iam);
      infra = (await ib().send(new CreateInfrastructureConfigurationCommand({ name: 'builders', instanceProfileName: 'BuilderProfile' }))).infrastructureConfigurationArn!;
      const component = (await create({ name: 'steps-component' })).componentBuildVersionArn!;
      recipe = (await ib().send(new CreateImageRecipeCommand({
        name: 'stepped', semanticVersion: '1.0.0', parentImage: PARENT_IMAGE,
        components: [{ componentArn: `${IB}:component/steps-component/x.x.x` }, { componentArn: 'arn:aws:imagebuilder:us-east-1:aws:component/update-linux/x.x.x' }],
      }))).imageRecipeArn!;
      assert.equal(component, `${IB}:component/steps-component/1.0.0/1`);
    });

    const build = async (failStep?: string) => (await ib().send(new CreateImageCommand({
      imageRecipeArn: recipe, infrastructureConfigurationArn: infra, tags: failStep ? { 'kiln:fail-step': failStep } : undefined,
    }))).imageBuildVersionArn!;
    const image = async (arn: string) => (await ib().send(new GetImageCommand({ imageBuildVersionArn: arn }))).image!;
    const workflowSteps = async (arn: string, index: number): Promise<WorkflowStepMetadata[]> => {
      const workflows = (await ib().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions ?? [];
      return (await ib().send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: workflows[index].workflowExecutionId }))).steps ?? [];
    };
    const statuses = (steps: WorkflowStepMetadata[]) => Object.fromEntries(steps.map((s) => [s.name, s.status]));

    it('shows build and validate phases in the build workflow and the test phase in the test workflow, all succeeding', async () => {
      const arn = await build();
      await advance(1);
      const building = await workflowSteps(arn, 0);
      assert.deepEqual(building.map((s) => s.name), [...MANAGED_BEFORE, ...COMPONENT_STEPS, ...MANAGED_AFTER]);
      const second = building.find((s) => s.name === 'steps-component-build-Second')!;
      assert.equal(second.action, 'ExecuteBash');
      assert.equal(second.description, "Runs step 'Second' (ExecuteBash) of phase 'build' of component 'steps-component' 1.0.0/1.");
      assert.deepEqual(JSON.parse(second.inputs!), { commands: ['echo {{ build.First.outputs.stdout }}'] });
      const detail = await ib().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: second.stepExecutionId! }));
      assert.equal(detail.onFailure, 'Abort');
      assert.equal(detail.timeoutSeconds, 60);
      const third = await ib().send(new GetWorkflowStepExecutionCommand({ stepExecutionId: building.find((s) => s.name === 'steps-component-build-Third')!.stepExecutionId! }));
      assert.equal(third.onFailure, 'Ignore');
      assert.equal(third.timeoutSeconds, 7200);

      await advance(4);
      assert.equal((await image(arn)).state?.status, 'TESTING');
      assert.ok((await workflowSteps(arn, 0)).every((s) => s.status === 'COMPLETED'));
      assert.deepEqual((await workflowSteps(arn, 1)).map((s) => s.name), ['LaunchTestInstance', 'ApplyTestComponents', 'steps-component-test-Probe', 'TerminateTestInstance']);
      await advance(5);
      assert.equal((await image(arn)).state?.status, 'AVAILABLE');
      assert.ok((await workflowSteps(arn, 1)).every((s) => s.status === 'COMPLETED'));
    });

    it('onFailure Abort with maxAttempts 3: the step fails on every attempt, the rest is skipped and the build fails', async () => {
      const arn = await build('steps-component/build/Second');
      await advance(1 + 3.5);
      // Late in the stage the failing step is still being retried; nothing after it has started.
      const running = statuses(await workflowSteps(arn, 0));
      assert.equal(running['steps-component-build-First'], 'COMPLETED');
      assert.equal(running['steps-component-build-Second'], 'RUNNING');
      assert.equal(running['steps-component-build-Third'], 'PENDING');
      assert.equal((await image(arn)).state?.status, 'BUILDING');

      await advance(0.5);
      const failed = await image(arn);
      assert.equal(failed.state?.status, 'FAILED');
      assert.equal(failed.state?.reason, "Component 'steps-component' failed at step 'Second' of phase 'build' (onFailure Abort, 3 attempts). "
        + 'Kiln test hook: the step failed on each of its 3 attempts because the image has the tag kiln:fail-step=steps-component/build/Second. Remove the tag to build normally.');
      const steps = await workflowSteps(arn, 0);
      assert.deepEqual(statuses(steps), {
        LaunchBuildInstance: 'COMPLETED', ApplyBuildComponents: 'COMPLETED', 'steps-component-build-First': 'COMPLETED', 'steps-component-build-Second': 'FAILED',
        'steps-component-build-Third': 'SKIPPED', 'steps-component-validate-Check': 'SKIPPED', InventoryCollection: 'SKIPPED', RunSanitizationScript: 'SKIPPED',
        CreateOutputAMI: 'SKIPPED', TerminateBuildInstance: 'SKIPPED',
      });
      assert.match(steps.find((s) => s.name === 'steps-component-build-Second')!.message!, /each of its 3 attempts .* onFailure is Abort: the component stops here\.$/);
      const workflows = (await ib().send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: arn }))).workflowExecutions!;
      assert.deepEqual(workflows.map((w) => w.status), ['FAILED']);
      assert.equal(workflows[0].totalStepsFailed, 1);
    });

    it('onFailure Continue: the step fails, the rest of its phase runs, then the build fails', async () => {
      const arn = await build('steps-component/build/First');
      await advance(5);
      const failed = await image(arn);
      assert.equal(failed.state?.status, 'FAILED');
      assert.match(failed.state!.reason!, /^Component 'steps-component' failed at step 'First' of phase 'build' \(onFailure Continue, 1 attempt\)\./);
      const steps = await workflowSteps(arn, 0);
      assert.deepEqual(statuses(steps), {
        LaunchBuildInstance: 'COMPLETED', ApplyBuildComponents: 'COMPLETED', 'steps-component-build-First': 'FAILED', 'steps-component-build-Second': 'COMPLETED',
        'steps-component-build-Third': 'COMPLETED', 'steps-component-validate-Check': 'SKIPPED', InventoryCollection: 'SKIPPED', RunSanitizationScript: 'SKIPPED',
        CreateOutputAMI: 'SKIPPED', TerminateBuildInstance: 'SKIPPED',
      });
      assert.match(steps.find((s) => s.name === 'steps-component-build-First')!.message!, /onFailure is Continue: the rest of the phase runs, then the component fails\.$/);
    });

    it('onFailure Ignore: the step fails, the failure is ignored and the image becomes AVAILABLE', async () => {
      const arn = await build('steps-component/build/Third');
      await advance(5);
      assert.equal((await image(arn)).state?.status, 'TESTING');
      const steps = await workflowSteps(arn, 0);
      const third = steps.find((s) => s.name === 'steps-component-build-Third')!;
      assert.equal(third.status, 'FAILED');
      assert.match(third.message!, /onFailure is Ignore: the failure is ignored and the build goes on\.$/);
      assert.deepEqual(steps.filter((s) => s.status !== 'COMPLETED').map((s) => s.name), ['steps-component-build-Third']);
      await advance(5);
      assert.equal((await image(arn)).state?.status, 'AVAILABLE');
    });

    it('fails a test-phase step in the TESTING stage', async () => {
      const arn = await build('steps-component/test/Probe');
      await advance(5);
      assert.equal((await image(arn)).state?.status, 'TESTING');
      await advance(2);
      const failed = await image(arn);
      assert.equal(failed.state?.status, 'FAILED');
      assert.match(failed.state!.reason!, /failed at step 'Probe' of phase 'test'/);
      assert.deepEqual(statuses(await workflowSteps(arn, 1)), {
        LaunchTestInstance: 'COMPLETED', ApplyTestComponents: 'COMPLETED', 'steps-component-test-Probe': 'FAILED', TerminateTestInstance: 'SKIPPED',
      });
    });
  });
});
