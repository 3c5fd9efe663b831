/**
 * The steps of a custom workflow as a build runs them (workflow-executions.ts records them): one
 * step execution per document step, with its inputs resolved against the workflow's parameters
 * and the outputs of earlier steps, and the outputs Kiln reports for its action. A step whose
 * `if` is false is SKIPPED from the start; one whose `if` needs an output not known yet (a
 * WaitForAction's `action`) is decided when the build resumes (workflow-step-responses.ts).
 */
import type { WorkflowType } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import type { ImageRecord } from './records.js';
import { findPlan, type WorkflowPlan } from './workflow-configurations.js';
import { evaluateCondition, resolveInputs, type Lookup } from './workflow-documents.js';
import type { BuildFacts, StepRecord } from './workflow-executions.js';
import { STEP_ACTIONS } from './workflow-step-actions.js';

/** Reads `$.parameters.<name>` from the plan and `$.stepOutputs.<step>.<output>` from the steps' recorded outputs. */
export function planLookup(plan: WorkflowPlan, steps: Array<Pick<StepRecord, 'name' | 'outputs' | 'status'>>): Lookup {
  return (path) => {
    const [, root, name, ...rest] = path.split('.');
    let value: unknown;
    if (root === 'parameters') value = plan.parameters[name];
    else if (root === 'stepOutputs') {
      const step = steps.find((s) => s.name === name);
      value = step?.outputs && step.status !== 'SKIPPED' ? JSON.parse(step.outputs) : undefined;
    }
    for (const part of rest) value = value === undefined || value === null ? undefined : (value as Record<string, unknown>)[part];
    return value;
  };
}

export async function customWorkflowSteps(
  ctx: HandlerContext, image: ImageRecord, type: WorkflowType, facts: BuildFacts,
): Promise<{ workflowBuildVersionArn: string; steps: StepRecord[] } | undefined> {
  const plan = await findPlan(ctx, image, type);
  if (!plan) return undefined;
  const steps: StepRecord[] = [];
  for (const step of plan.steps) {
    const lookup = planLookup(plan, steps);
    const outputs = STEP_ACTIONS[step.action].outputs?.(facts);
    const skipped = step.if !== undefined && evaluateCondition(step.if, lookup) === false;
    steps.push({
      stepExecutionId: `step-${ctx.ids.uuid()}`, name: step.name, action: step.action, description: step.description as string,
      onFailure: step.onFailure, timeoutSeconds: step.timeoutSeconds, status: skipped ? 'SKIPPED' : 'PENDING',
      inputs: JSON.stringify(resolveInputs(step.inputs, lookup)),
      outputs: outputs && !skipped ? JSON.stringify(outputs) : undefined,
      ...(skipped ? { settled: true } : {}),
    });
  }
  return { workflowBuildVersionArn: plan.workflowBuildVersionArn, steps };
}
