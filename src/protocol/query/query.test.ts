import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadModel } from '../model.js';
import { validate } from '../validate.js';
import { decodeForm, MalformedFormError } from './form.js';
import { parseQueryInput } from './parse.js';
import { queryValidationError } from './validation-message.js';
import { serializeQueryError, serializeQueryResult } from './xml.js';

const iam = loadModel('iam');
const sts = loadModel('sts');

describe('form decoding', () => {
  it('decodes + as space and percent escapes as UTF-8', () => {
    assert.deepEqual(decodeForm('A=b+c&D=%E2%9C%93&E=&F'), [['A', 'b c'], ['D', '✓'], ['E', ''], ['F', '']]);
  });
  it('rejects malformed escapes and invalid UTF-8', () => {
    assert.throws(() => decodeForm('A=%zz'), MalformedFormError);
    assert.throws(() => decodeForm('A=%FF%FE'), MalformedFormError);
    assert.throws(() => decodeForm(Buffer.from([0x41, 0x3d, 0xc3, 0x28])), MalformedFormError);
  });
});

describe('awsQuery input parsing', () => {
  it('reads scalars, .member.N lists of structures and plain lists', () => {
    const input = parseQueryInput(iam, 'CreateRoleRequest', decodeForm(
      'RoleName=r&AssumeRolePolicyDocument=%7B%7D&MaxSessionDuration=7200&Tags.member.2.Key=k2&Tags.member.2.Value=v2&Tags.member.1.Key=k1&Tags.member.1.Value=v1',
    ));
    assert.deepEqual(input, {
      RoleName: 'r', AssumeRolePolicyDocument: '{}', MaxSessionDuration: 7200,
      Tags: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }],
    });
    assert.deepEqual(parseQueryInput(iam, 'UntagRoleRequest', decodeForm('RoleName=r&TagKeys.member.1=a&TagKeys.member.10=c&TagKeys.member.2=b')).TagKeys, ['a', 'b', 'c']);
  });
  it('reads booleans and rejects values of the wrong type', () => {
    assert.equal(parseQueryInput(iam, 'ListPoliciesRequest', decodeForm('OnlyAttached=true')).OnlyAttached, true);
    assert.throws(() => parseQueryInput(iam, 'ListRolesRequest', decodeForm('MaxItems=ten')), { code: 'ValidationError' });
    assert.throws(() => parseQueryInput(iam, 'ListPoliciesRequest', decodeForm('OnlyAttached=yes')), { code: 'ValidationError' });
  });
  it('reads .entry.N maps', () => {
    const model = loadModel('iam');
    // No IAM input has a map, so build a tiny model view around one to exercise the map path.
    const shapes = { ...model.shapes, M: { type: 'map' as const, key: { shape: 'tagKeyType' }, value: { shape: 'tagValueType' } }, S: { type: 'structure' as const, members: { Attrs: { shape: 'M' } } } };
    const input = parseQueryInput({ ...model, shapes }, 'S', decodeForm('Attrs.entry.1.key=a&Attrs.entry.1.value=1&Attrs.entry.2.key=b&Attrs.entry.2.value=2'));
    assert.deepEqual(input, { Attrs: { a: '1', b: '2' } });
  });
});

describe('awsQuery validation wording', () => {
  it('words a single violation as Coral services do', () => {
    const error = queryValidationError(validate(iam, 'GetRoleRequest', { RoleName: 'bad name' }));
    assert.equal(error.code, 'ValidationError');
    assert.equal(error.message, "1 validation error detected: Value 'bad name' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+");
  });
  it('counts several violations and words null, lengths and ranges', () => {
    const error = queryValidationError(validate(iam, 'CreateRoleRequest', { RoleName: 'x'.repeat(65), MaxSessionDuration: 100 }));
    assert.equal(error.message, [
      '3 validation errors detected: ',
      "Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null; ",
      `Value '${'x'.repeat(65)}' at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64; `,
      "Value '100' at 'maxSessionDuration' failed to satisfy constraint: Member must have value greater than or equal to 3600",
    ].join(''));
  });
  it('names list members with 1-based positions', () => {
    const error = queryValidationError(validate(iam, 'TagRoleRequest', { RoleName: 'r', Tags: [{ Key: 'ok', Value: 'v' }, { Key: '', Value: 'v' }] }));
    assert.match(error.message, /at 'tags\.2\.member\.key' failed to satisfy constraint: Member must have length greater than or equal to 1/);
  });
  it('words enums', () => {
    const error = queryValidationError(validate(iam, 'ListPoliciesRequest', { Scope: 'Everything' }));
    assert.match(error.message, /Member must satisfy enum value set: \[All, AWS, Local\]/);
  });
});

describe('awsQuery XML output', () => {
  it('wraps the result, URL-encodes policy documents and lists members', () => {
    const xml = serializeQueryResult(iam, iam.operations.ListRoles, {
      Roles: [{ Path: '/', RoleName: 'a&b', RoleId: 'AROA1', Arn: 'arn', CreateDate: new Date('2026-01-02T03:04:05.678Z'), AssumeRolePolicyDocument: '{"a": "b c"}' }],
      IsTruncated: false,
    }, 'req-1');
    assert.equal(xml, '<ListRolesResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListRolesResult><Roles><member>'
      + '<Path>/</Path><RoleName>a&amp;b</RoleName><RoleId>AROA1</RoleId><Arn>arn</Arn><CreateDate>2026-01-02T03:04:05.678Z</CreateDate>'
      + '<AssumeRolePolicyDocument>%7B%22a%22%3A%20%22b%20c%22%7D</AssumeRolePolicyDocument></member></Roles><IsTruncated>false</IsTruncated>'
      + '</ListRolesResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></ListRolesResponse>');
  });
  it('writes a frozen value (one a handler remembers) as it writes the same value unfrozen, each time', () => {
    const role = { Path: '/', RoleName: 'a&b', RoleId: 'AROA1', Arn: 'arn', CreateDate: '2026-01-02T03:04:05.678Z', AssumeRolePolicyDocument: '{"a": "b c"}', Tags: [{ Key: 'k', Value: 'v' }] };
    const plain = serializeQueryResult(iam, iam.operations.ListRoles, { Roles: [role], IsTruncated: false }, 'r1');
    const frozen = Object.freeze([Object.freeze({ ...role, Tags: Object.freeze([Object.freeze({ Key: 'k', Value: 'v' })]) })]);
    assert.equal(serializeQueryResult(iam, iam.operations.ListRoles, { Roles: frozen, IsTruncated: false }, 'r1'), plain);
    assert.equal(serializeQueryResult(iam, iam.operations.ListRoles, { Roles: frozen, IsTruncated: true, Marker: 'm' }, 'r2'),
      plain.replace('<IsTruncated>false</IsTruncated>', '<IsTruncated>true</IsTruncated><Marker>m</Marker>').replace('req-1', 'r2').replace('>r1<', '>r2<'));
    // The same frozen role under another shape (GetRole's Role) is written as that shape wants it.
    assert.match(serializeQueryResult(iam, iam.operations.GetRole, { Role: frozen[0] }, 'r3'), /<Role><Path>\/<\/Path><RoleName>a&amp;b<\/RoleName>.*<Tags><member><Key>k<\/Key><Value>v<\/Value><\/member><\/Tags><\/Role>/);
  });
  it('answers operations without output with only the metadata, and STS in its own namespace', () => {
    assert.equal(serializeQueryResult(iam, iam.operations.DeleteRole, undefined, 'r'),
      '<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteRoleResponse>');
    assert.match(serializeQueryResult(sts, sts.operations.GetCallerIdentity, { Account: '1' }, 'r'),
      /^<GetCallerIdentityResponse xmlns="https:\/\/sts.amazonaws.com\/doc\/2011-06-15\/"><GetCallerIdentityResult><Account>1<\/Account><\/GetCallerIdentityResult>/);
  });
  it('renders errors in the ErrorResponse envelope', () => {
    assert.equal(serializeQueryError('ns', 'NoSuchEntity', 'a < b', true, 'r'),
      '<ErrorResponse xmlns="ns"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>a &lt; b</Message></Error><RequestId>r</RequestId></ErrorResponse>');
  });
});

describe('model errors', () => {
  it('knows each error code with its HTTP status and fault side', () => {
    assert.deepEqual(iam.errors.get('NoSuchEntity'), { status: 404, senderFault: true });
    assert.deepEqual(iam.errors.get('EntityAlreadyExists'), { status: 409, senderFault: true });
    assert.deepEqual(iam.errors.get('ServiceFailure'), { status: 500, senderFault: false });
    assert.equal(Object.keys(iam.operations).length, 176);
    assert.equal(Object.keys(sts.operations).length, 11);
  });
});
