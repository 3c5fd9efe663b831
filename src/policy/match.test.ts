/** Action, resource and policy-variable matching, each case through evaluate() with one identity policy. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from './evaluate.js';
import type { RequestContext } from './types.js';

const ACCT = '123456789012';

function request(over: Partial<RequestContext> = {}): RequestContext {
  return {
    action: 'iam:GetUser',
    resource: `arn:aws:iam::${ACCT}:user/bob`,
    resourceAccount: ACCT,
    principal: { arn: `arn:aws:iam::${ACCT}:user/bob`, account: ACCT, userId: 'AIDAEXAMPLEBOB', userName: 'bob', type: 'User', tags: { team: 'Builders' } },
    values: {},
    ...over,
  };
}

const session = {
  arn: `arn:aws:sts::${ACCT}:assumed-role/Builder/i-0abc`, account: ACCT, userId: 'AROAEXAMPLE:i-0abc', type: 'AssumedRole' as const,
  roleArn: `arn:aws:iam::${ACCT}:role/ci/Builder`, tags: { team: 'CI' },
};

function allows(statement: object, req: RequestContext, version = '2012-10-17'): boolean {
  const document = JSON.stringify({ Version: version, Statement: [{ Effect: 'Allow', ...statement }] });
  return evaluate({ request: req, identityPolicies: [{ id: 'p', document }] }).decision === 'allowed';
}

type Case = [name: string, statement: object, req: RequestContext, expected: boolean];

const ACTIONS: Case[] = [
  ['exact action', { Action: 'iam:GetUser', Resource: '*' }, request(), true],
  ['action in another case', { Action: 'IAM:getuser', Resource: '*' }, request(), true],
  ['request action in another case', { Action: 'iam:GetUser', Resource: '*' }, request({ action: 'IAM:GETUSER' }), true],
  ['other action', { Action: 'iam:GetRole', Resource: '*' }, request(), false],
  ['same action name, other service', { Action: 's3:GetUser', Resource: '*' }, request(), false],
  ['prefix wildcard', { Action: 'iam:Get*', Resource: '*' }, request(), true],
  ['prefix wildcard, other prefix', { Action: 'iam:List*', Resource: '*' }, request(), false],
  ['service wildcard', { Action: 'iam:*', Resource: '*' }, request(), true],
  ['all actions', { Action: '*', Resource: '*' }, request(), true],
  ['? for one character', { Action: 'iam:?etUser', Resource: '*' }, request(), true],
  ['? does not match two characters', { Action: 'iam:?User', Resource: '*' }, request(), false],
  ['wildcard in the middle', { Action: 'iam:Get*r', Resource: '*' }, request(), true],
  ['wildcard in the service prefix', { Action: 'i*:GetUser', Resource: '*' }, request(), true],
  ['no implicit prefix match', { Action: 'iam:Get', Resource: '*' }, request(), false],
  ['action list, one matches', { Action: ['s3:GetObject', 'iam:GetUser'], Resource: '*' }, request(), true],
  ['NotAction excludes the action', { NotAction: 'iam:*', Resource: '*' }, request(), false],
  ['NotAction covers other actions', { NotAction: ['s3:*', 'ec2:*'], Resource: '*' }, request(), true],
  ['NotAction case-insensitive', { NotAction: 'IAM:GETUSER', Resource: '*' }, request(), false],
];

const ROLE = `arn:aws:iam::${ACCT}:role/ci/Builder`;
const RESOURCES: Case[] = [
  ['exact ARN', { Action: '*', Resource: `arn:aws:iam::${ACCT}:user/bob` }, request(), true],
  ['other ARN', { Action: '*', Resource: `arn:aws:iam::${ACCT}:user/alice` }, request(), false],
  ['ARNs are case-sensitive', { Action: '*', Resource: `arn:aws:iam::${ACCT}:user/Bob` }, request(), false],
  ['* resource', { Action: '*', Resource: '*' }, request(), true],
  ['wildcard account and path', { Action: '*', Resource: 'arn:aws:iam::*:role/*' }, request({ resource: ROLE }), true],
  ['role pattern does not match a user', { Action: '*', Resource: 'arn:aws:iam::*:role/*' }, request(), false],
  ['path prefix', { Action: '*', Resource: `arn:aws:iam::${ACCT}:role/ci/*` }, request({ resource: ROLE }), true],
  ['other path', { Action: '*', Resource: `arn:aws:iam::${ACCT}:role/prod/*` }, request({ resource: ROLE }), false],
  ['? in the account', { Action: '*', Resource: 'arn:aws:iam::12345678901?:user/bob' }, request(), true],
  ['wildcard does not span segments', { Action: '*', Resource: 'arn:aws:*:user/bob' }, request(), false],
  ['wildcard region segment', { Action: '*', Resource: `arn:aws:imagebuilder:*:${ACCT}:image/*` }, request({ action: 'imagebuilder:GetImage', resource: `arn:aws:imagebuilder:eu-west-1:${ACCT}:image/x/1.0.0/1` }), true],
  ['empty region does not match a region', { Action: '*', Resource: `arn:aws:imagebuilder::${ACCT}:image/*` }, request({ action: 'imagebuilder:GetImage', resource: `arn:aws:imagebuilder:eu-west-1:${ACCT}:image/x` }), false],
  ['wildcard in every segment', { Action: '*', Resource: 'arn:*:*:*:*:*' }, request(), true],
  ['short pattern reads missing parts as *', { Action: '*', Resource: 'arn:aws:iam' }, request(), true],
  ['short pattern of another service', { Action: '*', Resource: 'arn:aws:s3' }, request(), false],
  ['resource part * spans colons', { Action: '*', Resource: 'arn:aws:s3:::bucket/*' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/a:b/c' }), true],
  ['wildcard in the middle of the resource', { Action: '*', Resource: `arn:aws:iam::${ACCT}:user/*o*` }, request(), true],
  ['ARN pattern does not match the * resource', { Action: '*', Resource: 'arn:aws:iam::*:*' }, request({ resource: '*' }), false],
  ['* matches the * resource', { Action: '*', Resource: '*' }, request({ resource: '*' }), true],
  ['resource list', { Action: '*', Resource: ['arn:aws:s3:::x', `arn:aws:iam::${ACCT}:user/*`] }, request(), true],
  ['NotResource excludes', { Action: '*', NotResource: `arn:aws:iam::${ACCT}:user/*` }, request(), false],
  ['NotResource covers the rest', { Action: '*', NotResource: ['arn:aws:s3:::*'] }, request(), true],
];

const VARIABLES: Case[] = [
  ['${aws:username}', { Action: '*', Resource: 'arn:aws:iam::*:user/${aws:username}' }, request(), true],
  ['${aws:username} of another user', { Action: '*', Resource: 'arn:aws:iam::*:user/${aws:username}' }, request({ resource: `arn:aws:iam::${ACCT}:user/alice` }), false],
  ['variable names are case-insensitive', { Action: '*', Resource: 'arn:aws:iam::*:user/${AWS:UserName}' }, request(), true],
  ['${aws:userid}', { Action: '*', Resource: 'arn:aws:s3:::home/${aws:userid}/*' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::home/AIDAEXAMPLEBOB/f' }), true],
  ['${aws:PrincipalTag/team}', { Action: '*', Resource: 'arn:aws:s3:::${aws:PrincipalTag/team}/*' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::Builders/f' }), true],
  ['${aws:PrincipalTag/...} key in another case', { Action: '*', Resource: 'arn:aws:s3:::${aws:principaltag/TEAM}/*' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::Builders/f' }), true],
  ['${aws:PrincipalAccount}', { Action: '*', Resource: 'arn:aws:iam::${aws:PrincipalAccount}:user/*' }, request(), true],
  ['${aws:PrincipalArn} of a session is its role', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:PrincipalArn}' }, request({ principal: session, action: 's3:GetObject', resource: `arn:aws:s3:::b/${ROLE}` }), true],
  ['any request key', { Action: '*', Resource: 'arn:aws:s3:::b/${s3:prefix}*' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/home/x', values: { 's3:prefix': 'home/' } }), true],
  ['${*} is a literal *', { Action: '*', Resource: 'arn:aws:s3:::b/${*}' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/*' }), true],
  ['${*} is not a wildcard', { Action: '*', Resource: 'arn:aws:s3:::b/${*}' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }), false],
  ['${?} is a literal ?', { Action: '*', Resource: 'arn:aws:s3:::b/${?}' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }), false],
  ['${$} is a literal $', { Action: '*', Resource: 'arn:aws:s3:::b/${$}x' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/$x' }), true],
  ['default used when the key is missing', { Action: '*', Resource: "arn:aws:s3:::b/${aws:username, 'anonymous'}" }, request({ principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::b/anonymous' }), true],
  ['default not used when the key is present', { Action: '*', Resource: "arn:aws:s3:::b/${aws:username, 'anonymous'}" }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/anonymous' }), false],
  ['missing variable does not match', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}' }, request({ principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::b/' }), false],
  ['2008-10-17: variables are literal text', { Action: '*', Resource: 'arn:aws:iam::*:user/${aws:username}' }, request(), false],
  ['variable in a condition value', { Action: '*', Resource: '*', Condition: { StringEquals: { 'iam:ResourceTag/owner': '${aws:username}' } } }, request({ values: { 'iam:ResourceTag/owner': 'bob' } }), true],
  ['variable in a StringLike value', { Action: '*', Resource: '*', Condition: { StringLike: { 's3:prefix': 'home/${aws:username}/*' } } }, request({ values: { 's3:prefix': 'home/bob/docs' } }), true],
  ['variable value is literal in StringLike', { Action: '*', Resource: '*', Condition: { StringLike: { 's3:prefix': '${s3:delimiter}' } } }, request({ values: { 's3:prefix': 'abc', 's3:delimiter': '*' } }), false],
  ['missing variable in a negated condition: statement does not apply', { Action: '*', Resource: '*', Condition: { StringNotEquals: { 'iam:ResourceTag/owner': '${aws:username}' } } }, request({ principal: session, values: { 'iam:ResourceTag/owner': 'x' } }), false],
  ['multivalued key as a variable has no single value', { Action: '*', Resource: 'arn:aws:s3:::b/${aws:TagKeys}' }, request({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/a', values: { 'aws:TagKeys': ['a', 'b'] } }), false],
  ['variable in an ArnLike value', { Action: '*', Resource: '*', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:iam::${aws:PrincipalAccount}:role/*' } } }, request({ values: { 'aws:SourceArn': ROLE } }), true],
];

describe('match: actions', () => {
  for (const [name, statement, req, expected] of ACTIONS) it(`${name} → ${expected}`, () => assert.equal(allows(statement, req), expected));
});

describe('match: resources', () => {
  for (const [name, statement, req, expected] of RESOURCES) it(`${name} → ${expected}`, () => assert.equal(allows(statement, req), expected));
});

describe('match: policy variables', () => {
  for (const [name, statement, req, expected] of VARIABLES) {
    const version = name.startsWith('2008') ? '2008-10-17' : '2012-10-17';
    it(`${name} → ${expected}`, () => assert.equal(allows(statement, req, version), expected));
  }
  it('a literal ${aws:username} matches in a 2008-10-17 document', () => {
    assert.equal(allows({ Action: '*', Resource: 'arn:aws:iam::*:user/${aws:username}' }, request({ resource: `arn:aws:iam::${ACCT}:user/\${aws:username}` }), '2008-10-17'), true);
  });
  it('records the missing variable key', () => {
    const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b/${aws:username}' }] });
    const decision = evaluate({ request: request({ principal: session, action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' }), identityPolicies: [{ id: 'p', document }] });
    assert.deepEqual(decision.missingContextValues, ['aws:username']);
  });
});
