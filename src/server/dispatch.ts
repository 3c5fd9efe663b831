/**
 * From a request whose service is known to the handler and back: find the operation, parse and
 * validate its input, authorize it and run its handler in one store transaction, and serialize
 * the result or the error in the service's protocol.
 */
import { AwsError, isAwsError } from '../kernel/errors.js';
import type { Clock } from '../kernel/clock.js';
import type { IdGenerator } from '../kernel/ids.js';
import type { Logger } from '../kernel/log.js';
import type { Scope } from '../kernel/scope.js';
import type { Operation, ServiceModel } from '../protocol/model.js';
import { validate } from '../protocol/validate.js';
import { parseQueryInput } from '../protocol/query/parse.js';
import { serializeQueryError, serializeQueryResult } from '../protocol/query/xml.js';
import { queryValidationError } from '../protocol/query/validation-message.js';
import { parseRestJsonInput, type RestRequestParts } from '../protocol/restjson/parse.js';
import { serializeRestJsonError, serializeRestJsonResult } from '../protocol/restjson/serialize.js';
import { restJsonValidationError } from '../protocol/restjson/validation-message.js';
import { notImplemented, type HandlerContext, type ServiceSettings } from '../services/types.js';
import type { TaskEngine } from '../engine/tasks.js';
import type { DerivedCaches } from '../store/derived-cache.js';
import type { Store } from '../store/types.js';
import type { ServiceDefinition } from './services.js';
import { requestAuthorizer, type CallerCache, type EnforcementMode } from './authz.js';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface DispatchDeps {
  store: Store;
  engine: TaskEngine;
  settings: ServiceSettings;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  /** `--iam-enforcement`: enforce (the default), log, or off. */
  enforcement?: EnforcementMode;
  /** Callers' policies kept across requests (authz.ts createCallerCache). */
  callers?: CallerCache;
  /** What handlers remember across requests (HandlerContext.remember). */
  remembered: DerivedCaches;
}

/** What the server knows about a request besides its input. */
export interface RequestFacts {
  /** The caller's IP address (aws:SourceIp). */
  sourceIp?: string;
}

export type ParsedInput = { kind: 'query'; pairs: Array<[string, string]> } | { kind: 'rest-json'; parts: RestRequestParts };

export async function dispatch(
  deps: DispatchDeps, service: ServiceDefinition, operation: Operation, input: ParsedInput, scope: Scope, facts: RequestFacts = {},
): Promise<WireResponse> {
  const { model } = service;
  const args = input.kind === 'query'
    ? parseQueryInput(model, operation.input?.shape, input.pairs)
    : parseRestJsonInput(model, operation.input?.shape, input.parts);
  if (operation.input) {
    const violations = validate(model, operation.input.shape, args);
    if (violations.length > 0) throw input.kind === 'query' ? queryValidationError(violations) : restJsonValidationError(violations);
  }
  const handler = service.handlers[operation.name];
  if (handler === notImplemented) {
    throw new AwsError('NotImplemented', `Kiln does not implement ${model.metadata.signingName}:${operation.name} yet.`, 501);
  }
  const result = await deps.store.tx(async (tx) => {
    const ctx: HandlerContext = {
      scope, tx, clock: deps.clock, ids: deps.ids, log: deps.log, settings: deps.settings,
      schedule: (kind, dueAt, state) => deps.engine.schedule(tx, kind, dueAt, state),
      authorize: (...args) => authorizer.authorize(...args),
      remember: (collections, key, load, options) => deps.remembered.get(collections, key, load, options),
    };
    const authorizer = requestAuthorizer(ctx, { mode: deps.enforcement ?? 'enforce', log: deps.log, protocol: input.kind, sourceIp: facts.sourceIp, callers: deps.callers });
    // In the handler's transaction: the resources it looks up are the ones the handler sees, and a denial changes nothing.
    await authorizer.authorizeOperation(model.metadata.signingName, operation.name, service.authorization, args);
    return handler(args, ctx);
  });
  if (input.kind === 'query') {
    return { status: 200, headers: { 'content-type': 'text/xml' }, body: serializeQueryResult(model, operation, result, scope.requestId) };
  }
  return serializeRestJsonResult(model, operation, result);
}

/** Renders any error in the protocol's shape. Errors that are not AwsErrors are Kiln's own faults: 500. */
export function errorResponse(model: ServiceModel, error: unknown, requestId: string, log: Logger): WireResponse {
  const known = isAwsError(error);
  if (!known) log.error('internal error', { requestId, error: error instanceof Error ? error.stack : String(error) });
  const isQuery = model.metadata.protocol === 'query';
  const code = known ? error.code : isQuery ? 'InternalFailure' : 'ServiceException';
  const message = known ? error.message : 'An internal error occurred in Kiln.';
  const modelled = model.errors.get(code);
  const status = (known ? error.status : undefined) ?? modelled?.status ?? (known ? 400 : 500);
  const extra = known ? error.headers ?? {} : {};
  if (isQuery) {
    const body = serializeQueryError(model.metadata.xmlNamespace!, code, message, modelled?.senderFault ?? status < 500, requestId);
    return { status, headers: { 'content-type': 'text/xml', ...extra }, body };
  }
  const response = serializeRestJsonError(code, message, status);
  return { ...response, headers: { ...response.headers, ...extra } };
}
