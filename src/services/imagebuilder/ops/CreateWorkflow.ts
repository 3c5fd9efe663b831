import { AwsError } from '../../../kernel/errors.js';
import type { CreateWorkflowRequest, CreateWorkflowResponse } from '../../../generated/imagebuilder.js';
import type { HandlerContext } from '../../types.js';
import { idempotent } from '../domain/idempotency.js';
import { arnName, ibArn, ibScope } from '../domain/scope.js';
import { WORKFLOWS } from '../domain/tagged-resources.js';
import { parseSemanticVersion } from '../domain/versions.js';
import { parseWorkflowDocument, type WorkflowDocument } from '../domain/workflow-documents.js';
import { keyOfWorkflow, workflowKey, workflowLatestVersionReferences, type WorkflowRecord } from '../domain/workflows.js';

/** The parts of a build that make it "the same configuration" as the latest build of its version. */
const sameConfiguration = (a: WorkflowRecord, b: Omit<WorkflowRecord, 'arn' | 'build' | 'dateCreated' | 'tags'>) =>
  a.data === b.data && a.uri === b.uri && a.description === b.description && a.changeDescription === b.changeDescription && a.kmsKeyId === b.kmsKeyId;

/**
 * Creates a workflow build. The same name and version again makes the next build (`/2`, ...) when
 * its configuration differs from the latest build, and fails when it is identical (API reference).
 * A document kept in S3 (`uri`) cannot be read here: its steps are unknown, and builds that name
 * it run Amazon's managed steps for its stage.
 */
export async function CreateWorkflow(input: CreateWorkflowRequest, ctx: HandlerContext): Promise<CreateWorkflowResponse> {
  if ((input.data === undefined) === (input.uri === undefined)) {
    throw new AwsError('InvalidParameterCombinationException', input.data === undefined
      ? "You must specify either 'data' or 'uri' for the workflow document."
      : "You cannot specify both 'data' and 'uri'. Specify exactly one of them.");
  }
  parseSemanticVersion(input.semanticVersion);
  const document: WorkflowDocument = input.data !== undefined ? await parseWorkflowDocument(input.data, input.type) : { parameters: [], steps: [] };
  if (input.dryRun) throw new AwsError('DryRunOperationException', 'The request would have succeeded, but the dryRun parameter was set.');
  return idempotent<CreateWorkflowRequest, CreateWorkflowResponse & { requestId?: string }>('CreateWorkflow', input, ctx, async () => {
    const scope = ibScope(ctx.scope);
    const builds = await ctx.tx.list<WorkflowRecord>(WORKFLOWS, scope, { prefix: workflowKey(input.type, input.name, input.semanticVersion) });
    const latest = builds.at(-1)?.value;
    const fields = {
      name: input.name, version: input.semanticVersion, type: input.type, description: input.description,
      changeDescription: input.changeDescription, owner: ctx.scope.account, data: input.data, uri: input.uri, kmsKeyId: input.kmsKeyId,
      parameters: document.parameters, steps: document.steps,
    };
    if (latest && sameConfiguration(latest, fields)) {
      // The API reference says the request fails; the code is Kiln's choice (the one other creates use).
      throw new AwsError('ResourceAlreadyExistsException', `The workflow '${latest.arn}' already exists with the same configuration. Change the document or description to create a new build version.`);
    }
    const build = (latest?.build ?? 0) + 1;
    const record: WorkflowRecord = {
      ...fields, build, arn: ibArn(ctx.scope, `workflow/${input.type.toLowerCase()}/${arnName(input.name)}/${input.semanticVersion}/${build}`),
      dateCreated: ctx.clock.now().toISOString(), tags: input.tags ?? {},
    };
    await ctx.tx.put(WORKFLOWS, scope, keyOfWorkflow(record), record);
    return { clientToken: input.clientToken, workflowBuildVersionArn: record.arn, latestVersionReferences: workflowLatestVersionReferences(record) };
  });
}
