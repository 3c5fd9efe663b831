import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import type { HttpRequest as SignableRequest } from '@smithy/types';
import { buildQueryString } from '@smithy/core/protocols';
import { IAMClient, CreateRoleCommand } from '@aws-sdk/client-iam';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import {
  ImagebuilderClient,
  GetComponentCommand,
  ListTagsForResourceCommand,
  TagResourceCommand,
} from '@aws-sdk/client-imagebuilder';
import {
  SigV4Error,
  canonicalRequest,
  parseSignature,
  stringToSign,
  verifySignature,
  type ParsedSignature,
  type SigV4FailureKind,
  type SignedRequest,
} from './sigv4.js';

const AKID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TOKEN = 'FwoGZXIvYXdzEBYaD+session/token==';
const SIGNED_AT = new Date('2024-05-01T12:00:00Z');
const ARN = 'arn:aws:imagebuilder:us-east-1:123456789012:component/x/1.0.0/1';
const ENCODED_ARN = 'arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Acomponent%2Fx%2F1.0.0%2F1';
const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', Resource: '*' },
  ],
});
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function signer(service: string, sessionToken?: string, applyChecksum = true): SignatureV4 {
  return new SignatureV4({
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET, ...(sessionToken && { sessionToken }) },
    region: 'us-east-1',
    service,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum,
  });
}

/** Form-encode as the SDK's query-protocol serializer does (RFC 3986, so spaces become %20). */
function formBody(params: Record<string, string>): string {
  const escape = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return Object.entries(params)
    .map(([k, v]) => `${escape(k)}=${escape(v)}`)
    .join('&');
}

function createRoleRequest(): HttpRequest {
  const body = formBody({
    Action: 'CreateRole',
    Version: '2010-05-08',
    RoleName: 'a',
    AssumeRolePolicyDocument: POLICY,
  });
  return new HttpRequest({
    method: 'POST',
    protocol: 'https:',
    hostname: 'iam.amazonaws.com',
    path: '/',
    headers: {
      host: 'iam.amazonaws.com',
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': String(Buffer.byteLength(body)),
    },
    body,
  });
}

function restGetRequest(path: string, query: Record<string, string | string[]> = {}): HttpRequest {
  return new HttpRequest({
    method: 'GET',
    protocol: 'https:',
    hostname: 'imagebuilder.us-east-1.amazonaws.com',
    path,
    query,
    headers: { host: 'imagebuilder.us-east-1.amazonaws.com' },
  });
}

/** What a server sees once the SDK's node-http-handler has put this request on the wire. */
function onTheWire(request: SignableRequest): SignedRequest {
  const headers: SignedRequest['headers'] = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value;
  const body = request.body === undefined ? Buffer.alloc(0) : Buffer.from(request.body as string);
  return { method: request.method, path: request.path, query: buildQueryString(request.query ?? {}), headers, body };
}

async function signed(request: HttpRequest, sessionToken?: string, service = 'iam'): Promise<SignedRequest> {
  return onTheWire(await signer(service, sessionToken).sign(request, { signingDate: SIGNED_AT }));
}

async function presigned(request: HttpRequest, expiresIn: number, sessionToken?: string): Promise<SignedRequest> {
  return onTheWire(await signer('sts', sessionToken).presign(request, { signingDate: SIGNED_AT, expiresIn }));
}

function parse(req: SignedRequest): ParsedSignature {
  const parsed = parseSignature(req);
  assert.ok(parsed, 'expected credentials to be found');
  return parsed;
}

function verify(req: SignedRequest, now = SIGNED_AT, secret = SECRET, maxSkewMinutes?: number): ParsedSignature {
  const parsed = parse(req);
  verifySignature(req, parsed, secret, now, maxSkewMinutes);
  return parsed;
}

function assertSigV4Error(fn: () => unknown, kind: SigV4FailureKind, message?: string | RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof SigV4Error, `expected SigV4Error, got ${String(err)}`);
    assert.equal(err.kind, kind);
    if (typeof message === 'string') assert.equal(err.message, message);
    else if (message) assert.match(err.message, message);
    return true;
  });
}

function minutesFrom(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

function withHeaders(req: SignedRequest, headers: SignedRequest['headers']): SignedRequest {
  return { ...req, headers: { ...req.headers, ...headers } };
}

function unsignedRequest(headers: SignedRequest['headers'] = {}, query = ''): SignedRequest {
  return { method: 'GET', path: '/', query, headers: { host: 'iam.amazonaws.com', ...headers }, body: Buffer.alloc(0) };
}

const VALID_AUTH =
  `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/iam/aws4_request, ` +
  `SignedHeaders=host;x-amz-date, Signature=${'0'.repeat(64)}`;

// ---------------------------------------------------------------------------------------------
// Header-signed requests
// ---------------------------------------------------------------------------------------------

describe('header-signed requests (SDK v3 signer)', () => {
  it('verifies an IAM query-protocol POST with a URL-encoded JSON policy in the body', async () => {
    const req = await signed(createRoleRequest());
    assert.match(req.body.toString(), /AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22/);
    const parsed = verify(req);
    assert.deepEqual(parsed, {
      accessKeyId: AKID,
      date: '20240501',
      region: 'us-east-1',
      service: 'iam',
      signedHeaders: ['content-length', 'content-type', 'host', 'x-amz-content-sha256', 'x-amz-date'],
      signature: parsed.signature,
      amzDate: '20240501T120000Z',
      presigned: false,
    });
    assert.match(parsed.signature, /^[0-9a-f]{64}$/);
  });

  it('exposes the canonical request and string-to-sign for debugging', async () => {
    const req = await signed(createRoleRequest());
    const parsed = parse(req);
    const canonical = canonicalRequest(req, parsed);
    const lines = canonical.split('\n');
    assert.deepEqual(lines.slice(0, 4), ['POST', '/', '', 'content-length:' + req.headers['content-length']]);
    assert.equal(lines.at(-2), 'content-length;content-type;host;x-amz-content-sha256;x-amz-date');
    assert.equal(lines.at(-1), createHash('sha256').update(req.body).digest('hex'));
    assert.deepEqual(stringToSign(parsed, canonical).split('\n'), [
      'AWS4-HMAC-SHA256',
      '20240501T120000Z',
      '20240501/us-east-1/iam/aws4_request',
      createHash('sha256').update(canonical).digest('hex'),
    ]);
  });

  it('verifies a REST GET whose query values contain ":", "/", spaces and repeated keys', async () => {
    const req = await signed(
      restGetRequest('/ListComponents', {
        filter: 'name:my image/1.0 *',
        'max results': '25',
        owner: ['Self', 'Amazon'],
        empty: '',
      }),
      undefined,
      'imagebuilder',
    );
    assert.equal(req.query, 'empty=&filter=name%3Amy%20image%2F1.0%20%2A&max%20results=25&owner=Self&owner=Amazon');
    verify(req);
  });

  it('double-encodes an encoded ARN in the path, as non-S3 signers do', async () => {
    const req = await signed(restGetRequest(`/tags/${ENCODED_ARN}`), undefined, 'imagebuilder');
    assert.equal(req.path, `/tags/${ENCODED_ARN}`);
    verify(req);
    const uri = canonicalRequest(req, parse(req)).split('\n')[1];
    assert.equal(
      uri,
      '/tags/arn%253Aaws%253Aimagebuilder%253Aus-east-1%253A123456789012%253Acomponent%252Fx%252F1.0.0%252F1',
    );
  });

  it('removes empty and dot segments from the path like the signers do', async () => {
    const req = await signed(restGetRequest('//a/./b/../c//d/'), undefined, 'imagebuilder');
    verify(req);
    assert.equal(canonicalRequest(req, parse(req)).split('\n')[1], '/a/c/d/');
  });

  it('re-encodes reserved and non-ASCII query characters per RFC 3986', async () => {
    const req = await signed(restGetRequest('/x', { q: "a+b c/ü*!'()~", 'k=v': '&' }), undefined, 'imagebuilder');
    verify(req);
    assert.equal(canonicalRequest(req, parse(req)).split('\n')[2], 'k%3Dv=%26&q=a%2Bb%20c%2F%C3%BC%2A%21%27%28%29~');
  });

  it('returns the session token and verifies a request signed with temporary credentials', async () => {
    const req = await signed(createRoleRequest(), TOKEN);
    const parsed = verify(req);
    assert.equal(parsed.securityToken, TOKEN);
    assert.ok(parsed.signedHeaders.includes('x-amz-security-token'));
  });

  it('collapses whitespace in signed header values and joins repeated headers with ","', async () => {
    const request = restGetRequest('/x');
    request.headers['x-custom'] = '  a    b\t c  ';
    const req = await signed(request, undefined, 'imagebuilder');
    verify(req);
    assert.match(canonicalRequest(req, parse(req)), /\nx-custom:a b c\n/);
    const repeated = withHeaders(req, { 'x-custom': [' a ', 'b  c'] });
    assert.match(canonicalRequest(repeated, parse(repeated)), /\nx-custom:a,b c\n/);
  });

  it('tolerates whitespace variations in the Authorization header', async () => {
    const req = await signed(createRoleRequest());
    const auth = req.headers.authorization as string;
    for (const variant of [auth.replace(/, /g, ','), auth.replace(/ /g, '   ').replace(/,/g, ' ,\t'), ` ${auth} `]) {
      verify(withHeaders(req, { authorization: variant }));
    }
  });

  it('verifies without x-amz-content-sha256 by hashing the body', async () => {
    const req = onTheWire(await signer('iam', undefined, false).sign(createRoleRequest(), { signingDate: SIGNED_AT }));
    assert.equal(req.headers['x-amz-content-sha256'], undefined);
    verify(req);
  });

  it('rejects a wrong secret', async () => {
    const req = await signed(createRoleRequest());
    assertSigV4Error(() => verify(req, SIGNED_AT, 'not-the-secret'), 'mismatch', MISMATCH);
  });

  it('rejects a tampered body, whether or not x-amz-content-sha256 was sent', async () => {
    for (const applyChecksum of [true, false]) {
      const sign = signer('iam', undefined, applyChecksum).sign(createRoleRequest(), { signingDate: SIGNED_AT });
      const req = onTheWire(await sign);
      const tampered = { ...req, body: Buffer.from(req.body.toString().replace('RoleName=a', 'RoleName=b')) };
      assertSigV4Error(() => verify(tampered), 'mismatch', MISMATCH);
    }
  });

  it('rejects a tampered path, query, signed header or method', async () => {
    const req = await signed(restGetRequest('/tags/a', { x: '1' }), undefined, 'imagebuilder');
    verify(req);
    const tampered: SignedRequest[] = [
      { ...req, path: '/tags/b' },
      { ...req, query: 'x=2' },
      { ...req, query: 'x=1&y=1' },
      { ...req, method: 'DELETE' },
      withHeaders(req, { host: 'evil.example.com' }),
    ];
    for (const t of tampered) assertSigV4Error(() => verify(t), 'mismatch', MISMATCH);
  });

  it('ignores headers that were not signed', async () => {
    const req = await signed(createRoleRequest());
    verify(withHeaders(req, { 'user-agent': 'something else', 'x-forwarded-for': '10.0.0.1' }));
  });

  it('accepts 14 minutes of skew either way', async () => {
    const req = await signed(createRoleRequest());
    verify(req, minutesFrom(SIGNED_AT, 14));
    verify(req, minutesFrom(SIGNED_AT, -14));
    verify(req, minutesFrom(SIGNED_AT, 15));
  });

  it('rejects a signature 16 minutes in the past as expired, with AWS wording', async () => {
    const req = await signed(createRoleRequest());
    assertSigV4Error(
      () => verify(req, minutesFrom(SIGNED_AT, 16)),
      'expired',
      'Signature expired: 20240501T120000Z is now earlier than 20240501T120100Z (20240501T121600Z - 15 min.)',
    );
  });

  it('rejects a signature 16 minutes in the future as not yet valid, with AWS wording', async () => {
    const req = await signed(createRoleRequest());
    assertSigV4Error(
      () => verify(req, minutesFrom(SIGNED_AT, -16)),
      'not-yet-valid',
      'Signature not yet current: 20240501T120000Z is still later than 20240501T115900Z (20240501T114400Z + 15 min.)',
    );
  });

  it('honours a custom skew allowance', async () => {
    const req = await signed(createRoleRequest());
    assertSigV4Error(
      () => verify(req, minutesFrom(SIGNED_AT, 6), SECRET, 5),
      'expired',
      'Signature expired: 20240501T120000Z is now earlier than 20240501T120100Z (20240501T120600Z - 5 min.)',
    );
  });

  it('rejects a credential scope date that differs from X-Amz-Date', async () => {
    const req = await signed(createRoleRequest());
    const auth = (req.headers.authorization as string).replace('/20240501/', '/20240430/');
    assertSigV4Error(
      () => verify(withHeaders(req, { authorization: auth })),
      'mismatch',
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
        "'20240430' != '20240501', from '20240501T120000Z'.",
    );
  });

  it('derives the request time from an RFC 1123 Date header when X-Amz-Date is absent', () => {
    const authorization = VALID_AUTH.replace('x-amz-date', 'date');
    const parsed = parse(unsignedRequest({ authorization, date: 'Wed, 01 May 2024 12:00:00 GMT' }));
    assert.equal(parsed.amzDate, '20240501T120000Z');
  });
});

// ---------------------------------------------------------------------------------------------
// Presigned requests
// ---------------------------------------------------------------------------------------------

describe('presigned requests (SDK v3 presign)', () => {
  const callerIdentity = () =>
    new HttpRequest({
      method: 'GET',
      protocol: 'https:',
      hostname: 'sts.amazonaws.com',
      path: '/',
      query: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
      headers: { host: 'sts.amazonaws.com', 'x-k8s-aws-id': 'my-cluster' },
    });

  it('verifies a presigned GET, excluding only X-Amz-Signature from the canonical query', async () => {
    const req = await presigned(callerIdentity(), 900);
    assert.equal(req.headers.authorization, undefined);
    const parsed = verify(req);
    assert.equal(parsed.presigned, true);
    assert.equal(parsed.expiresSeconds, 900);
    assert.deepEqual(parsed.signedHeaders, ['host', 'x-k8s-aws-id']);
    const query = canonicalRequest(req, parsed).split('\n')[2]!;
    assert.ok(query.startsWith('Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&'));
    assert.ok(!query.includes('X-Amz-Signature'));
  });

  it('carries the session token in X-Amz-Security-Token', async () => {
    const req = await presigned(callerIdentity(), 900, TOKEN);
    assert.equal(verify(req).securityToken, TOKEN);
  });

  it('is valid until X-Amz-Date + X-Amz-Expires, then expired', async () => {
    const req = await presigned(callerIdentity(), 3600);
    verify(req, minutesFrom(SIGNED_AT, 60));
    assertSigV4Error(() => verify(req, minutesFrom(SIGNED_AT, 60.02)), 'expired', 'Request has expired.');
  });

  it('is not valid before X-Amz-Date minus the skew allowance', async () => {
    const req = await presigned(callerIdentity(), 900);
    verify(req, minutesFrom(SIGNED_AT, -14));
    assertSigV4Error(() => verify(req, minutesFrom(SIGNED_AT, -16)), 'not-yet-valid', /^Signature not yet current: /);
  });

  it('rejects tampered query parameters and a wrong secret', async () => {
    const req = await presigned(callerIdentity(), 900);
    const otherAction = { ...req, query: req.query.replace('GetCallerIdentity', 'GetSessionToken') };
    assertSigV4Error(() => verify(otherAction), 'mismatch', MISMATCH);
    const longerExpiry = { ...req, query: req.query.replace('X-Amz-Expires=900', 'X-Amz-Expires=9000') };
    assertSigV4Error(() => verify(longerExpiry), 'mismatch', MISMATCH);
    assertSigV4Error(() => verify(req, SIGNED_AT, 'nope'), 'mismatch', MISMATCH);
  });

  it('requires every signed header to be present', async () => {
    const req = await presigned(callerIdentity(), 900);
    const { 'x-k8s-aws-id': _dropped, ...headers } = req.headers;
    assertSigV4Error(
      () => parseSignature({ ...req, headers }),
      'incomplete',
      "'x-k8s-aws-id' is named as a SignedHeader, but it does not exist in the HTTP request.",
    );
  });

  it('lists every missing query parameter', () => {
    assertSigV4Error(
      () => parseSignature(unsignedRequest({}, 'X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=20240501T120000Z')),
      'incomplete',
      "AWS query-string parameters must include 'X-Amz-Credential'. " +
        "AWS query-string parameters must include 'X-Amz-Signature'. " +
        "AWS query-string parameters must include 'X-Amz-SignedHeaders'. " +
        'Re-examine the query-string parameters.',
    );
  });

  it('rejects a malformed or over-long X-Amz-Expires', async () => {
    const req = await presigned(callerIdentity(), 900);
    const expiring = (value: string) => ({
      ...req,
      query: req.query.replace('X-Amz-Expires=900', `X-Amz-Expires=${value}`),
    });
    assertSigV4Error(() => parseSignature(expiring('soon')), 'incomplete', 'X-Amz-Expires should be a number');
    assertSigV4Error(() => parseSignature(expiring('-1')), 'incomplete', 'X-Amz-Expires must be non-negative');
    assertSigV4Error(() => parseSignature(expiring('604801')), 'incomplete', /^X-Amz-Expires must be less than a week/);
    assert.equal(parse(expiring('604800')).expiresSeconds, 604800);
  });

  it('rejects a request carrying both an Authorization header and query credentials', async () => {
    const req = await presigned(callerIdentity(), 900);
    assertSigV4Error(
      () => parseSignature(withHeaders(req, { authorization: VALID_AUTH })),
      'mismatch',
      "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Missing and malformed credentials
// ---------------------------------------------------------------------------------------------

describe('missing and malformed credentials', () => {
  const withDate = (authorization: string) => unsignedRequest({ authorization, 'x-amz-date': '20240501T120000Z' });

  it('returns undefined when the request carries no credentials', () => {
    assert.equal(parseSignature(unsignedRequest()), undefined);
    const unrelatedQuery = 'Action=GetCallerIdentity&X-Amz-Date=20240501T120000Z';
    assert.equal(parseSignature(unsignedRequest({}, unrelatedQuery)), undefined);
  });

  it('lists each missing Authorization parameter and the missing date, as AWS does', () => {
    assertSigV4Error(
      () => parseSignature(unsignedRequest({ authorization: 'Bearer' })),
      'incomplete',
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. " +
        "Authorization header requires 'SignedHeaders' parameter. " +
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=Bearer",
    );
    const partial = `AWS4-HMAC-SHA256 Credential=${AKID}/20240501/us-east-1/iam/aws4_request, SignedHeaders=host`;
    assertSigV4Error(
      () => parseSignature(withDate(partial)),
      'incomplete',
      `Authorization header requires 'Signature' parameter. Authorization=${partial}`,
    );
  });

  it('rejects tokens that are not key=value pairs', () => {
    assertSigV4Error(
      () => parseSignature(withDate('Bearer abc.def')),
      'incomplete',
      "'abc.def' not a valid key=value pair (missing equal-sign) in Authorization header: 'Bearer abc.def'.",
    );
    const spaced = VALID_AUTH.replace('Credential=', 'Credential= ');
    assertSigV4Error(
      () => parseSignature(withDate(spaced)),
      'incomplete',
      `'${AKID}/20240501/us-east-1/iam/aws4_request' not a valid key=value pair (missing equal-sign) ` +
        `in Authorization header: '${spaced}'.`,
    );
  });

  it('rejects an unsupported algorithm', () => {
    assertSigV4Error(
      () => parseSignature(withDate(VALID_AUTH.replace('AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1'))),
      'incomplete',
      "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1' (only AWS4-HMAC-SHA256 for now).",
    );
  });

  it('rejects a malformed X-Amz-Date', () => {
    for (const bad of ['2024-05-01T12:00:00Z', '20240230T120000Z', '20230229T120000Z', '21000229T120000Z', '20241301T120000Z', '20240501T240000Z', '201']) {
      assertSigV4Error(
        () => parseSignature(unsignedRequest({ authorization: VALID_AUTH, 'x-amz-date': bad })),
        'incomplete',
        `Date must be in ISO-8601 'basic format'. Got '${bad}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
  });

  it('accepts the 29th of February in a leap year, 2000 included', () => {
    for (const leap of ['20240229T120000Z', '20000229T000000Z']) {
      assert.equal(parseSignature(unsignedRequest({ authorization: VALID_AUTH, 'x-amz-date': leap }))?.amzDate, leap);
    }
  });

  it('rejects a credential that is not five slash-delimited elements', () => {
    assertSigV4Error(
      () => parseSignature(withDate(VALID_AUTH.replace('/us-east-1', ''))),
      'incomplete',
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, ' +
        `got '${AKID}/20240501/iam/aws4_request'`,
    );
  });

  it('rejects a scope terminator other than aws4_request', () => {
    assertSigV4Error(
      () => parseSignature(withDate(VALID_AUTH.replace('aws4_request', 'aws5_request'))),
      'mismatch',
      "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'.",
    );
  });

  it('requires every signed header to be present', () => {
    assertSigV4Error(
      () => parseSignature(withDate(VALID_AUTH.replace('host;x-amz-date', 'host;x-amz-date;x-amz-target'))),
      'incomplete',
      "'x-amz-target' is named as a SignedHeader, but it does not exist in the HTTP request.",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Real clients
// ---------------------------------------------------------------------------------------------

interface Captured {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

function fromNode(captured: Captured): SignedRequest {
  const q = captured.url.indexOf('?');
  return {
    method: captured.method,
    path: q < 0 ? captured.url : captured.url.slice(0, q),
    query: q < 0 ? '' : captured.url.slice(q + 1),
    headers: captured.headers,
    body: captured.body,
  };
}

describe('real AWS SDK v3 clients over HTTP', () => {
  let server: Server;
  let endpoint: string;
  const requests: Captured[] = [];

  before(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const config = () => ({
    endpoint,
    region: 'us-east-1',
    maxAttempts: 1,
    credentials: { accessKeyId: AKID, secretAccessKey: SECRET, sessionToken: TOKEN },
  });

  /** Sends one command (the stub answers 500) and returns what arrived on the wire. */
  async function capture(send: () => Promise<unknown>): Promise<SignedRequest> {
    requests.length = 0;
    await assert.rejects(send());
    assert.equal(requests.length, 1);
    return fromNode(requests[0]!);
  }

  it('IAM CreateRole (query protocol)', async () => {
    const req = await capture(() =>
      new IAMClient(config()).send(
        new CreateRoleCommand({ RoleName: 'a', AssumeRolePolicyDocument: POLICY, Path: '/svc/' }),
      ),
    );
    assert.equal(verify(req, new Date()).securityToken, TOKEN);
  });

  it('STS GetCallerIdentity', async () => {
    const req = await capture(() => new STSClient(config()).send(new GetCallerIdentityCommand({})));
    verify(req, new Date());
  });

  it('Image Builder ListTagsForResource (ARN in the path)', async () => {
    const req = await capture(() =>
      new ImagebuilderClient(config()).send(new ListTagsForResourceCommand({ resourceArn: ARN })),
    );
    assert.equal(req.path, `/tags/${ENCODED_ARN}`);
    verify(req, new Date());
  });

  it('Image Builder GetComponent (ARN in the query)', async () => {
    const req = await capture(() =>
      new ImagebuilderClient(config()).send(new GetComponentCommand({ componentBuildVersionArn: ARN })),
    );
    assert.equal(req.query, `componentBuildVersionArn=${ENCODED_ARN}`);
    verify(req, new Date());
  });

  it('Image Builder TagResource (ARN in the path, JSON body)', async () => {
    const req = await capture(() =>
      new ImagebuilderClient(config()).send(new TagResourceCommand({ resourceArn: ARN, tags: { team: 'a b' } })),
    );
    verify(req, new Date());
    assertSigV4Error(() => verify({ ...req, body: Buffer.from('{"tags":{"team":"c"}}') }, new Date()), 'mismatch');
  });
});

// ---------------------------------------------------------------------------------------------
// botocore (boto3, aws CLI v1)
// ---------------------------------------------------------------------------------------------

/**
 * Signs with botocore directly (SigV4Auth / SigV4QueryAuth on an AWSRequest) and through real botocore
 * clients whose requests are captured at 'before-send', then prints what would go on the wire.
 */
const BOTOCORE_SCRIPT = String.raw`
import base64, json, sys
from urllib.parse import urlsplit
import botocore.session
from botocore.auth import SigV4Auth, SigV4QueryAuth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode, percent_encode_sequence

AKID, SECRET, TOKEN, ARN, POLICY = sys.argv[1:6]
cases = []

def dump(name, method, url, headers, body):
    parts = urlsplit(url)
    hdrs = {k.lower(): (v.decode('latin-1') if isinstance(v, bytes) else str(v)) for k, v in headers.items()}
    hdrs.setdefault('host', parts.netloc)
    if isinstance(body, str):
        body = body.encode('utf-8')
    cases.append({'name': name, 'method': method, 'path': parts.path, 'query': parts.query,
                  'headers': hdrs, 'body': base64.b64encode(body or b'').decode()})

def sign(name, auth, method, url, data=None, headers=None):
    req = AWSRequest(method=method, url=url, data=data, headers=headers or {})
    auth.add_auth(req)
    prepared = req.prepare()
    dump(name, prepared.method, prepared.url, prepared.headers, prepared.body)

creds = Credentials(AKID, SECRET)
sign('SigV4Auth query-protocol POST', SigV4Auth(creds, 'iam', 'us-east-1'), 'POST', 'https://iam.amazonaws.com/',
     data={'Action': 'CreateRole', 'Version': '2010-05-08', 'RoleName': 'a', 'AssumeRolePolicyDocument': POLICY},
     headers={'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8'})
sign('SigV4Auth rest-json GET with an ARN in path and query',
     SigV4Auth(Credentials(AKID, SECRET, TOKEN), 'imagebuilder', 'us-east-1'), 'GET',
     'https://imagebuilder.us-east-1.amazonaws.com/tags/' + percent_encode(ARN) + '?' +
     percent_encode_sequence([('componentArn', ARN), ('filter', 'name:my image/1.0 *'), ('a', '')]))
sign('SigV4QueryAuth presigned GET', SigV4QueryAuth(creds, 'sts', 'us-east-1', expires=900), 'GET',
     'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15', headers={'x-k8s-aws-id': 'my-cluster'})

class Captured(Exception):
    pass

def capture(request, **kwargs):
    dump('client ' + kwargs['event_name'].split('.')[-1], request.method, request.url, request.headers, request.body)
    raise Captured()

session = botocore.session.get_session()
for service, op, args in [
    ('iam', 'create_role', {'RoleName': 'a', 'AssumeRolePolicyDocument': POLICY, 'Path': '/svc/'}),
    ('imagebuilder', 'list_tags_for_resource', {'resourceArn': ARN}),
    ('imagebuilder', 'get_component', {'componentBuildVersionArn': ARN}),
    ('imagebuilder', 'tag_resource', {'resourceArn': ARN, 'tags': {'team': 'a b'}}),
]:
    client = session.create_client(service, region_name='us-east-1', aws_access_key_id=AKID,
                                   aws_secret_access_key=SECRET, aws_session_token=TOKEN)
    client.meta.events.register('before-send', capture)
    try:
        getattr(client, op)(**args)
    except Captured:
        pass
print(json.dumps(cases))
`;

interface BotocoreCase extends Omit<SignedRequest, 'body'> {
  name: string;
  body: string;
}

function botocoreCases(): BotocoreCase[] {
  const run = spawnSync('python3', ['-c', BOTOCORE_SCRIPT, AKID, SECRET, TOKEN, ARN, POLICY], {
    encoding: 'utf8',
    env: { ...process.env, AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
  });
  assert.equal(run.status, 0, `botocore script failed: ${run.error ?? run.stderr}`);
  return JSON.parse(run.stdout) as BotocoreCase[];
}

describe('botocore-signed requests', () => {
  const cases = botocoreCases();

  it('produced every case', () => {
    assert.deepEqual(
      cases.map((c) => c.name),
      [
        'SigV4Auth query-protocol POST',
        'SigV4Auth rest-json GET with an ARN in path and query',
        'SigV4QueryAuth presigned GET',
        'client CreateRole',
        'client ListTagsForResource',
        'client GetComponent',
        'client TagResource',
      ],
    );
  });

  for (const { name, body, ...wire } of cases) {
    it(`verifies ${name}`, () => {
      const req: SignedRequest = { ...wire, body: Buffer.from(body, 'base64') };
      const parsed = verify(req, new Date());
      assert.equal(parsed.accessKeyId, AKID);
      assertSigV4Error(() => verifySignature(req, parsed, `${SECRET}x`, new Date()), 'mismatch', MISMATCH);
    });
  }

  it('sees the ARN path as botocore sent it', () => {
    const rest = cases.find((c) => c.name === 'client ListTagsForResource')!;
    assert.equal(rest.path, `/tags/${ENCODED_ARN}`);
  });
});
