import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../model.js';
import { validate } from '../validate.js';
import { parseRestJsonInput } from './parse.js';
import { RestRouter } from './routes.js';
import { serializeRestJsonError, serializeRestJsonResult } from './serialize.js';
import { restJsonValidationError } from './validation-message.js';

const ib = loadModel('imagebuilder');
const router = new RestRouter(ib);
const parts = (over: Partial<Parameters<typeof parseRestJsonInput>[2]>) => ({ labels: {}, query: [], headers: {}, body: Buffer.alloc(0), ...over });

describe('restJson1 routing', () => {
  it('routes every operation of the model from its method and URI', () => {
    for (const operation of Object.values(ib.operations)) {
      const path = operation.http.requestUri.replace('{resourceArn}', 'arn%3Aaws%3Aimagebuilder%3Aus-east-1%3A123456789012%3Acomponent%2Fx%2F1.0.0%2F1');
      assert.equal(router.match(operation.http.method, path)?.operation.name, operation.name);
    }
    assert.equal(Object.keys(ib.operations).length, 77);
  });
  it('keeps path labels encoded and refuses unknown paths and methods', () => {
    assert.deepEqual(router.match('GET', '/tags/arn%3Ax')?.labels, { resourceArn: 'arn%3Ax' });
    assert.equal(router.match('GET', '/NoSuchOperation'), undefined);
    assert.equal(router.match('GET', '/CreateComponent'), undefined);
    assert.equal(router.match('GET', '/tags/'), undefined);
  });
});

describe('restJson1 input parsing', () => {
  it('reads the query string for GET operations', () => {
    const input = parseRestJsonInput(ib, 'GetComponentRequest', parts({ query: [['componentBuildVersionArn', 'arn:x']] }));
    assert.deepEqual(input, { componentBuildVersionArn: 'arn:x' });
  });
  it('reads decoded labels and repeated query keys as lists', () => {
    const input = parseRestJsonInput(ib, 'UntagResourceRequest', parts({ labels: { resourceArn: 'arn%3Ax%2Fy' }, query: [['tagKeys', 'a'], ['tagKeys', 'b']] }));
    assert.deepEqual(input, { resourceArn: 'arn:x/y', tagKeys: ['a', 'b'] });
  });
  it('reads the JSON body by shape and rejects wrong types', () => {
    const body = Buffer.from(JSON.stringify({ name: 'n', semanticVersion: '1.0.0', platform: 'Linux', data: 'd', tags: { a: 'b' }, clientToken: 't', unknown: 1 }));
    assert.deepEqual(parseRestJsonInput(ib, 'CreateComponentRequest', parts({ body })),
      { name: 'n', semanticVersion: '1.0.0', platform: 'Linux', data: 'd', tags: { a: 'b' }, clientToken: 't' });
    assert.throws(() => parseRestJsonInput(ib, 'CreateComponentRequest', parts({ body: Buffer.from('{"name": 5}') })), { code: 'SerializationException' });
    assert.throws(() => parseRestJsonInput(ib, 'CreateComponentRequest', parts({ body: Buffer.from('{"name": ') })), { code: 'SerializationException' });
    assert.throws(() => parseRestJsonInput(ib, 'CreateComponentRequest', parts({ body: Buffer.from('[1]') })), { code: 'SerializationException' });
    assert.throws(() => parseRestJsonInput(ib, 'ListComponentsRequest', parts({ body: Buffer.from('{"maxResults": 2.5}') })), { code: 'SerializationException' });
  });
});

describe('restJson1 validation wording', () => {
  it('words a pattern violation as Image Builder does', () => {
    const error = restJsonValidationError(validate(ib, 'GetComponentRequest', { componentBuildVersionArn: 'bad' }));
    assert.equal(error.code, 'InvalidParameterValueException');
    assert.match(error.message, /^The value supplied for parameter 'componentBuildVersionArn' is not valid\. componentBuildVersionArn must match pattern \^arn:aws/);
  });
  it('names nested members with list positions and reports a missing member as InvalidRequestException', () => {
    const nested = restJsonValidationError(validate(ib, 'CreateDistributionConfigurationRequest', { name: 'abc', clientToken: 't', distributions: [{ region: '' }] }));
    assert.match(nested.message, /parameter 'distributions\[0\]\.region' is not valid/);
    const missing = restJsonValidationError(validate(ib, 'CreateComponentRequest', { name: 'abc' }));
    assert.equal(missing.code, 'InvalidRequestException');
  });
});

describe('restJson1 output', () => {
  it('writes the body members as JSON with epoch-second timestamps', () => {
    const response = serializeRestJsonResult(ib, ib.operations.CreateComponent, { requestId: 'r', clientToken: 't', componentBuildVersionArn: 'arn' });
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { requestId: 'r', clientToken: 't', componentBuildVersionArn: 'arn' });
  });
  it('writes a frozen value (one a handler remembers) as it writes the same value unfrozen, each time', () => {
    const image = { arn: 'arn:image', name: 'golden', kiln: 'not in the shape', deprecationTime: new Date(1_700_000_000_000), tags: { a: 'b' } };
    const plain = serializeRestJsonResult(ib, ib.operations.GetImage, { requestId: 'r1', image });
    const frozen = Object.freeze({ ...image, tags: Object.freeze({ ...image.tags }) });
    assert.equal(serializeRestJsonResult(ib, ib.operations.GetImage, { requestId: 'r1', image: frozen }).body, plain.body);
    const again = JSON.parse(serializeRestJsonResult(ib, ib.operations.GetImage, { requestId: 'r2', image: frozen }).body);
    assert.deepEqual(again, { requestId: 'r2', image: { arn: 'arn:image', name: 'golden', deprecationTime: 1_700_000_000, tags: { a: 'b' } } });
    // The same frozen object under another shape is written as that shape wants it.
    const summary = JSON.parse(serializeRestJsonResult(ib, ib.operations.ListImageBuildVersions, { requestId: 'r3', imageSummaryList: [frozen] }).body);
    assert.deepEqual(summary.imageSummaryList, [{ arn: 'arn:image', name: 'golden', deprecationTime: 1_700_000_000, tags: { a: 'b' } }]);
  });
  it('writes errors with x-amzn-ErrorType and a message body', () => {
    const response = serializeRestJsonError('ResourceNotFoundException', 'gone', 404);
    assert.equal(response.headers['x-amzn-errortype'], 'ResourceNotFoundException');
    assert.deepEqual(JSON.parse(response.body), { message: 'gone' });
  });
});
