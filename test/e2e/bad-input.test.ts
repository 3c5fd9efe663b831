/**
 * Raw HTTP against Kiln: malformed bodies, wrong content types, oversized requests, unknown and
 * unimplemented operations, and every SigV4 failure. Each answer must be a client error (never a
 * 5xx, apart from 501 for what Kiln does not implement yet) in the protocol's own error shape,
 * carry a request id, and leave the state exactly as it was.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { XMLParser } from 'fast-xml-parser';
import { CreateRoleCommand, GetRoleCommand, ListRolesCommand } from '@aws-sdk/client-iam';
import { CreateComponentCommand, ListComponentsCommand } from '@aws-sdk/client-imagebuilder';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { ManualClock } from '../../src/index.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const FORM = 'application/x-www-form-urlencoded; charset=utf-8';
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';
const COMPONENT_DOC = 'name: Doc\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: S\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo hi\n';
const MIB = 1024 * 1024;

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

interface RawRequest {
  method: string;
  /** Path with any query string, exactly as it goes on the wire. */
  path: string;
  headers: Record<string, string>;
  body?: Buffer | string;
  /** Send the body with chunked transfer encoding instead of a Content-Length. */
  chunked?: boolean;
}

/** RFC 3986 escaping, as the AWS SDKs' query serializers do it. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function form(params: Record<string, string>): string {
  return Object.entries(params).map(([k, v]) => `${escape(k)}=${escape(v)}`).join('&');
}

function queryString(query: Record<string, string | string[] | null> | undefined): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value ?? '']) pairs.push(`${escape(key)}=${escape(v)}`);
  }
  return pairs.join('&');
}

function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false });

describe('bad input over raw HTTP', () => {
  let kiln: TestKiln;
  let url: URL;

  function send(req: RawRequest): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const body = req.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
      const headers: Record<string, string> = { ...req.headers };
      if (req.chunked) headers['transfer-encoding'] = 'chunked';
      else headers['content-length'] ??= String(body.length);
      const outgoing = httpRequest({ host: url.hostname, port: Number(url.port), method: req.method, path: req.path, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      // The server may answer (413) before it has read the whole body; that is not a failure here.
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      if (req.chunked) {
        for (let offset = 0; offset < body.length; offset += 64 * 1024) outgoing.write(body.subarray(offset, offset + 64 * 1024));
        outgoing.end();
      } else outgoing.end(body);
    });
  }

  interface SignOptions {
    service: 'iam' | 'sts' | 'imagebuilder';
    method: string;
    path: string;
    query?: Record<string, string>;
    headers?: Record<string, string>;
    body?: Buffer | string;
    region?: string;
    accessKeyId?: string;
    secretAccessKey?: string;
    signingDate?: Date;
  }

  function signer(o: SignOptions): SignatureV4 {
    return new SignatureV4({
      credentials: { accessKeyId: o.accessKeyId ?? 'test', secretAccessKey: o.secretAccessKey ?? 'test' },
      region: o.region ?? 'us-east-1',
      service: o.service,
      sha256: Hash.bind(null, 'sha256'),
    });
  }

  function unsignedRequest(o: SignOptions): HttpRequest {
    const headers: Record<string, string> = { host: url.host, ...o.headers };
    if (o.body !== undefined) headers['content-length'] = String(Buffer.byteLength(o.body));
    return new HttpRequest({ method: o.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: o.path, query: o.query ?? {}, headers, body: o.body });
  }

  function onTheWire(signed: HttpRequest | { method: string; path: string; query?: Record<string, any>; headers: Record<string, string>; body?: any }): RawRequest {
    const qs = queryString(signed.query as Record<string, string>);
    return { method: signed.method, path: qs ? `${signed.path}?${qs}` : signed.path, headers: { ...signed.headers }, body: signed.body };
  }

  /** Signs as the AWS SDK does (on the Kiln clock unless told otherwise) and sends. */
  async function sendSigned(o: SignOptions): Promise<RawResponse> {
    const signed = await signer(o).sign(unsignedRequest(o), { signingDate: o.signingDate ?? kiln.clock.now() });
    return send(onTheWire(signed as HttpRequest));
  }

  async function sendUnsigned(o: Omit<SignOptions, 'service'>): Promise<RawResponse> {
    return send(onTheWire(unsignedRequest({ ...o, service: 'iam' })));
  }

  const iamForm = (params: Record<string, string>, extra: Partial<SignOptions> = {}) =>
    sendSigned({ service: 'iam', method: 'POST', path: '/', headers: { 'content-type': FORM }, body: form(params), ...extra });
  const stsForm = (params: Record<string, string>, extra: Partial<SignOptions> = {}) =>
    sendSigned({ service: 'sts', method: 'POST', path: '/', headers: { 'content-type': FORM }, body: form(params), ...extra });
  const ibJson = (method: string, path: string, body: string | Buffer | undefined, extra: Partial<SignOptions> = {}) =>
    sendSigned({ service: 'imagebuilder', method, path, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body, ...extra });

  function assertRequestId(res: RawResponse): string {
    const id = res.headers['x-amzn-requestid'];
    assert.equal(typeof id, 'string', 'x-amzn-requestid header');
    assert.match(id as string, /^[0-9a-f-]{36}$/);
    return id as string;
  }

  /** The awsQuery error envelope, exactly. */
  function assertQueryError(res: RawResponse, expected: { status: number; code: string; message?: string | RegExp; namespace: string; type?: 'Sender' | 'Receiver' }): void {
    assert.equal(res.status, expected.status, `status (body: ${res.body})`);
    if (expected.status !== 501) assert.ok(res.status >= 400 && res.status < 500, 'a client error');
    const requestId = assertRequestId(res);
    assert.match(String(res.headers['content-type']), /xml/);
    const doc = xml.parse(res.body);
    assert.deepEqual(Object.keys(doc), ['ErrorResponse'], res.body);
    const envelope = doc.ErrorResponse;
    assert.deepEqual(Object.keys(envelope).sort(), ['@_xmlns', 'Error', 'RequestId'], res.body);
    assert.equal(envelope['@_xmlns'], expected.namespace);
    assert.deepEqual(Object.keys(envelope.Error).sort(), ['Code', 'Message', 'Type'], res.body);
    assert.equal(envelope.Error.Type, expected.type ?? 'Sender');
    assert.equal(envelope.Error.Code, expected.code);
    assert.equal(typeof envelope.Error.Message, 'string');
    if (typeof expected.message === 'string') assert.equal(envelope.Error.Message, expected.message);
    else if (expected.message) assert.match(envelope.Error.Message, expected.message);
    assert.equal(envelope.RequestId, requestId, 'the body and the header carry the same request id');
  }

  /** The restJson error: x-amzn-errortype header and a JSON body with the message. */
  function assertRestJsonError(res: RawResponse, expected: { status: number; code: string; message?: string | RegExp }): void {
    assert.equal(res.status, expected.status, `status (body: ${res.body})`);
    if (expected.status !== 501) assert.ok(res.status >= 400 && res.status < 500, 'a client error');
    assertRequestId(res);
    assert.equal(res.headers['x-amzn-errortype'], expected.code);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = JSON.parse(res.body) as Record<string, unknown>;
    assert.equal(typeof body.message, 'string', res.body);
    if (typeof expected.message === 'string') assert.equal(body.message, expected.message);
    else if (expected.message) assert.match(body.message as string, expected.message);
  }

  /** What the SDK sees: role names and component version ARNs. */
  async function snapshot(): Promise<{ roles: string[]; components: string[] }> {
    const roles = (await kiln.iam.send(new ListRolesCommand({}))).Roles?.map((r) => r.RoleName!).sort() ?? [];
    const components = (await kiln.imagebuilder.send(new ListComponentsCommand({}))).componentVersionList?.map((c) => c.arn!).sort() ?? [];
    return { roles, components };
  }

  let baseline: { roles: string[]; components: string[] };
  async function assertUnchanged(): Promise<void> {
    assert.deepEqual(await snapshot(), baseline, 'the state is as it was before the bad request');
  }

  const createRoleParams = (RoleName: string) => ({ Action: 'CreateRole', Version: '2010-05-08', RoleName, AssumeRolePolicyDocument: TRUST_POLICY });
  const createComponentBody = (name: string) => JSON.stringify({ name, semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_DOC, clientToken: `token-${name}` });

  before(async () => {
    // A clock that stands still, for Kiln and for its signature checks, so the expected skew messages are exact.
    const clock = new ManualClock(new Date());
    kiln = await startTestKiln({ clock, signatureClock: clock });
    url = new URL(kiln.endpoint);
    await kiln.iam.send(new CreateRoleCommand({ RoleName: 'Baseline', AssumeRolePolicyDocument: TRUST_POLICY }));
    await kiln.imagebuilder.send(new CreateComponentCommand({ name: 'baseline', semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_DOC }));
    baseline = await snapshot();
    assert.deepEqual(baseline.roles, ['Baseline']);
    assert.equal(baseline.components.length, 1);
  });
  after(async () => {
    await kiln.close();
  });

  it('the raw helpers work: a signed CreateRole and a signed CreateComponent succeed (then are undone)', async () => {
    const role = await iamForm(createRoleParams('RawHelperRole'));
    assert.equal(role.status, 200, role.body);
    assertRequestId(role);
    assert.match(role.body, /^<CreateRoleResponse xmlns="https:\/\/iam\.amazonaws\.com\/doc\/2010-05-08\/">/);
    const deleted = await iamForm({ Action: 'DeleteRole', Version: '2010-05-08', RoleName: 'RawHelperRole' });
    assert.equal(deleted.status, 200, deleted.body);
    const list = await ibJson('POST', '/ListComponents', '{}');
    assert.equal(list.status, 200, list.body);
    assertRequestId(list);
    assert.equal((JSON.parse(list.body).componentVersionList as unknown[]).length, 1);
    await assertUnchanged();
  });

  describe('malformed requests', () => {
    it('a form body with a malformed percent escape (%zz): MalformedQueryString', async () => {
      const body = `${form(createRoleParams('Bad'))}&Description=100%zz`;
      const res = await iamForm({}, { body });
      // MalformedQueryString is documented with HTTP 404 (IAM API Common Errors; spec §8.3).
      assertQueryError(res, { status: 404, code: 'MalformedQueryString', namespace: IAM_NS });
      await assertUnchanged();
    });

    it('a form body with bytes that are not UTF-8: MalformedQueryString', async () => {
      const body = Buffer.concat([Buffer.from(`${form(createRoleParams('Utf8Role'))}&Description=`), Buffer.from([0xc3, 0x28, 0xff, 0xfe])]);
      const res = await iamForm({}, { body });
      assertQueryError(res, { status: 404, code: 'MalformedQueryString', namespace: IAM_NS });
      // The same bytes percent-encoded decode to the same invalid UTF-8.
      const encoded = await iamForm({}, { body: `${form(createRoleParams('Utf8Role'))}&Description=%C3%28%FF%FE` });
      assertQueryError(encoded, { status: 404, code: 'MalformedQueryString', namespace: IAM_NS });
      await expectNoRole('Utf8Role');
      await assertUnchanged();
    });

    it('invalid JSON to Image Builder: 400 SerializationException', async () => {
      const res = await ibJson('PUT', '/CreateComponent', '{"name": "broken", "semanticVersion": ');
      assertRestJsonError(res, { status: 400, code: 'SerializationException' });
      const notObject = await ibJson('PUT', '/CreateComponent', '["name", "broken"]');
      assertRestJsonError(notObject, { status: 400, code: 'SerializationException' });
      const notUtf8 = await ibJson('PUT', '/CreateComponent', Buffer.concat([Buffer.from('{"name": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
      assertRestJsonError(notUtf8, { status: 400, code: 'SerializationException' });
      await assertUnchanged();
    });

    it('a JSON member of the wrong type (a number for name): 400 SerializationException', async () => {
      const body = JSON.stringify({ name: 123, semanticVersion: '1.0.0', platform: 'Linux', data: COMPONENT_DOC, clientToken: 'wrong-type' });
      const res = await ibJson('PUT', '/CreateComponent', body);
      assertRestJsonError(res, { status: 400, code: 'SerializationException' });
      const list = await ibJson('POST', '/ListComponents', JSON.stringify({ maxResults: '2' }));
      assertRestJsonError(list, { status: 400, code: 'SerializationException' });
      await assertUnchanged();
    });

    it('a JSON body sent to IAM: 400 MissingAction', async () => {
      const res = await sendSigned({
        service: 'iam', method: 'POST', path: '/', headers: { 'content-type': 'application/json' },
        body: JSON.stringify(createRoleParams('JsonRole')),
      });
      assertQueryError(res, { status: 400, code: 'MissingAction', namespace: IAM_NS });
      await expectNoRole('JsonRole');
      await assertUnchanged();
    });

    it('a body over 2 MiB: 413 RequestEntityTooLarge (awsQuery) / RequestEntityTooLargeException (restJson)', async () => {
      const big = 'a'.repeat(2 * MIB + 1);
      const iam = await iamForm({ ...createRoleParams('HugeRole'), Description: big });
      assertQueryError(iam, { status: 413, code: 'RequestEntityTooLarge', namespace: IAM_NS });

      const chunked = await send({ method: 'POST', path: '/', headers: { host: url.host, 'content-type': FORM }, body: form({ ...createRoleParams('HugeRole'), Description: big }), chunked: true });
      assertQueryError(chunked, { status: 413, code: 'RequestEntityTooLarge', namespace: IAM_NS });

      const ib = await ibJson('PUT', '/CreateComponent', JSON.stringify({ name: 'huge', semanticVersion: '1.0.0', platform: 'Linux', data: big, clientToken: 'huge' }));
      assertRestJsonError(ib, { status: 413, code: 'RequestEntityTooLargeException' });
      await expectNoRole('HugeRole');
      await assertUnchanged();
    });

    it('exactly 2 MiB is still accepted as a body size (and then fails validation as usual)', async () => {
      const params = createRoleParams('EdgeRole');
      const prefix = `${form(params)}&Description=`;
      const body = prefix + 'a'.repeat(2 * MIB - prefix.length);
      assert.equal(Buffer.byteLength(body), 2 * MIB);
      const res = await iamForm({}, { body });
      assertQueryError(res, {
        status: 400, code: 'ValidationError', namespace: IAM_NS,
        message: /^1 validation error detected: Value '.*' at 'description' failed to satisfy constraint: Member must have length less than or equal to 1000$/,
      });
      await assertUnchanged();
    });
  });

  describe('unknown and unimplemented operations', () => {
    it('an unknown Action: 400 InvalidAction, for IAM and for STS', async () => {
      assertQueryError(await iamForm({ Action: 'FooBar', Version: '2010-05-08' }), {
        status: 400, code: 'InvalidAction', namespace: IAM_NS, message: 'The action FooBar is not valid for this web service.',
      });
      assertQueryError(await stsForm({ Action: 'FooBar', Version: '2011-06-15' }), {
        status: 400, code: 'InvalidAction', namespace: STS_NS, message: 'The action FooBar is not valid for this web service.',
      });
      await assertUnchanged();
    });

    it('a missing Version: 400 InvalidAction naming NO_VERSION_SPECIFIED', async () => {
      assertQueryError(await iamForm({ Action: 'GetRole', RoleName: 'Baseline' }), {
        status: 400, code: 'InvalidAction', namespace: IAM_NS, message: 'Could not find operation GetRole for version NO_VERSION_SPECIFIED',
      });
      assertQueryError(await iamForm({ Action: 'CreateRole', RoleName: 'NoVersionRole', AssumeRolePolicyDocument: TRUST_POLICY }), {
        status: 400, code: 'InvalidAction', namespace: IAM_NS, message: 'Could not find operation CreateRole for version NO_VERSION_SPECIFIED',
      });
      await expectNoRole('NoVersionRole');
      await assertUnchanged();
    });

    it('a wrong Version: 400 InvalidAction naming that version', async () => {
      assertQueryError(await iamForm({ Action: 'GetRole', Version: '2010-05-09', RoleName: 'Baseline' }), {
        status: 400, code: 'InvalidAction', namespace: IAM_NS, message: 'Could not find operation GetRole for version 2010-05-09',
      });
      assertQueryError(await iamForm({ ...createRoleParams('WrongVersionRole'), Version: '2011-06-15' }), {
        status: 400, code: 'InvalidAction', namespace: IAM_NS, message: 'Could not find operation CreateRole for version 2011-06-15',
      });
      await expectNoRole('WrongVersionRole');
      await assertUnchanged();
    });

    it('an unknown REST route: 404 UnknownOperationException', async () => {
      assertRestJsonError(await ibJson('GET', '/NoSuchOperation', undefined), { status: 404, code: 'UnknownOperationException' });
      assertRestJsonError(await ibJson('PUT', '/CreateNothing', createComponentBody('nothing')), { status: 404, code: 'UnknownOperationException' });
      await assertUnchanged();
    });

    // Image Builder implements every operation of its model, so only IAM has one left to ask for.
    it('an operation Kiln does not implement: 501 NotImplemented naming it', async () => {
      assertQueryError(await iamForm({ Action: 'ListSAMLProviders', Version: '2010-05-08' }), {
        status: 501, code: 'NotImplemented', namespace: IAM_NS, type: 'Receiver', message: /\bListSAMLProviders\b/,
      });
      await assertUnchanged();
    });
  });

  describe('SigV4', () => {
    it('no credentials at all: 403 MissingAuthenticationToken / MissingAuthenticationTokenException', async () => {
      const iam = await sendUnsigned({ method: 'POST', path: '/', headers: { 'content-type': FORM }, body: form(createRoleParams('UnsignedRole')) });
      assertQueryError(iam, { status: 403, code: 'MissingAuthenticationToken', namespace: IAM_NS, message: 'Request is missing Authentication Token' });
      const sts = await sendUnsigned({ method: 'POST', path: '/', headers: { 'content-type': FORM }, body: form({ Action: 'GetCallerIdentity', Version: '2011-06-15' }) });
      assertQueryError(sts, { status: 403, code: 'MissingAuthenticationToken', namespace: STS_NS, message: 'Request is missing Authentication Token' });
      const ib = await sendUnsigned({ method: 'PUT', path: '/CreateComponent', headers: { 'content-type': 'application/json' }, body: createComponentBody('unsigned') });
      assertRestJsonError(ib, { status: 403, code: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' });
      await expectNoRole('UnsignedRole');
      await assertUnchanged();
    });

    it('a wrong secret: 403 SignatureDoesNotMatch / InvalidSignatureException', async () => {
      const iam = await iamForm(createRoleParams('WrongSecretRole'), { secretAccessKey: 'not-the-secret' });
      assertQueryError(iam, { status: 403, code: 'SignatureDoesNotMatch', namespace: IAM_NS, message: MISMATCH });
      const sts = await stsForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { secretAccessKey: 'not-the-secret' });
      assertQueryError(sts, { status: 403, code: 'SignatureDoesNotMatch', namespace: STS_NS, message: MISMATCH });
      const ib = await ibJson('PUT', '/CreateComponent', createComponentBody('wrong-secret'), { secretAccessKey: 'not-the-secret' });
      assertRestJsonError(ib, { status: 403, code: 'InvalidSignatureException', message: MISMATCH });
      await expectNoRole('WrongSecretRole');
      await assertUnchanged();
    });

    it('a body changed after signing: 403 SignatureDoesNotMatch', async () => {
      const signed = await signer({ service: 'iam', method: 'POST', path: '/' }).sign(
        unsignedRequest({ service: 'iam', method: 'POST', path: '/', headers: { 'content-type': FORM }, body: form(createRoleParams('TamperA')) }),
        { signingDate: kiln.clock.now() },
      );
      const wire = onTheWire(signed as HttpRequest);
      wire.body = form(createRoleParams('TamperB'));
      assertQueryError(await send(wire), { status: 403, code: 'SignatureDoesNotMatch', namespace: IAM_NS, message: MISMATCH });
      await expectNoRole('TamperA');
      await expectNoRole('TamperB');
      await assertUnchanged();
    });

    it('16 minutes of clock skew: 403 SignatureDoesNotMatch "Signature expired: ..."', async () => {
      const now = kiln.clock.now();
      const signingDate = new Date(now.getTime() - 16 * 60_000);
      const expected = `Signature expired: ${amzDate(signingDate)} is now earlier than ${amzDate(new Date(now.getTime() - 15 * 60_000))} (${amzDate(now)} - 15 min.)`;
      const iam = await iamForm(createRoleParams('SkewedRole'), { signingDate });
      assertQueryError(iam, { status: 403, code: 'SignatureDoesNotMatch', namespace: IAM_NS, message: expected });
      const sts = await stsForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { signingDate });
      assertQueryError(sts, { status: 403, code: 'SignatureDoesNotMatch', namespace: STS_NS, message: expected });
      // 14 minutes is within the window.
      const fine = await stsForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { signingDate: new Date(now.getTime() - 14 * 60_000) });
      assert.equal(fine.status, 200, fine.body);
      await expectNoRole('SkewedRole');
      await assertUnchanged();
    });

    it('IAM signed for us-east-2: 403 SignatureDoesNotMatch "Credential should be scoped to a valid region"', async () => {
      const res = await iamForm(createRoleParams('EastTwoRole'), { region: 'us-east-2' });
      assertQueryError(res, { status: 403, code: 'SignatureDoesNotMatch', namespace: IAM_NS, message: "Credential should be scoped to a valid region, not 'us-east-2'. " });
      await expectNoRole('EastTwoRole');
      await assertUnchanged();
    });

    it('a malformed Authorization header: 400 IncompleteSignature / IncompleteSignatureException', async () => {
      const headers = { host: url.host, 'x-amz-date': amzDate(kiln.clock.now()), authorization: 'AWS4-HMAC-SHA256 garbage' };
      const iam = await send({ method: 'POST', path: '/', headers: { ...headers, 'content-type': FORM }, body: form(createRoleParams('GarbageAuthRole')) });
      assertQueryError(iam, { status: 400, code: 'IncompleteSignature', namespace: IAM_NS });
      const partial = await send({
        method: 'POST', path: '/', headers: { ...headers, 'content-type': FORM, authorization: `AWS4-HMAC-SHA256 Credential=test/${amzDate(kiln.clock.now()).slice(0, 8)}/us-east-1/iam/aws4_request` },
        body: form(createRoleParams('GarbageAuthRole')),
      });
      assertQueryError(partial, { status: 400, code: 'IncompleteSignature', namespace: IAM_NS });
      const ib = await send({ method: 'PUT', path: '/CreateComponent', headers: { ...headers, 'content-type': 'application/json' }, body: createComponentBody('garbage-auth') });
      assertRestJsonError(ib, { status: 400, code: 'IncompleteSignatureException' });
      await expectNoRole('GarbageAuthRole');
      await assertUnchanged();
    });

    it('a presigned GetCallerIdentity URL works; one presigned with a wrong secret fails', async () => {
      const presign = async (secretAccessKey: string) => {
        const o: SignOptions = { service: 'sts', method: 'GET', path: '/', query: { Action: 'GetCallerIdentity', Version: '2011-06-15' }, secretAccessKey };
        const presigned = await signer(o).presign(unsignedRequest(o), { signingDate: kiln.clock.now(), expiresIn: 900 });
        return send(onTheWire(presigned as HttpRequest));
      };
      const ok = await presign('test');
      assert.equal(ok.status, 200, ok.body);
      assertRequestId(ok);
      const result = xml.parse(ok.body).GetCallerIdentityResponse;
      assert.equal(result['@_xmlns'], STS_NS);
      assert.deepEqual(result.GetCallerIdentityResult, { UserId: ACCOUNT, Account: ACCOUNT, Arn: `arn:aws:iam::${ACCOUNT}:root` });

      const bad = await presign('not-the-secret');
      assertQueryError(bad, { status: 403, code: 'SignatureDoesNotMatch', namespace: STS_NS, message: MISMATCH });
      await assertUnchanged();
    });

    it('in the default open mode an unknown access key acts as the account root', async () => {
      const res = await stsForm({ Action: 'GetCallerIdentity', Version: '2011-06-15' }, { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'anything' });
      assert.equal(res.status, 200, res.body);
      const result = xml.parse(res.body).GetCallerIdentityResponse.GetCallerIdentityResult;
      assert.equal(result.Arn, `arn:aws:iam::${ACCOUNT}:root`);
      assert.equal(result.Account, ACCOUNT);
    });
  });

  describe('strict authentication', () => {
    let strict: TestKiln;
    before(async () => {
      strict = await startTestKiln({ auth: 'strict' });
    });
    after(async () => {
      await strict.close();
    });

    it('an unknown access key: 403 InvalidClientTokenId (awsQuery) / UnrecognizedClientException (restJson)', async () => {
      const strictUrl = new URL(strict.endpoint);
      const unknown = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
      const signAndSend = async (service: 'iam' | 'sts' | 'imagebuilder', method: string, path: string, contentType: string, body: string) => {
        const s = new SignatureV4({ credentials: unknown, region: 'us-east-1', service, sha256: Hash.bind(null, 'sha256') });
        const req = new HttpRequest({
          method, protocol: 'http:', hostname: strictUrl.hostname, port: Number(strictUrl.port), path,
          headers: { host: strictUrl.host, 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) }, body,
        });
        const signed = await s.sign(req, { signingDate: strict.clock.now() });
        return new Promise<RawResponse>((resolve, reject) => {
          const out = httpRequest({ host: strictUrl.hostname, port: Number(strictUrl.port), method, path, headers: signed.headers, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          });
          out.on('error', reject);
          out.end(body);
        });
      };
      const message = 'The security token included in the request is invalid.';
      assertQueryError(await signAndSend('sts', 'POST', '/', FORM, form({ Action: 'GetCallerIdentity', Version: '2011-06-15' })), {
        status: 403, code: 'InvalidClientTokenId', namespace: STS_NS, message,
      });
      assertQueryError(await signAndSend('iam', 'POST', '/', FORM, form(createRoleParams('StrictRole'))), {
        status: 403, code: 'InvalidClientTokenId', namespace: IAM_NS, message,
      });
      assertRestJsonError(await signAndSend('imagebuilder', 'PUT', '/CreateComponent', 'application/json', createComponentBody('strict')), {
        status: 403, code: 'UnrecognizedClientException', message,
      });
      // Nothing was created, and the root key still works in strict mode.
      await assert.rejects(strict.iam.send(new GetRoleCommand({ RoleName: 'StrictRole' })), { name: 'NoSuchEntityException' });
      assert.deepEqual((await strict.imagebuilder.send(new ListComponentsCommand({}))).componentVersionList ?? [], []);
      const me = await strict.sts.send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, `arn:aws:iam::${ACCOUNT}:root`);
    });
  });

  async function expectNoRole(RoleName: string): Promise<void> {
    await assert.rejects(kiln.iam.send(new GetRoleCommand({ RoleName })), (error: Error & Record<string, any>) => {
      assert.equal(error.name, 'NoSuchEntityException');
      assert.equal(error.$metadata?.httpStatusCode, 404);
      return true;
    });
  }
});
