/**
 * Grammar cases. The identity-policy cases and their messages are the ones recorded against AWS
 * in moto's tests/test_iam/test_iam_policies.py; the trust-policy ones are from LocalStack's
 * snapshots and recorded AWS answers (see grammar-trust.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPolicyGrammar } from './grammar.js';
import type { PolicyKind } from './types.js';

const V = '2012-10-17';
const BUCKET = 'arn:aws:s3:::example_bucket';
const stmt = (s: object) => ({ Version: V, Statement: s });
const ok = (extra: object = {}) => ({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET, ...extra });

const SYNTAX = 'Syntax errors in policy.';
const LEGACY = 'The policy failed legacy parsing';
const VENDOR = 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.';
const NO_ACTIONS = 'Policy statement must contain actions.';
const NO_RESOURCES = 'Policy statement must contain resources.';

type Case = [name: string, doc: unknown, expected: string | undefined];

const IDENTITY_VALID: Case[] = [
  ['one statement object', stmt(ok()), undefined],
  ['statement list', { Version: V, Statement: [ok()] }, undefined],
  ['resource list', stmt(ok({ Resource: [BUCKET] })), undefined],
  ['action text after the colon is not checked', stmt(ok({ Action: 'iam: asdf safdsf af ' })), undefined],
  ['resource list with *', stmt(ok({ Resource: [BUCKET, '*'] })), undefined],
  ['action *', stmt(ok({ Action: '*' })), undefined],
  ['unknown service prefix with date conditions', stmt({ Effect: 'Allow', Action: 'service-prefix:action-name', Resource: '*', Condition: { DateGreaterThan: { 'aws:CurrentTime': '2017-07-01T00:00:00Z' }, DateLessThan: { 'aws:CurrentTime': '2017-12-31T23:59:59Z' } } }), undefined],
  ['action of another service than the resource', stmt(ok({ Action: 'fsx:ListBucket' })), undefined],
  ['IAM user path', stmt(ok({ Resource: 'arn:aws:iam:::user/example_bucket' })), undefined],
  ['unknown service in the ARN', stmt(ok({ Resource: 'arn:aws:s33:::example_bucket' })), undefined],
  ['short ARN', stmt(ok({ Resource: 'arn:aws:fdsasf' })), undefined],
  ['empty Condition', stmt(ok({ Condition: {} })), undefined],
  ['ForAllValues operator', stmt(ok({ Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': 'Department' } } })), undefined],
  ['region in a cloudwatch ARN', stmt(ok({ Resource: 'arn:aws:cloudwatch:us-east-1::example_bucket' })), undefined],
  ['region in an unknown service ARN', stmt(ok({ Resource: 'arn:aws:invalid-service:us-east-1::example_bucket' })), undefined],
  ['empty operator block', stmt(ok({ Condition: { DateGreaterThan: {} } })), undefined],
  ['empty value list', stmt(ok({ Condition: { DateGreaterThan: { a: [] } } })), undefined],
  ['unknown operator with an empty block', stmt(ok({ Condition: { a: {} } })), undefined],
  ['two unknown operators with empty blocks', stmt(ok({ Condition: { x: {}, y: {} } })), undefined],
  ['alphanumeric Sid', stmt(ok({ Sid: 'dsfsdfsdfsdfsdfsadfsd' })), undefined],
  ['empty Sids may repeat', { Version: V, Statement: [ok({ Sid: '' }), ok({ Sid: '' })] }, undefined],
  ['NotAction', stmt({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: BUCKET }), undefined],
  ['Deny with NotResource', stmt({ Effect: 'Deny', Action: 's3:*', NotResource: ['arn:aws:s3:::HRBucket/Payroll', 'arn:aws:s3:::HRBucket/Payroll/*'] }), undefined],
  ['Id', { Version: V, Id: 'sdfsdfsdf', Statement: ok() }, undefined],
  ['vendor with dash and dot', { Version: V, Statement: [ok({ Action: 's3-s:ListBucket' }), ok({ Action: 's3.s:ListBucket' })] }, undefined],
  ['NotAction and NotResource', stmt({ Effect: 'Allow', NotAction: 's3:ListBucket', NotResource: '*' }), undefined],
  ['date with a year only', stmt(ok({ Condition: { DateGreaterThan: { a: '01T' } } })), undefined],
  ['IfExists operator', stmt(ok({ Condition: { StringEqualsIfExists: { a: 'asf' } } })), undefined],
  ['ForAnyValue with IfExists', stmt(ok({ Condition: { 'ForAnyValue:StringEqualsIfExists': { a: 'asf' } } })), undefined],
  ['ISO date with fraction and offset', stmt(ok({ Condition: { DateLessThanEquals: { a: '2016-12-13T21:20:37.593194+00:00' } } })), undefined],
  ['lower-case t, one-digit hour, two-digit offset', stmt(ok({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+23' } } })), undefined],
  ['negative year', stmt(ok({ Condition: { DateLessThan: { a: '-292275054' } } })), undefined],
  ['epoch seconds', stmt(ok({ Condition: { DateLessThan: { 'aws:EpochTime': '1700000000' } } })), undefined],
  ['policy variables in resources', stmt(ok({ Action: 'iam:ChangePassword', Resource: 'arn:aws:iam::*:user/${aws:username}' })), undefined],
  ['JSON boolean and number condition values', stmt(ok({ Condition: { Bool: { 'aws:SecureTransport': false }, NumericLessThan: { 's3:max-keys': 10 } } })), undefined],
  ['IPv6 condition', stmt(ok({ Condition: { IpAddress: { 'aws:SourceIp': ['2001:db8::/32', '203.0.113.0/24'] } } })), undefined],
  ['2008-10-17 accepted for inline policies', { Version: '2008-10-17', Statement: ok() }, undefined],
  ['no Version accepted for inline policies', { Statement: ok() }, undefined],
  ['ArnLike condition with wildcards', stmt(ok({ Action: ['ec2:AttachVolume'], Resource: ['arn:aws:ec2:*:*:volume/*'], Condition: { ArnEquals: { 'ec2:SourceInstanceARN': 'arn:aws:ec2:*:*:instance/instance-id' } } })), undefined],
  ['IAM root resource', stmt(ok({ Resource: 'arn:aws:iam::123456789012:root' })), undefined],
  ['S3 access point with region', stmt(ok({ Resource: 'arn:aws:s3:us-east-1:123456789012:accesspoint/ap' })), undefined],
];

const IDENTITY_INVALID: Case[] = [
  ['not JSON', 'This is not a json document', 'This policy contains invalid Json'],
  ['a JSON list', [], SYNTAX],
  ['unknown version', { Version: '2013-10-17', Statement: ok() }, SYNTAX],
  ['no Statement', { Version: V }, SYNTAX],
  ['statement that is a string', { Version: V, Statement: ['afd'] }, SYNTAX],
  ['empty statement list', { Version: V, Statement: [] }, SYNTAX],
  ['unknown top-level field', { Version: V, Statement: ok(), 'Extra field': 'value' }, SYNTAX],
  ['unknown statement field', stmt(ok({ 'Extra field': 'value' })), SYNTAX],
  ['Id as a list', { Version: V, Id: ['cd3a324d2343d942772346-34234234423404-4c2242343242349d1642ee'], Statement: ok() }, SYNTAX],
  ['Id as an object', { Version: V, Id: {}, Statement: ok() }, SYNTAX],
  ['unknown effect', stmt(ok({ Effect: 'invalid' })), SYNTAX],
  ['no effect', stmt({ Action: 's3:ListBucket', Resource: BUCKET }), SYNTAX],
  ['Resource as an object', stmt(ok({ Resource: { a: BUCKET } })), SYNTAX],
  ['Resource list with an object', stmt({ Effect: 'Deny', Action: 's3:ListBucket', Resource: ['adfdf', {}] }), SYNTAX],
  ['Resource and NotResource', stmt({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: BUCKET, NotResource: [] }), SYNTAX],
  ['Resource and NotResource *', stmt(ok({ NotResource: '*' })), SYNTAX],
  ['Action with a nested list', stmt({ Effect: 'Deny', Action: [[]], Resource: BUCKET }), SYNTAX],
  ['Action and NotAction', stmt({ Effect: 'Allow', NotAction: 's3s:ListBucket', Action: [], Resource: BUCKET }), SYNTAX],
  ['Action and NotAction with values', stmt({ Effect: 'Allow', NotAction: 's3:ListBucket', Action: 'iam:dsf', Resource: BUCKET }), SYNTAX],
  ['Action as an object', stmt(ok({ Action: {} })), SYNTAX],
  ['Condition as a list', stmt(ok({ Condition: [] })), SYNTAX],
  ['Condition as a string', stmt(ok({ Condition: 'a' })), SYNTAX],
  ['operator block as a string', stmt(ok({ Condition: { a: 'b' } })), SYNTAX],
  ['known operator block as a string', stmt(ok({ Condition: { DateGreaterThan: 'b' } })), SYNTAX],
  ['known operator block as a list', stmt(ok({ Condition: { DateGreaterThan: [] } })), SYNTAX],
  ['condition value as an object', stmt(ok({ Condition: { DateGreaterThan: { a: {} } } })), SYNTAX],
  ['condition value as an object, no action', stmt({ Effect: 'Allow', Resource: BUCKET, Condition: { DateGreaterThan: { a: {} } } }), SYNTAX],
  ['unknown operator', stmt(ok({ Condition: { x: { a: '1' } } })), SYNTAX],
  ['misspelt operator', stmt(ok({ Condition: { StringEqualz: { 'aws:username': 'bob' } } })), SYNTAX],
  ['double colon after the set operator', stmt(ok({ Condition: { 'ForAnyValue::StringEqualsIfExists': { a: 'asf' } } })), SYNTAX],
  ['Null with IfExists', stmt(ok({ Condition: { NullIfExists: { a: 'true' } } })), SYNTAX],
  ['Condition list of blocks', stmt(ok({ Condition: [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': 'Department' } }] })), SYNTAX],
  ['Sid as an object', stmt(ok({ Sid: {} })), SYNTAX],
  ['Sid as a list', stmt(ok({ Sid: [] })), SYNTAX],
  ['Principal', stmt(ok({ Principal: '*' })), 'Policy document should not specify a principal.'],
  ['NotPrincipal', stmt(ok({ NotPrincipal: { AWS: '123456789012' } })), 'Policy document should not specify a principal.'],
  ['effect in the wrong case', stmt(ok({ Effect: 'denY' })), LEGACY],
  ['date that is not a date', stmt(ok({ Condition: { DateGreaterThan: { a: 'sdfdsf' } } })), LEGACY],
  ['bad date before missing actions', stmt({ Effect: 'Allow', Condition: { DateGreaterThan: { a: 'sdfdsf' } } }), LEGACY],
  ['month 13', stmt(ok({ Condition: { DateLessThanEquals: { a: '234-13' } } })), LEGACY],
  ['one-digit offset', stmt(ok({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.593194+1' } } })), LEGACY],
  ['ten-digit fraction', stmt(ok({ Condition: { DateLessThanEquals: { a: '2016-12-13t2:00:00.1999999999+10:59' } } })), LEGACY],
  ['epoch past 2^63-1', stmt(ok({ Condition: { DateLessThan: { a: '9223372036854775808' } } })), LEGACY],
  ['bad date before a bad partition', stmt(ok({ Resource: 'arn:error:s3:::example_bucket', Condition: { DateGreaterThan: { a: 'sdfdsf' } } })), LEGACY],
  ['ARN with too few parts', stmt(ok({ Resource: 'arn:aws:s3::example_bucket' })), LEGACY],
  ['ARN with too few parts, no action', stmt({ Effect: 'Allow', Resource: 'arn:aws:s3::example_bucket' }), LEGACY],
  ['ARN with no service', stmt(ok({ Resource: 'arn:aws::fdsasf' })), LEGACY],
  ['ARN with empty parts', stmt({ Effect: 'Allow', NotAction: 's3:ListBucket', Resource: 'arn:aws::::example_bucket' }), LEGACY],
  ['NotResource with too few parts', stmt({ Effect: 'Allow', Action: 's3:ListBucket', NotResource: 'arn:aws:s3::example_bucket' }), LEGACY],
  ['lower-case effect before a region error', stmt({ Effect: 'allow', Resource: 'arn:aws:s3:us-east-1::example_bucket' }), LEGACY],
  ['effect case before duplicate Sids', { Version: V, Statement: [ok({ Sid: 'sdf', Effect: 'aLLow' }), { Sid: 'sdf', Effect: 'Allow' }] }, LEGACY],
  ['Sid with a dash', stmt(ok({ Sid: 'autogenerated-id' })), 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
  ['Sid with spaces', stmt(ok({ Sid: 'Allow use of KMS' })), 'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*'],
  ['duplicate Sids', { Version: V, Statement: [ok({ Sid: 'sdf' }), { Sid: 'sdf', Effect: 'Allow' }] }, 'Statement IDs (SID) in a single policy must be unique.'],
  ['no Action', stmt({ Effect: 'Allow', Resource: BUCKET }), NO_ACTIONS],
  ['neither Action nor Resource', stmt({ Effect: 'Allow' }), NO_ACTIONS],
  ['empty Action list', stmt(ok({ Action: [] })), NO_ACTIONS],
  ['one statement without actions', { Version: V, Statement: [{ Effect: 'Deny' }, ok()] }, NO_ACTIONS],
  ['no Resource', stmt({ Effect: 'Allow', Action: 's3:ListBucket' }), NO_RESOURCES],
  ['empty Resource list', stmt(ok({ Resource: [] })), NO_RESOURCES],
  ['no Resource before a bad action', stmt({ Effect: 'Allow', Action: 'invalid' }), NO_RESOURCES],
  ['resource that is not an ARN', stmt(ok({ Resource: 'invalid resource' })), 'Resource invalid resource must be in ARN format or "*".'],
  ['empty resource', stmt({ Effect: 'Allow', Action: 's3:ListBucket', Resource: '' }), 'Resource  must be in ARN format or "*".'],
  ['empty resources in two statements', { Version: V, Statement: [ok({ Sid: 'A', Resource: '' }), ok({ Sid: 'B', Resource: '' })] }, 'Resource  must be in ARN format or "*".'],
  ['bad resource before a bad action', stmt({ Effect: 'Allow', Action: 's:3:ListBucket', Resource: 'sdfsadf' }), 'Resource sdfsadf must be in ARN format or "*".'],
  ['bad resource in a list', stmt(ok({ Resource: ['adf'] })), 'Resource adf must be in ARN format or "*".'],
  ['unknown partition, one part', stmt({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:bsdfdsafsad' }), 'Partition "bsdfdsafsad" is not valid for resource "arn:bsdfdsafsad:*:*:*:*".'],
  ['unknown partition, two parts', stmt({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:cadfsdf' }), 'Partition "b" is not valid for resource "arn:b:cadfsdf:*:*:*".'],
  ['unknown partition, many parts', stmt({ Effect: 'Allow', NotAction: 's3s:ListBucket', Resource: 'a:b:c:d:e:f:g:h' }), 'Partition "b" is not valid for resource "arn:b:c:d:e:f:g:h".'],
  ['ARN without arn:', stmt(ok({ Resource: 'aws:s3:::example_bucket' })), 'Partition "s3" is not valid for resource "arn:s3:::example_bucket:*".'],
  ['unknown partition in a list', stmt(ok({ Resource: ['arn:error:s3:::example_bucket', 'arn:error:s3::example_bucket'] })), 'Partition "error" is not valid for resource "arn:error:s3:::example_bucket".'],
  ['ARN without a service', stmt(ok({ Resource: 'arn:aws' })), 'Resource vendor must be fully qualified and cannot contain regexes.'],
  ['IAM ARN with a region', stmt(ok({ Resource: 'arn:aws:iam:us-east-1::example_bucket' })), 'IAM resource arn:aws:iam:us-east-1::example_bucket cannot contain region information.'],
  ['S3 ARN with a region', stmt(ok({ Resource: 'arn:aws:s3:us-east-1::example_bucket' })), 'Resource arn:aws:s3:us-east-1::example_bucket can not contain region information.'],
  ['IAM ARN with an unknown path', stmt(ok({ Resource: 'arn:aws:iam:::example_bucket' })), 'IAM resource path must either be "*", root, or start with user/, federated-user/, role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, saml-provider/, oidc-provider/, report/, access-report/.'],
  ['action without a vendor', stmt(ok({ Action: 'invalid' })), VENDOR],
  ['empty NotAction', stmt({ Effect: 'Allow', NotAction: '', Resource: BUCKET }), VENDOR],
  ['vendor with a space', stmt(ok({ Action: 'a a:ListBucket' })), 'Vendor a a is not valid'],
  ['two colons', stmt(ok({ Action: 's3:List:Bucket' })), 'Actions/Condition can contain only one colon.'],
  ['two colons in a later statement', { Version: V, Statement: [ok({ Action: 's3s:ListBucket' }), ok({ Action: 's:3s:ListBucket' })] }, 'Actions/Condition can contain only one colon.'],
];

const MANAGED: Case[] = [
  ['managed: no Version', { Statement: ok() }, 'Policy document must be version 2012-10-17 or greater.'],
  ['managed: 2008-10-17', { Version: '2008-10-17', Statement: ok() }, 'Policy document must be version 2012-10-17 or greater.'],
  ['managed: Version before duplicate Sids', { Statement: [ok({ Sid: 'sdf' }), { Sid: 'sdf', Effect: 'Allow' }] }, 'Policy document must be version 2012-10-17 or greater.'],
  ['managed: Version before a bad date', { Statement: ok({ Condition: { DateGreaterThan: { a: 'sdfdsf' } } }) }, 'Policy document must be version 2012-10-17 or greater.'],
  ['managed: Version before the effect case', { Statement: ok({ Effect: 'denY' }) }, 'Policy document must be version 2012-10-17 or greater.'],
  ['managed: syntax before Version', { Statement: [] }, SYNTAX],
  ['managed: valid', stmt(ok()), undefined],
];

const trust = (s: object) => ({ Version: V, Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...s }] });
const EC2 = { Service: 'ec2.amazonaws.com' };

const TRUST: Case[] = [
  ['service principal', trust({ Principal: EC2 }), undefined],
  ['account id', trust({ Principal: { AWS: '111122223333' } }), undefined],
  ['account root ARN', trust({ Principal: { AWS: 'arn:aws:iam::111122223333:root' } }), undefined],
  ['user ARNs', trust({ Principal: { AWS: ['arn:aws:iam::111122223333:user/alice', 'arn:aws:iam::111122223333:user/path/bob'] } }), undefined],
  ['role ARN', trust({ Principal: { AWS: 'arn:aws:iam::111122223333:role/Builder' } }), undefined],
  ['assumed-role session ARN', trust({ Principal: { AWS: 'arn:aws:sts::111122223333:assumed-role/Builder/session' } }), undefined],
  ['everyone', trust({ Principal: '*' }), undefined],
  ['every AWS principal', trust({ Principal: { AWS: '*' } }), undefined],
  ['web identity', trust({ Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:123' } } }), undefined],
  ['SAML provider', trust({ Principal: { Federated: 'arn:aws:iam::111122223333:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' }), undefined],
  ['several STS actions', trust({ Principal: EC2, Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'] }), undefined],
  ['sts:* matches the AssumeRole actions', trust({ Principal: EC2, Action: 'sts:*' }), undefined],
  ['external id condition', trust({ Principal: { AWS: '111122223333' }, Condition: { StringEquals: { 'sts:ExternalId': 'abc' } } }), undefined],
  ['Sid with a dash (not checked in trust policies)', trust({ Sid: 'a-b', Principal: EC2 }), undefined],
  ['statement object', { Version: V, Statement: { Effect: 'Allow', Principal: EC2, Action: 'sts:AssumeRole' } }, undefined],
  ['Deny with NotPrincipal', { Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'sts:AssumeRole' }, { Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/alice' }, Action: 'sts:AssumeRole' }] }, undefined],
  ['not JSON', 'not valid json', 'This policy contains invalid Json'],
  ['truncated JSON', '{"Version": "2012-10-17", ', 'This policy contains invalid Json'],
  ['Resource', trust({ Principal: EC2, Resource: BUCKET }), 'Has prohibited field Resource'],
  ['NotResource', trust({ Principal: EC2, NotResource: '*' }), 'Has prohibited field NotResource'],
  ['an STS action that does not exist', trust({ Principal: EC2, Action: 'sts:InvalidAction' }), 'AssumeRole policy may only specify STS AssumeRole actions.'],
  ['a non-STS action', trust({ Principal: EC2, Action: ['sts:AssumeRole', 's3:GetObject'] }), 'AssumeRole policy may only specify STS AssumeRole actions.'],
  ['no Principal', trust({}), 'Missing required field Principal'],
  ['no Effect', { Version: V, Statement: [{ Principal: EC2, Action: 'sts:AssumeRole' }] }, 'Missing required field Effect'],
  ['no Action', { Version: V, Statement: [{ Effect: 'Allow', Principal: EC2 }] }, 'Missing required field Action'],
  ['no Statement', { Version: V }, 'Missing required field Statement'],
  ['lower-case statement field', { Version: V, statement: [{ Effect: 'Allow', Principal: EC2, Action: 'sts:AssumeRole' }] }, 'Unknown field statement'],
  ['unknown top-level field', { probe: 'malformed-not-a-trust-policy' }, 'Unknown field probe'],
  ['unknown statement field', trust({ Principal: EC2, Comment: 'x' }), 'Unknown field Comment'],
  ['unknown version', { Version: '2013-10-17', Statement: [{ Effect: 'Allow', Principal: EC2, Action: 'sts:AssumeRole' }] }, 'The policy must contain a valid version string'],
  ['empty principal', trust({ Principal: {} }), 'Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in policy has a statement with no principals!'],
  ['empty service', trust({ Principal: { Service: '' } }), 'Invalid principal in policy: "SERVICE":""'],
  ['service without a domain', trust({ Principal: { Service: 'lambda' } }), 'Invalid principal in policy: "SERVICE":"lambda"'],
  ['wildcard in a role ARN', trust({ Principal: { AWS: 'arn:aws:iam::111122223333:role/*' } }), 'Invalid principal in policy: "AWS":"arn:aws:iam::111122223333:role/*"'],
  ['AWS value that is not an ARN', trust({ Principal: { AWS: 'bob' } }), 'Invalid principal in policy: "AWS":"bob"'],
  ['unknown principal type', trust({ Principal: { Foo: 'x' } }), 'Invalid principal in policy: "FOO":"x"'],
  ['principal that is a list', trust({ Principal: ['*'] }), SYNTAX],
  ['unknown condition operator', trust({ Principal: EC2, Condition: { StringEqualz: { 'sts:ExternalId': 'a' } } }), 'Invalid Condition type : StringEqualz'],
  ['condition of the wrong shape', trust({ Principal: EC2, Condition: { StringEquals: 'a' } }), SYNTAX],
  ['empty statement list', { Version: V, Statement: [] }, SYNTAX],
];

const RESOURCE: Case[] = [
  ['resource policy', { Version: V, Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, undefined],
  ['resource policy without Principal', { Version: V, Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, 'Missing required field Principal'],
  ['resource policy without Resource', { Version: V, Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' }] }, 'Missing required field Resource'],
];

const OTHER_KINDS: Array<[string, PolicyKind, unknown, string | undefined]> = [
  ['boundary like identity', 'boundary', stmt(ok()), undefined],
  ['boundary with a principal', 'boundary', stmt(ok({ Principal: '*' })), 'Policy document should not specify a principal.'],
  ['session policy like identity', 'session', stmt(ok()), undefined],
  ['session policy without resources', 'session', stmt({ Effect: 'Allow', Action: 's3:*' }), NO_RESOURCES],
];

function text(doc: unknown): string {
  return typeof doc === 'string' ? doc : JSON.stringify(doc);
}

function run(cases: Case[], kind: PolicyKind, options?: { managed?: boolean }) {
  for (const [name, doc, expected] of cases) {
    it(`${name} → ${expected ?? 'valid'}`, () => assert.equal(checkPolicyGrammar(text(doc), kind, options), expected));
  }
}

describe('grammar: identity policies, valid', () => run(IDENTITY_VALID, 'identity'));
describe('grammar: identity policies, malformed', () => run(IDENTITY_INVALID, 'identity'));
describe('grammar: managed policies', () => run(MANAGED, 'identity', { managed: true }));
describe('grammar: trust policies', () => run(TRUST, 'trust'));
describe('grammar: resource-based policies', () => run(RESOURCE, 'resource'));
describe('grammar: boundaries and session policies', () => {
  for (const [name, kind, doc, expected] of OTHER_KINDS) it(name, () => assert.equal(checkPolicyGrammar(text(doc), kind), expected));
});

describe('grammar: documents are only checked', () => {
  it('leaves the document text as given', () => {
    const original = '{ "Version":"2012-10-17",\n "Statement": {"Effect":"Allow","Action":"s3:*","Resource":"*"} }';
    const copy = original.slice();
    assert.equal(checkPolicyGrammar(original, 'identity'), undefined);
    assert.equal(original, copy);
  });
});
