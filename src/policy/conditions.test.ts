/** Condition operators, one table row per case: the Condition element, the request's keys, whether it holds. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate } from './evaluate.js';
import type { ConditionValues, Decision } from './types.js';

const ACCT = '123456789012';

function decide(condition: object, values: ConditionValues): Decision {
  const document = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetUser', Resource: '*', Condition: condition }] });
  return evaluate({
    request: {
      action: 'iam:GetUser', resource: `arn:aws:iam::${ACCT}:user/bob`, resourceAccount: ACCT, values,
      principal: { arn: `arn:aws:iam::${ACCT}:user/bob`, account: ACCT, userId: 'AIDAEXAMPLE', userName: 'bob', type: 'User' },
    },
    identityPolicies: [{ id: 'p', document }],
  });
}

const holds = (condition: object, values: ConditionValues) => decide(condition, values).decision === 'allowed';

type Case = [name: string, condition: object, values: ConditionValues, expected: boolean];

const K = 'iam:ResourceTag/env';
const one = (op: string, policy: unknown, request: string | string[] | undefined): [object, ConditionValues] => [{ [op]: { [K]: policy } }, request === undefined ? {} : { [K]: request }];
const row = (name: string, op: string, policy: unknown, request: string | string[] | undefined, expected: boolean): Case => {
  const [condition, values] = one(op, policy, request);
  return [name, condition, values, expected];
};

const STRING: Case[] = [
  row('StringEquals same', 'StringEquals', 'prod', 'prod', true),
  row('StringEquals is case-sensitive', 'StringEquals', 'prod', 'Prod', false),
  row('StringEquals, one of several values (OR)', 'StringEquals', ['dev', 'prod'], 'prod', true),
  row('StringEquals, none of several values', 'StringEquals', ['dev', 'test'], 'prod', false),
  row('StringEquals * is literal', 'StringEquals', 'p*', 'prod', false),
  row('StringNotEquals other', 'StringNotEquals', 'prod', 'dev', true),
  row('StringNotEquals same', 'StringNotEquals', 'prod', 'prod', false),
  row('StringNotEquals, one of several values', 'StringNotEquals', ['dev', 'prod'], 'prod', false),
  row('StringEqualsIgnoreCase', 'StringEqualsIgnoreCase', 'PROD', 'prod', true),
  row('StringEqualsIgnoreCase other', 'StringEqualsIgnoreCase', 'PROD', 'dev', false),
  row('StringNotEqualsIgnoreCase same but case', 'StringNotEqualsIgnoreCase', 'PROD', 'prod', false),
  row('StringNotEqualsIgnoreCase other', 'StringNotEqualsIgnoreCase', 'PROD', 'dev', true),
  row('StringLike *', 'StringLike', 'pr*', 'prod', true),
  row('StringLike ?', 'StringLike', 'pro?', 'prod', true),
  row('StringLike is case-sensitive', 'StringLike', 'PR*', 'prod', false),
  row('StringLike no match', 'StringLike', 'dev*', 'prod', false),
  row('StringNotLike match', 'StringNotLike', 'pr*', 'prod', false),
  row('StringNotLike no match', 'StringNotLike', 'dev*', 'prod', true),
  row('JSON number as a string value', 'StringEquals', 10, '10', true),
];

const NUMERIC: Case[] = [
  row('NumericEquals', 'NumericEquals', '10', '10', true),
  row('NumericEquals other', 'NumericEquals', '10', '11', false),
  row('NumericEquals, number forms', 'NumericEquals', '10', '10.0', true),
  row('NumericNotEquals', 'NumericNotEquals', '10', '11', true),
  row('NumericNotEquals same', 'NumericNotEquals', '10', '10', false),
  row('NumericLessThan', 'NumericLessThan', '10', '9', true),
  row('NumericLessThan equal', 'NumericLessThan', '10', '10', false),
  row('NumericLessThanEquals equal', 'NumericLessThanEquals', '10', '10', true),
  row('NumericLessThanEquals greater', 'NumericLessThanEquals', '10', '11', false),
  row('NumericGreaterThan', 'NumericGreaterThan', '10', '10.5', true),
  row('NumericGreaterThan equal', 'NumericGreaterThan', '10', '10', false),
  row('NumericGreaterThanEquals equal', 'NumericGreaterThanEquals', '10', '10', true),
  row('NumericGreaterThanEquals less', 'NumericGreaterThanEquals', '10', '-3', false),
  row('Numeric, request value not a number', 'NumericLessThan', '10', 'ten', false),
  row('Numeric, JSON number policy value', 'NumericLessThan', 10, '3', true),
];

const T = '2024-06-15T12:00:00Z';
const DATE: Case[] = [
  row('DateEquals ISO', 'DateEquals', T, T, true),
  row('DateEquals ISO vs epoch', 'DateEquals', T, String(Date.parse(T) / 1000), true),
  row('DateEquals with an offset', 'DateEquals', T, '2024-06-15T14:00:00+02:00', true),
  row('DateEquals other', 'DateEquals', T, '2024-06-15T12:00:01Z', false),
  row('DateNotEquals', 'DateNotEquals', T, '2024-06-16T12:00:00Z', true),
  row('DateNotEquals same', 'DateNotEquals', T, T, false),
  row('DateLessThan', 'DateLessThan', T, '2024-06-15T11:59:59Z', true),
  row('DateLessThan equal', 'DateLessThan', T, T, false),
  row('DateLessThanEquals equal', 'DateLessThanEquals', T, T, true),
  row('DateGreaterThan', 'DateGreaterThan', T, '2025-01-01T00:00:00Z', true),
  row('DateGreaterThan earlier', 'DateGreaterThan', T, '2020-01-01', false),
  row('DateGreaterThanEquals equal', 'DateGreaterThanEquals', T, T, true),
  row('Date, epoch policy value', 'DateLessThan', '1718452800', '2024-06-15T11:00:00Z', true),
  row('Date, date-only policy value', 'DateGreaterThan', '2024-06-15', '2024-06-15T00:00:01Z', true),
  row('Date, fractional seconds', 'DateLessThan', '2024-06-15T12:00:00.500Z', '2024-06-15T12:00:00.250Z', true),
  row('Date, request value not a date', 'DateLessThan', T, 'yesterday', false),
];

const BOOL_BINARY: Case[] = [
  row('Bool true', 'Bool', 'true', 'true', true),
  row('Bool is case-insensitive', 'Bool', 'true', 'TRUE', true),
  row('Bool mismatch', 'Bool', 'true', 'false', false),
  row('Bool JSON boolean', 'Bool', false, 'false', true),
  row('BinaryEquals', 'BinaryEquals', 'QmluYXJ5VmFsdWU=', 'QmluYXJ5VmFsdWU=', true),
  row('BinaryEquals other', 'BinaryEquals', 'QmluYXJ5VmFsdWU=', 'T3RoZXI=', false),
];

const IP: Case[] = [
  row('IPv4 in CIDR', 'IpAddress', '203.0.113.0/24', '203.0.113.77', true),
  row('IPv4 outside CIDR', 'IpAddress', '203.0.113.0/24', '203.0.114.1', false),
  row('IPv4 single address', 'IpAddress', '203.0.113.5', '203.0.113.5', true),
  row('IPv4 single address, other', 'IpAddress', '203.0.113.5', '203.0.113.6', false),
  row('IPv4 /0', 'IpAddress', '0.0.0.0/0', '8.8.8.8', true),
  row('IPv4 /9 boundary', 'IpAddress', '10.128.0.0/9', '10.127.255.255', false),
  row('one of several ranges', 'IpAddress', ['10.0.0.0/8', '192.168.0.0/16'], '192.168.4.2', true),
  row('IPv6 in CIDR', 'IpAddress', '2001:db8::/32', '2001:db8:1234::1', true),
  row('IPv6 outside CIDR', 'IpAddress', '2001:db8::/32', '2001:db9::1', false),
  row('IPv6 full form', 'IpAddress', '2001:DB8:0:0:0:0:0:0/64', '2001:db8::abcd', true),
  row('IPv6 /127', 'IpAddress', '2001:db8::/127', '2001:db8::1', true),
  row('IPv6 /127 outside', 'IpAddress', '2001:db8::/127', '2001:db8::2', false),
  row('IPv6 with IPv4 tail', 'IpAddress', '::ffff:192.0.2.0/120', '::ffff:192.0.2.9', true),
  row('IPv4 request vs IPv6 range', 'IpAddress', '2001:db8::/32', '203.0.113.1', false),
  row('NotIpAddress outside', 'NotIpAddress', '203.0.113.0/24', '198.51.100.1', true),
  row('NotIpAddress inside', 'NotIpAddress', '203.0.113.0/24', '203.0.113.1', false),
  row('request value not an address', 'IpAddress', '0.0.0.0/0', 'localhost', false),
];

const ROLE = `arn:aws:iam::${ACCT}:role/ci/Builder`;
const ARN: Case[] = [
  row('ArnEquals exact', 'ArnEquals', ROLE, ROLE, true),
  row('ArnEquals with wildcards', 'ArnEquals', 'arn:aws:iam::*:role/ci/*', ROLE, true),
  row('ArnLike per segment', 'ArnLike', 'arn:aws:iam::1234567890??:role/*', ROLE, true),
  row('ArnLike wildcard does not span segments', 'ArnLike', 'arn:aws:*:role/ci/Builder', ROLE, false),
  row('ArnLike is case-sensitive', 'ArnLike', 'arn:aws:iam::*:role/CI/*', ROLE, false),
  row('ArnNotEquals other', 'ArnNotEquals', 'arn:aws:iam::*:role/prod/*', ROLE, true),
  row('ArnNotLike match', 'ArnNotLike', 'arn:aws:iam::*:role/*', ROLE, false),
  row('ArnLike, request value not an ARN', 'ArnLike', 'arn:aws:iam::*:role/*', 'Builder', false),
];

const MISSING: Case[] = [
  row('positive operator, key missing', 'StringEquals', 'prod', undefined, false),
  row('StringNotEquals, key missing', 'StringNotEquals', 'prod', undefined, true),
  row('StringNotLike, key missing', 'StringNotLike', 'prod', undefined, true),
  row('NotIpAddress, key missing', 'NotIpAddress', '10.0.0.0/8', undefined, true),
  row('ArnNotLike, key missing', 'ArnNotLike', ROLE, undefined, true),
  row('NumericLessThan, key missing', 'NumericLessThan', '1', undefined, false),
  row('IfExists, key missing', 'StringEqualsIfExists', 'prod', undefined, true),
  row('IfExists, key present and matching', 'StringEqualsIfExists', 'prod', 'prod', true),
  row('IfExists, key present and not matching', 'StringEqualsIfExists', 'prod', 'dev', false),
  row('NumericLessThanIfExists, key missing', 'NumericLessThanIfExists', '5', undefined, true),
  row('Null true, key missing', 'Null', 'true', undefined, true),
  row('Null true, key present', 'Null', 'true', 'x', false),
  row('Null false, key present', 'Null', 'false', 'x', true),
  row('Null false, key missing', 'Null', 'false', undefined, false),
];

const SETS: Case[] = [
  row('ForAnyValue, one matches', 'ForAnyValue:StringEquals', ['a', 'b'], ['x', 'b'], true),
  row('ForAnyValue, none matches', 'ForAnyValue:StringEquals', ['a', 'b'], ['x', 'y'], false),
  row('ForAnyValue, empty set', 'ForAnyValue:StringEquals', ['a'], [], false),
  row('ForAnyValue, key missing', 'ForAnyValue:StringEquals', ['a'], undefined, false),
  row('ForAllValues, all in the set', 'ForAllValues:StringEquals', ['a', 'b', 'c'], ['a', 'c'], true),
  row('ForAllValues, one outside', 'ForAllValues:StringEquals', ['a', 'b'], ['a', 'z'], false),
  row('ForAllValues, empty set', 'ForAllValues:StringEquals', ['a'], [], true),
  row('ForAllValues, key missing', 'ForAllValues:StringEquals', ['a'], undefined, true),
  row('ForAllValues with StringLike', 'ForAllValues:StringLike', ['team-*'], ['team-a', 'team-b'], true),
  row('ForAnyValue:StringNotEquals, one outside', 'ForAnyValue:StringNotEquals', ['a', 'b'], ['a', 'z'], true),
  row('ForAnyValue:StringNotEquals, all inside', 'ForAnyValue:StringNotEquals', ['a', 'b'], ['a', 'b'], false),
  row('ForAllValues:StringNotEquals, none inside', 'ForAllValues:StringNotEquals', ['a'], ['x', 'y'], true),
  row('ForAllValues:StringNotEquals, one inside', 'ForAllValues:StringNotEquals', ['a'], ['x', 'a'], false),
  row('multivalued key without a set operator: any', 'StringEquals', 'b', ['a', 'b'], true),
  row('multivalued key, negated without a set operator: none', 'StringNotEquals', 'b', ['a', 'b'], false),
];

const COMBINED: Case[] = [
  ['two keys under one operator: both must hold', { StringEquals: { 'aws:PrincipalTag/a': '1', 'aws:PrincipalTag/b': '2' } }, { 'aws:PrincipalTag/a': '1', 'aws:PrincipalTag/b': '3' }, false],
  ['two keys under one operator: both hold', { StringEquals: { 'aws:PrincipalTag/a': '1', 'aws:PrincipalTag/b': '2' } }, { 'aws:PrincipalTag/a': '1', 'aws:PrincipalTag/b': '2' }, true],
  ['two operators: both must hold', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'false' }, false],
  ['two operators: both hold', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' }, Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:RequestedRegion': 'eu-west-1', 'aws:SecureTransport': 'true' }, true],
  ['key names are case-insensitive (policy)', { StringEquals: { 'AWS:REQUESTEDREGION': 'eu-west-1' } }, { 'aws:RequestedRegion': 'eu-west-1' }, true],
  ['key names are case-insensitive (request)', { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } }, { 'AWS:requestedregion': 'eu-west-1' }, true],
  ['unknown operator never holds', { StringEqualz: { 'aws:RequestedRegion': 'eu-west-1' } }, { 'aws:RequestedRegion': 'eu-west-1' }, false],
  ['aws:username from the principal', { StringEquals: { 'aws:username': 'bob' } }, {}, true],
  ['aws:PrincipalAccount from the principal', { StringEquals: { 'aws:PrincipalAccount': ACCT } }, {}, true],
  ['aws:PrincipalType from the principal', { StringEquals: { 'aws:PrincipalType': 'User' } }, {}, true],
  ['aws:ResourceAccount from the request', { StringEquals: { 'aws:ResourceAccount': ACCT } }, {}, true],
];

function table(title: string, cases: Case[]) {
  describe(title, () => {
    for (const [name, condition, values, expected] of cases) it(`${name} → ${expected}`, () => assert.equal(holds(condition, values), expected));
  });
}

table('conditions: String operators', STRING);
table('conditions: Numeric operators', NUMERIC);
table('conditions: Date operators', DATE);
table('conditions: Bool and BinaryEquals', BOOL_BINARY);
table('conditions: IpAddress / NotIpAddress', IP);
table('conditions: Arn operators', ARN);
table('conditions: missing keys, IfExists, Null', MISSING);
table('conditions: ForAnyValue / ForAllValues', SETS);
table('conditions: several keys and operators', COMBINED);

describe('conditions: missingContextValues', () => {
  it('lists each key asked for and not carried, as written in the policy, once', () => {
    const d = decide({ StringEquals: { 'aws:RequestedRegion': 'x', 'aws:SourceVpc': 'vpc-1' }, StringNotEquals: { 'AWS:SOURCEVPC': 'vpc-2' } }, { 'aws:RequestedRegion': 'x' });
    assert.deepEqual(d.missingContextValues, ['aws:SourceVpc']);
  });
  it('IfExists keys are listed too', () => {
    assert.deepEqual(decide({ StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, {}).missingContextValues, ['ec2:InstanceType']);
  });
  it('Null does not list its key', () => {
    assert.deepEqual(decide({ Null: { 'aws:TokenIssueTime': 'true' } }, {}).missingContextValues, []);
  });
});
