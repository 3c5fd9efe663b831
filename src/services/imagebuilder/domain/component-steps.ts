/**
 * The steps of a recipe's components as workflow step executions: in the build workflow the
 * `build` and `validate` phases, in the test workflow `test` (and, for container images,
 * `container-host-test`), each component in recipe order and each phase in document order, right
 * after the managed workflow's `Apply<Stage>Components` step.
 *
 * Kiln runs no commands: every step succeeds, unless the test hook asks it to fail. An image tagged
 * `kiln:fail-step` = `<component name>/<phase>/<step name>` (several separated by commas) fails
 * that step on each of its `maxAttempts` attempts; then `onFailure` decides, as AWSTOE documents:
 *
 * - Abort (the default): the step FAILED, the component stops, and the build fails;
 * - Continue: the step FAILED, the rest of the phase runs, then the component (and the build) fails;
 * - Ignore: the step FAILED (its message says ignored) and the build goes on.
 *
 * Each step's outcome is planned when its workflow starts (`planned`); the workflow shows it as
 * the step's share of the stage passes, and the build fails at the end of the stage (as the
 * `kiln:fail-at-stage` hook does) at the step where the component stopped.
 */
import { isAwsError } from '../../../kernel/errors.js';
import type { ComponentConfiguration } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import type { DocumentStep } from './component-document/validate.js';
import { findComponent, parseComponentArn, type ComponentRecord } from './components.js';
import { readComponentDocument } from './documents.js';
import type { ImageRecord } from './records.js';

/** The test hook's tag (Kiln's own; AWS has none). */
export const FAIL_STEP_TAG = 'kiln:fail-step';

/** What a component step comes to, decided when its workflow starts. */
export interface PlannedOutcome {
  status: 'COMPLETED' | 'FAILED';
  message?: string;
  /** Set on the step after which the component stops: why the build fails. */
  stopReason?: string;
}

export interface ComponentStepTemplate {
  name: string;
  action: string;
  description: string;
  onFailure: DocumentStep['onFailure'];
  timeoutSeconds: number;
  inputs: unknown;
  planned: PlannedOutcome;
}

/** The longest step timeout a workflow step execution reports (the model's 43200). */
const MAX_TIMEOUT_SECONDS = 43200;

/** A workflow step name (`^[A-Za-z][A-Za-z0-9-_]{1,99}$`) for a component's step. */
function stepExecutionName(component: string, phase: string, step: string): string {
  const name = `${component}-${phase}-${step}`.replace(/[^A-Za-z0-9-_]/g, '-');
  return (/^[A-Za-z]/.test(name) ? name : `C-${name}`).slice(0, 100);
}

function failingSteps(image: ImageRecord): Set<string> {
  const value = image.tags?.[FAIL_STEP_TAG];
  return new Set((value ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

/** The own-account component builds of the recipe that Kiln holds a document for, in recipe order. */
async function recipeComponents(ctx: HandlerContext, components: ComponentConfiguration[]): Promise<ComponentRecord[]> {
  const found: ComponentRecord[] = [];
  for (const { componentArn } of components) {
    try {
      const parsed = parseComponentArn(componentArn);
      if (parsed.owner !== ctx.scope.account || parsed.region !== ctx.scope.region) continue; // Amazon's and others' components: no document here
      const record = await findComponent(ctx, componentArn);
      if (record.data !== undefined) found.push(record);
    } catch (error) {
      if (!isAwsError(error)) throw error; // a component gone since the recipe was made: nothing to show
    }
  }
  return found;
}

/** The component steps a stage of the image's build runs, with their planned outcomes. */
export async function componentSteps(ctx: HandlerContext, image: ImageRecord, stage: 'BUILD' | 'TEST' | 'DISTRIBUTION'): Promise<ComponentStepTemplate[]> {
  if (stage === 'DISTRIBUTION') return [];
  const recipe = image.imageRecipe ?? image.containerRecipe;
  const phases = stage === 'BUILD' ? ['build', 'validate'] : image.type === 'DOCKER' ? ['test', 'container-host-test'] : ['test'];
  const failing = failingSteps(image);
  const steps: ComponentStepTemplate[] = [];
  for (const component of await recipeComponents(ctx, recipe?.components ?? [])) {
    const document = await readComponentDocument(component.data!, component.platform).catch(() => undefined);
    for (const phase of document?.phases.filter((p) => phases.includes(p.name)) ?? []) {
      const planned = phase.steps.map((step) => plan(component, phase.name, step, failing));
      const continued = planned.find((p) => p.continueFailure);
      if (continued && !planned.some((p) => p.outcome.stopReason)) planned[planned.length - 1].outcome.stopReason = continued.continueFailure;
      phase.steps.forEach((step, i) => steps.push({
        name: stepExecutionName(component.name, phase.name, step.name),
        action: step.action,
        description: `Runs step '${step.name}' (${step.action}) of phase '${phase.name}' of component '${component.name}' ${component.version}/${component.build}.`,
        onFailure: step.onFailure,
        timeoutSeconds: step.timeoutSeconds === -1 ? MAX_TIMEOUT_SECONDS : Math.min(step.timeoutSeconds, MAX_TIMEOUT_SECONDS),
        inputs: step.inputs ?? {},
        planned: planned[i].outcome,
      }));
    }
  }
  return steps;
}

function plan(component: ComponentRecord, phase: string, step: DocumentStep, failing: Set<string>): { outcome: PlannedOutcome; continueFailure?: string } {
  const path = `${component.name}/${phase}/${step.name}`;
  if (!failing.has(path)) return { outcome: { status: 'COMPLETED' } };
  const attempts = `${step.maxAttempts} attempt${step.maxAttempts === 1 ? '' : 's'}`;
  const cause = `Kiln test hook: the step failed on each of its ${attempts} because the image has the tag ${FAIL_STEP_TAG}=${path}.`;
  const reason = `Component '${component.name}' failed at step '${step.name}' of phase '${phase}' (onFailure ${step.onFailure}, ${attempts}). ${cause} Remove the tag to build normally.`;
  switch (step.onFailure) {
    case 'Abort':
      return { outcome: { status: 'FAILED', message: `${cause} onFailure is Abort: the component stops here.`, stopReason: reason } };
    case 'Continue':
      return { outcome: { status: 'FAILED', message: `${cause} onFailure is Continue: the rest of the phase runs, then the component fails.` }, continueFailure: reason };
    case 'Ignore':
      return { outcome: { status: 'FAILED', message: `${cause} onFailure is Ignore: the failure is ignored and the build goes on.` } };
  }
}

/** The first planned stop among a workflow's steps: where and why the build fails. */
export function componentFailure(steps: Array<{ name: string; planned?: PlannedOutcome }>): { stepName: string; reason: string } | undefined {
  const stop = steps.find((s) => s.planned?.stopReason);
  return stop ? { stepName: stop.name, reason: stop.planned!.stopReason! } : undefined;
}
