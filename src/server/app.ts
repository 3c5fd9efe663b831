/**
 * The request pipeline (ARCHITECTURE.md §1): request id and body limit → which service →
 * authenticate → operation → dispatch (parse, validate, handler, serialize). Protocol details
 * stay in protocol/, service logic in services/; this file only wires them together.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../kernel/errors.js';
import type { Clock } from '../kernel/clock.js';
import type { Logger } from '../kernel/log.js';
import type { Operation, ServiceName } from '../protocol/model.js';
import { decodeForm, MalformedFormError } from '../protocol/query/form.js';
import { RestRouter } from '../protocol/restjson/routes.js';
import { authenticate, incompleteSignatureError, type CredentialLookup } from './authn.js';
import { sourceIpOf } from './authz.js';
import type { KilnConfig } from './config.js';
import { dispatch, errorResponse, type DispatchDeps, type ParsedInput, type WireResponse } from './dispatch.js';
import type { ServiceDefinition } from './services.js';
import { parseSignature, SigV4Error, type ParsedSignature, type SignedRequest } from './sigv4.js';

export interface AppDeps extends DispatchDeps {
  config: KilnConfig;
  services: Record<ServiceName, ServiceDefinition>;
  credentials: CredentialLookup;
  /**
   * The clock a signature's time is checked against (15 minutes either way). It is the real
   * time even when Kiln's own clock is moved (--clock-control, a ManualClock): clients sign with
   * their wall clock, as they do for AWS.
   */
  signatureClock: Clock;
  /** Answers /_kiln/* and /moto-api/* requests, or returns undefined for an unknown path. */
  admin: (method: string, path: string, body: Buffer) => Promise<WireResponse | undefined>;
  log: Logger;
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      req.resume();
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLargeError());
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const QUERY_VERSIONS: Record<string, ServiceName> = { '2010-05-08': 'iam', '2011-06-15': 'sts' };

function isForm(req: IncomingMessage): boolean {
  return (req.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');
}

interface Routed {
  service: ServiceName;
  operation?: Operation;
  input: ParsedInput;
  /** Why no operation was found, as an error in the service's protocol. */
  problem?: AwsError;
}

export function createApp(deps: AppDeps): (req: IncomingMessage, res: ServerResponse) => void {
  let imageBuilderRouter: RestRouter | undefined;

  /** awsQuery: Action and Version choose the operation; the signature's service must agree. */
  function routeQuery(pairs: Array<[string, string]>, signed: ServiceName | undefined, form: boolean, bodyLength: number): Routed {
    const action = pairs.find(([k]) => k === 'Action')?.[1];
    const version = pairs.find(([k]) => k === 'Version')?.[1];
    const service: ServiceName = signed ?? (version ? QUERY_VERSIONS[version] : undefined) ?? 'iam';
    const input: ParsedInput = { kind: 'query', pairs };
    if (!action) {
      const hint = !form && bodyLength > 0 ? ' The body must be application/x-www-form-urlencoded.' : '';
      return { service, input, problem: new AwsError('MissingAction', `The request must contain the parameter Action.${hint}`, 400) };
    }
    const model = deps.services[service].model;
    const operation = Object.prototype.hasOwnProperty.call(model.operations, action) ? model.operations[action] : undefined;
    if (!operation) return { service, input, problem: new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`, 400) };
    if (version !== model.metadata.apiVersion) {
      return { service, input, problem: new AwsError('InvalidAction', `Could not find operation ${action} for version ${version ?? 'NO_VERSION_SPECIFIED'}`, 400) };
    }
    return { service, operation, input };
  }

  function routeRest(method: string, path: string, pairs: Array<[string, string]>, req: IncomingMessage, body: Buffer): Routed {
    imageBuilderRouter ??= new RestRouter(deps.services.imagebuilder.model);
    const match = imageBuilderRouter.match(method, path);
    if (!match) {
      return {
        service: 'imagebuilder', input: { kind: 'query', pairs },
        problem: new AwsError('UnknownOperationException', `No Image Builder operation answers ${method} ${path}.`, 404),
      };
    }
    return { service: 'imagebuilder', operation: match.operation, input: { kind: 'rest-json', parts: { labels: match.labels, query: pairs, headers: req.headers, body } } };
  }

  function route(req: IncomingMessage, path: string, query: string, body: Buffer, signature: ParsedSignature | undefined): Routed {
    const signed = signature && signature.service in deps.services ? (signature.service as ServiceName) : undefined;
    const form = isForm(req);
    const queryPairs = decodeForm(query);
    const looksLikeQuery = path === '/' && (form || queryPairs.some(([k]) => k === 'Action'));
    if (signed === 'iam' || signed === 'sts' || (!signed && looksLikeQuery)) {
      const bodyPairs = form ? decodeForm(body) : [];
      return routeQuery([...queryPairs.filter(([k]) => !k.startsWith('X-Amz-')), ...bodyPairs], signed, form, body.length);
    }
    return routeRest(req.method ?? 'GET', path, queryPairs, req, body);
  }

  async function handle(req: IncomingMessage, requestId: string): Promise<WireResponse> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);
    // The model errors are written in before the request is routed; looked up only when needed, so
    // that a first request to STS does not load IAM's model (the largest) as well.
    const guess = () => deps.services[isForm(req) || path === '/' ? 'iam' : 'imagebuilder'].model;
    let body: Buffer;
    try {
      body = await readBody(req, deps.config.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      const model = guess();
      const code = model.metadata.protocol === 'query' ? 'RequestEntityTooLarge' : 'RequestEntityTooLargeException';
      return errorResponse(model, new AwsError(code, `Request body exceeds the limit of ${deps.config.maxBodyBytes} bytes.`, 413), requestId, deps.log);
    }
    if (path.startsWith('/_kiln/') || path.startsWith('/moto-api/')) {
      const answer = await deps.admin(req.method ?? 'GET', path, body);
      if (answer) return answer;
    }
    const protocolOf = (name: ServiceName) => (deps.services[name].model.metadata.protocol === 'query' ? 'query' : 'rest-json') as 'query' | 'rest-json';
    const signedRequest: SignedRequest = { method: req.method ?? 'GET', path, query, headers: req.headers, body };
    let signature: ParsedSignature | undefined;
    let routed: Routed | undefined;
    try {
      try {
        signature = parseSignature(signedRequest);
      } catch (error) {
        if (!(error instanceof SigV4Error)) throw error;
        routed = route(req, path, query, body, undefined);
        throw incompleteSignatureError(protocolOf(routed.service), error.message);
      }
      routed = route(req, path, query, body, signature);
      const service = deps.services[routed.service];
      const auth = await authenticate({
        request: signedRequest, signature, service: routed.service, protocol: protocolOf(routed.service),
        global: service.global, regions: service.regions, mode: deps.config.auth, defaultAccount: deps.config.accountId,
        now: deps.signatureClock.now(), lookup: deps.credentials,
      });
      if (routed.problem) throw routed.problem;
      const scope = { partition: auth.partition, account: auth.principal.account, region: auth.region, principal: auth.principal, requestId };
      return await dispatch(deps, service, routed.operation!, routed.input, scope, { sourceIp: sourceIpOf(req.socket.remoteAddress) });
    } catch (error) {
      const model = routed ? deps.services[routed.service].model : guess();
      if (error instanceof MalformedFormError) {
        // AWS's common-errors table gives MalformedQueryString HTTP 404.
        const malformed = model.metadata.protocol === 'query' ? new AwsError('MalformedQueryString', error.message, 404) : new AwsError('SerializationException', error.message, 400);
        return errorResponse(model, malformed, requestId, deps.log);
      }
      return errorResponse(model, error, requestId, deps.log);
    }
  }

  const logRequests = deps.log.enabled('debug');
  return (req, res) => {
    const requestId = deps.ids.uuid();
    const started = logRequests ? process.hrtime.bigint() : 0n;
    handle(req, requestId)
      .catch((error) => errorResponse(deps.services.iam.model, error, requestId, deps.log))
      .then((response) => {
        // Encoded once: its length is the content-length, and it goes out as it is.
        const body = Buffer.from(response.body);
        res.writeHead(response.status, { ...response.headers, 'x-amzn-requestid': requestId, 'content-length': body.length });
        res.end(body);
        deps.engine.wake();
        if (logRequests) deps.log.debug('request', { requestId, method: req.method, path: req.url?.split('?')[0], status: response.status, ms: Number(process.hrtime.bigint() - started) / 1e6 });
      });
  };
}
