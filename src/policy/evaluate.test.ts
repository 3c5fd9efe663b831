/**
 * The evaluation logic, one case per documented rule (IAM User Guide: "Policy evaluation logic",
 * "Determining whether a request is allowed or denied within an account", "Cross-account policy
 * evaluation logic", "Permissions boundaries", "Session policies", "Access denied error message
 * examples").
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clearPolicyCache, compilePolicy, policyCacheSize } from './compile.js';
import { evaluate } from './evaluate.js';
import type { Decision, EvaluationInput, PolicySource, RequestContext } from './types.js';

const A = '111111111111';
const B = '222222222222';

type Principal = RequestContext['principal'];
const alice: Principal = { arn: `arn:aws:iam::${A}:user/alice`, account: A, userId: 'AIDAALICE', userName: 'alice', type: 'User' };
const builderSession: Principal = {
  arn: `arn:aws:sts::${A}:assumed-role/Builder/build-1`, account: A, userId: 'AROABUILDER:build-1', type: 'AssumedRole', roleArn: `arn:aws:iam::${A}:role/Builder`,
};
const bobInB: Principal = { arn: `arn:aws:iam::${B}:user/bob`, account: B, userId: 'AIDABOB', userName: 'bob', type: 'User' };
const rootA: Principal = { arn: `arn:aws:iam::${A}:root`, account: A, userId: A, type: 'Account' };
const ec2: Principal = { arn: 'ec2.amazonaws.com', account: '', userId: 'ec2.amazonaws.com', type: 'Service' };

const BUCKET_OBJECT = 'arn:aws:s3:::reports/q1.csv';

function policy(id: string, ...statements: object[]): PolicySource {
  return { id, document: JSON.stringify({ Version: '2012-10-17', Statement: statements }) };
}
const allow = (action: string, resource = '*', extra: object = {}) => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
const deny = (action: string, resource = '*', extra: object = {}) => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });
const grant = (principal: unknown, action: string, resource = BUCKET_OBJECT, effect = 'Allow') => ({ Effect: effect, Principal: principal, Action: action, Resource: resource });
const trustOf = (principal: unknown, extra: object = {}) => ({ id: 'trust', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole', ...extra }] }) });

function req(principal: Principal, action = 's3:GetObject', resource = BUCKET_OBJECT, resourceAccount = A, values: RequestContext['values'] = {}): RequestContext {
  return { action, resource, resourceAccount, principal, values };
}

type Expect = { decision: Decision['decision']; reason?: string };
type Case = [name: string, input: EvaluationInput, expected: Expect];

const noIdentity = (a: string) => `because no identity-based policy allows the ${a} action`;
const noBoundary = (a: string) => `because no permissions boundary allows the ${a} action`;
const noSession = (a: string) => `because no session policy allows the ${a} action`;
const noResource = (a: string) => `because no resource-based policy allows the ${a} action`;
const ALLOWED: Expect = { decision: 'allowed' };
const GET = 's3:GetObject';

const SAME_ACCOUNT: Case[] = [
  ['no policies: implicit deny', { request: req(alice), identityPolicies: [] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['identity policy allows', { request: req(alice), identityPolicies: [policy('p', allow('s3:Get*'))] }, ALLOWED],
  ['identity policy allows another action only', { request: req(alice), identityPolicies: [policy('p', allow('s3:PutObject'))] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['explicit deny beats an allow in the same policy', { request: req(alice), identityPolicies: [policy('p', allow('s3:*'), deny(GET))] }, { decision: 'explicitDeny', reason: 'with an explicit deny in an identity-based policy' }],
  ['explicit deny in another policy wins', { request: req(alice), identityPolicies: [policy('p1', allow('*')), policy('p2', deny('s3:*', 'arn:aws:s3:::reports/*'))] }, { decision: 'explicitDeny', reason: 'with an explicit deny in an identity-based policy' }],
  ['deny with NotAction leaves listed actions alone', { request: req(alice), identityPolicies: [policy('p', allow('*'), { Effect: 'Deny', NotAction: 's3:Get*', Resource: '*' })] }, ALLOWED],
  ['deny whose condition fails does not apply', { request: req(alice, GET, BUCKET_OBJECT, A, { 'aws:SecureTransport': 'true' }), identityPolicies: [policy('p', allow('*'), deny('*', '*', { Condition: { Bool: { 'aws:SecureTransport': 'false' } } }))] }, ALLOWED],
  ['account root is allowed in its own account', { request: req(rootA), identityPolicies: [] }, ALLOWED],
  ['a Principal element in an identity policy is ignored', { request: req(alice), identityPolicies: [policy('p', { ...allow('*'), Principal: '*' })] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['an unparsable policy allows nothing', { request: req(alice), identityPolicies: [{ id: 'bad', document: '{"Statement": ' }] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['an effect in the wrong case grants nothing', { request: req(alice), identityPolicies: [policy('p', { ...allow('*'), Effect: 'allow' })] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
];

const BOUNDARY: Case[] = [
  ['boundary and identity both allow', { request: req(alice), identityPolicies: [policy('p', allow('s3:*'))], permissionsBoundary: policy('b', allow('s3:Get*')) }, ALLOWED],
  ['boundary does not allow: the intersection is empty', { request: req(alice), identityPolicies: [policy('p', allow('s3:*'))], permissionsBoundary: policy('b', allow('ec2:*')) }, { decision: 'implicitDeny', reason: noBoundary(GET) }],
  ['boundary allows but no identity policy does: a boundary grants nothing', { request: req(alice), identityPolicies: [], permissionsBoundary: policy('b', allow('*')) }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['explicit deny in the boundary', { request: req(alice), identityPolicies: [policy('p', allow('*'))], permissionsBoundary: policy('b', allow('*'), deny(GET)) }, { decision: 'explicitDeny', reason: 'with an explicit deny in a permissions boundary' }],
  ['denies in several policy types: the message names one, identity-based first', { request: req(alice), identityPolicies: [policy('p', deny('*'))], permissionsBoundary: policy('b', deny('*')) }, { decision: 'explicitDeny', reason: 'with an explicit deny in an identity-based policy' }],
  ['denies in a boundary and a resource policy: the resource-based one is named', { request: req(alice), identityPolicies: [policy('p', allow('*'))], resourcePolicies: [policy('bucket', grant('*', GET, BUCKET_OBJECT, 'Deny'))], permissionsBoundary: policy('b', deny('*')) }, { decision: 'explicitDeny', reason: 'with an explicit deny in a resource-based policy' }],
  ['boundary limits a grant to the role ARN in a resource policy', { request: req(builderSession), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: `arn:aws:iam::${A}:role/Builder` }, GET))], permissionsBoundary: policy('b', allow('ec2:*')) }, { decision: 'implicitDeny', reason: noBoundary(GET) }],
  ['boundary does not limit a grant to the user ARN in a resource policy', { request: req(alice), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: alice.arn }, GET))], permissionsBoundary: policy('b', allow('ec2:*')) }, ALLOWED],
];

const SESSION: Case[] = [
  ['role and session policy both allow', { request: req(builderSession), identityPolicies: [policy('role', allow('s3:*'))], sessionPolicies: [policy('s', allow(GET))] }, ALLOWED],
  ['session policy does not allow', { request: req(builderSession), identityPolicies: [policy('role', allow('s3:*'))], sessionPolicies: [policy('s', allow('s3:PutObject'))] }, { decision: 'implicitDeny', reason: noSession(GET) }],
  ['session policy allows but the role does not: session policies grant nothing', { request: req(builderSession), identityPolicies: [], sessionPolicies: [policy('s', allow('*'))] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['explicit deny in a session policy', { request: req(builderSession), identityPolicies: [policy('role', allow('*'))], sessionPolicies: [policy('s', allow('*'), deny('s3:*'))] }, { decision: 'explicitDeny', reason: 'with an explicit deny in a session policy' }],
  ['an empty list of session policies is no session policy', { request: req(builderSession), identityPolicies: [policy('role', allow('*'))], sessionPolicies: [] }, ALLOWED],
  ['session policy limits a grant to the role ARN', { request: req(builderSession), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: `arn:aws:iam::${A}:role/Builder` }, GET))], sessionPolicies: [policy('s', allow('ec2:*'))] }, { decision: 'implicitDeny', reason: noSession(GET) }],
  ['session policy does not limit a grant to the session ARN', { request: req(builderSession), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: builderSession.arn }, GET))], sessionPolicies: [policy('s', allow('ec2:*'))] }, ALLOWED],
  ['boundary and session policy: both must allow', { request: req(builderSession), identityPolicies: [policy('role', allow('*'))], permissionsBoundary: policy('b', allow('s3:*')), sessionPolicies: [policy('s', allow('s3:GetObject'))] }, ALLOWED],
];

const RESOURCE: Case[] = [
  ['same account: resource policy naming the user is enough', { request: req(alice), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: alice.arn }, GET))] }, ALLOWED],
  ['same account: resource policy naming the role is enough for its session', { request: req(builderSession), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: `arn:aws:iam::${A}:role/Builder` }, GET))] }, ALLOWED],
  ['same account: resource policy open to everyone', { request: req(alice), identityPolicies: [], resourcePolicies: [policy('bucket', grant('*', GET))] }, ALLOWED],
  ['same account: resource policy naming the account needs an identity allow', { request: req(alice), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: A }, GET))] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['same account: account grant plus identity allow', { request: req(alice), identityPolicies: [policy('p', allow(GET))], resourcePolicies: [policy('bucket', grant({ AWS: `arn:aws:iam::${A}:root` }, GET))] }, ALLOWED],
  ['same account: identity allow alone is enough', { request: req(alice), identityPolicies: [policy('p', allow(GET))], resourcePolicies: [policy('bucket', grant({ AWS: bobInB.arn }, GET))] }, ALLOWED],
  ['resource policy naming someone else grants nothing', { request: req(alice), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: `arn:aws:iam::${A}:user/carol` }, GET))] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['explicit deny in a resource policy beats an identity allow', { request: req(alice), identityPolicies: [policy('p', allow('*'))], resourcePolicies: [policy('bucket', grant('*', 's3:*', BUCKET_OBJECT, 'Deny'))] }, { decision: 'explicitDeny', reason: 'with an explicit deny in a resource-based policy' }],
  ['NotPrincipal deny spares the named principal', { request: req(alice), identityPolicies: [policy('p', allow('*'))], resourcePolicies: [policy('bucket', { Effect: 'Deny', NotPrincipal: { AWS: alice.arn }, Action: 's3:*', Resource: BUCKET_OBJECT })] }, ALLOWED],
  ['NotPrincipal deny hits everyone else', { request: req(bobInB, GET, BUCKET_OBJECT, A), identityPolicies: [policy('p', allow('*'))], resourcePolicies: [policy('bucket', grant('*', GET), { Effect: 'Deny', NotPrincipal: { AWS: alice.arn }, Action: 's3:*', Resource: BUCKET_OBJECT })] }, { decision: 'explicitDeny', reason: 'with an explicit deny in a resource-based policy' }],
];

const CROSS_ACCOUNT: Case[] = [
  ['cross-account: identity allow alone is not enough', { request: req(bobInB), identityPolicies: [policy('p', allow('*'))] }, { decision: 'implicitDeny', reason: noResource(GET) }],
  ['cross-account: resource allow alone is not enough', { request: req(bobInB), identityPolicies: [], resourcePolicies: [policy('bucket', grant({ AWS: bobInB.arn }, GET))] }, { decision: 'implicitDeny', reason: noIdentity(GET) }],
  ['cross-account: both allow', { request: req(bobInB), identityPolicies: [policy('p', allow(GET))], resourcePolicies: [policy('bucket', grant({ AWS: bobInB.arn }, GET))] }, ALLOWED],
  ['cross-account: resource policy naming the account, with identity allow', { request: req(bobInB), identityPolicies: [policy('p', allow(GET))], resourcePolicies: [policy('bucket', grant({ AWS: B }, GET))] }, ALLOWED],
  ['cross-account: the caller\'s boundary still applies', { request: req(bobInB), identityPolicies: [policy('p', allow(GET))], permissionsBoundary: policy('b', allow('ec2:*')), resourcePolicies: [policy('bucket', grant({ AWS: B }, GET))] }, { decision: 'implicitDeny', reason: noBoundary(GET) }],
  ['cross-account: explicit deny in the caller\'s account', { request: req(bobInB), identityPolicies: [policy('p', allow(GET), deny(GET))], resourcePolicies: [policy('bucket', grant('*', GET))] }, { decision: 'explicitDeny', reason: 'with an explicit deny in an identity-based policy' }],
];

const ROLE_A = `arn:aws:iam::${A}:role/Deployer`;
const ASSUME = 'sts:AssumeRole';
const assume = (principal: Principal, trust: PolicySource, identity: PolicySource[] = [], resourceAccount = A, values = {}): EvaluationInput => ({
  request: req(principal, ASSUME, ROLE_A, resourceAccount, values), identityPolicies: identity, resourcePolicies: [trust],
});
const mayAssume = policy('assume', allow(ASSUME, ROLE_A));

const TRUST: Case[] = [
  ['service principal named in the trust policy', assume(ec2, trustOf({ Service: 'ec2.amazonaws.com' })), ALLOWED],
  ['service principal list', assume(ec2, trustOf({ Service: ['lambda.amazonaws.com', 'ec2.amazonaws.com'] })), ALLOWED],
  ['another service', assume(ec2, trustOf({ Service: 'lambda.amazonaws.com' })), { decision: 'implicitDeny', reason: noResource(ASSUME) }],
  ['"*" trusts everyone', assume(bobInB, trustOf('*'), [mayAssume]), ALLOWED],
  ['{"AWS": "*"} trusts every AWS principal', assume(bobInB, trustOf({ AWS: '*' }), [mayAssume]), ALLOWED],
  ['account id: same-account user with sts:AssumeRole allowed', assume(alice, trustOf({ AWS: A }), [mayAssume]), ALLOWED],
  ['account id: same-account user without an identity allow', assume(alice, trustOf({ AWS: A })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['account root ARN: cross-account user with an identity allow', assume(bobInB, trustOf({ AWS: `arn:aws:iam::${B}:root` }), [mayAssume]), ALLOWED],
  ['account root ARN of another account', assume(bobInB, trustOf({ AWS: `arn:aws:iam::${A}:root` }), [mayAssume]), { decision: 'implicitDeny', reason: noResource(ASSUME) }],
  ['user ARN, same account: trust alone is enough', assume(alice, trustOf({ AWS: alice.arn })), ALLOWED],
  ['user ARN of another user', assume(alice, trustOf({ AWS: `arn:aws:iam::${A}:user/carol` })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['user ARN, cross-account: the caller\'s account must allow too', assume(bobInB, trustOf({ AWS: bobInB.arn })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['role ARN matches the role\'s sessions (role chaining)', assume(builderSession, trustOf({ AWS: `arn:aws:iam::${A}:role/Builder` })), ALLOWED],
  ['role ARN matches by name when the session does not carry its role ARN', assume({ ...builderSession, roleArn: undefined }, trustOf({ AWS: `arn:aws:iam::${A}:role/Builder` })), ALLOWED],
  ['role ARN with a path vs the session\'s role ARN without', assume(builderSession, trustOf({ AWS: `arn:aws:iam::${A}:role/team/Builder` })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['another role\'s ARN', assume(builderSession, trustOf({ AWS: `arn:aws:iam::${A}:role/Other` })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['role ARN does not match a user', assume(alice, trustOf({ AWS: `arn:aws:iam::${A}:role/Builder` })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['assumed-role session ARN matches that session', assume(builderSession, trustOf({ AWS: builderSession.arn })), ALLOWED],
  ['assumed-role session ARN does not match another session', assume({ ...builderSession, arn: `arn:aws:sts::${A}:assumed-role/Builder/build-2` }, trustOf({ AWS: builderSession.arn })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['Federated provider for web identity', assume({ arn: 'accounts.google.com:123', account: A, userId: 'accounts.google.com:123', type: 'FederatedUser', federatedProvider: 'accounts.google.com' }, trustOf({ Federated: 'accounts.google.com' }, { Action: 'sts:AssumeRoleWithWebIdentity' })), { decision: 'implicitDeny', reason: noIdentity(ASSUME) }],
  ['external id condition holds', assume(bobInB, trustOf({ AWS: B }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } }), [mayAssume], A, { 'sts:ExternalId': 'x-1' }), ALLOWED],
  ['external id missing', assume(bobInB, trustOf({ AWS: B }, { Condition: { StringEquals: { 'sts:ExternalId': 'x-1' } } }), [mayAssume]), { decision: 'implicitDeny', reason: noResource(ASSUME) }],
  ['explicit deny in the trust policy', assume(alice, { id: 't', document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: A }, Action: ASSUME }, { Effect: 'Deny', Principal: { AWS: alice.arn }, Action: ASSUME }] }) }, [mayAssume]), { decision: 'explicitDeny', reason: 'with an explicit deny in a resource-based policy' }],
];

// Web identity: the request is about sts:AssumeRoleWithWebIdentity.
TRUST.push(['Federated provider, AssumeRoleWithWebIdentity', {
  request: req({ arn: 'accounts.google.com:123', account: A, userId: 'accounts.google.com:123', type: 'FederatedUser', federatedProvider: 'accounts.google.com' }, 'sts:AssumeRoleWithWebIdentity', ROLE_A),
  identityPolicies: [], resourcePolicies: [trustOf({ Federated: 'accounts.google.com' }, { Action: 'sts:AssumeRoleWithWebIdentity' })],
}, ALLOWED]);

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const [name, input, expected] of cases) {
      it(`${name} → ${expected.decision}`, () => {
        const d = evaluate(input);
        assert.equal(d.decision, expected.decision);
        assert.equal(d.reason, expected.reason);
      });
    }
  });
}

table('evaluate: within one account', SAME_ACCOUNT);
table('evaluate: permissions boundaries', BOUNDARY);
table('evaluate: session policies', SESSION);
table('evaluate: resource-based policies', RESOURCE);
table('evaluate: cross-account', CROSS_ACCOUNT);
table('evaluate: role trust policies (sts:AssumeRole)', TRUST);

describe('evaluate: the decision record', () => {
  it('names the denying statements with their Sid, position and source', () => {
    const d = evaluate({ request: req(alice), identityPolicies: [policy('p1', allow('*')), policy('p2', allow('*'), { ...deny('s3:*'), Sid: 'NoS3' })] });
    assert.deepEqual(d.matchedStatements, [{ policyId: 'p2', sid: 'NoS3', index: 1, effect: 'Deny', source: 'identity' }]);
  });
  it('names the allowing statements of every policy type', () => {
    const d = evaluate({ request: req(builderSession), identityPolicies: [policy('role', allow('s3:*'))], sessionPolicies: [policy('s', allow(GET))] });
    assert.deepEqual(d.matchedStatements.map((m) => `${m.source}:${m.policyId}:${m.index}`), ['identity:role:0', 'session:s:0']);
  });
  it('gathers missing context keys across policies', () => {
    const d = evaluate({
      request: req(alice), identityPolicies: [
        policy('p1', allow('*', '*', { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })),
        policy('p2', allow('*', '*', { Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } })),
      ],
    });
    assert.deepEqual(d.missingContextValues, ['aws:SourceVpc', 'aws:MultiFactorAuthPresent']);
  });
  it('allowed decisions carry no reason', () => {
    assert.equal(evaluate({ request: req(alice), identityPolicies: [policy('p', allow('*'))] }).reason, undefined);
  });
});

describe('evaluate: compiled policies', () => {
  it('compiles each distinct text once', () => {
    clearPolicyCache();
    const text = policy('p', allow('*')).document;
    assert.equal(compilePolicy(text), compilePolicy(text.slice()));
    assert.equal(policyCacheSize(), 1);
  });
  it('uses a precompiled policy handed in with the source', () => {
    const source = policy('p', allow(GET));
    const d = evaluate({ request: req(alice), identityPolicies: [{ ...source, compiled: compilePolicy(source.document) }] });
    assert.equal(d.decision, 'allowed');
  });
  it('ignores a precompiled policy of another text', () => {
    const stale = compilePolicy(policy('old', allow('*')).document);
    const d = evaluate({ request: req(alice), identityPolicies: [{ ...policy('p', allow('ec2:*')), compiled: stale }] });
    assert.equal(d.decision, 'implicitDeny');
  });
  it('keeps the cache bounded', () => {
    clearPolicyCache();
    for (let i = 0; i < 12_000; i++) compilePolicy(policy(`p${i}`, allow(`s3:Get${i}`)).document);
    assert.ok(policyCacheSize() <= 10_000, `cache holds ${policyCacheSize()}`);
    clearPolicyCache();
  });
});
