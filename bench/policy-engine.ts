/**
 * Policy engine throughput, single core: `npx tsx bench/policy-engine.ts [--seconds N]`.
 *
 * 1. single statement: one identity policy with one statement, requests cycling over 64 resources.
 * 2. 10×10 with conditions: a user with 10 policies of 10 statements each, every statement with
 *    conditions (region, source IP, TLS, dates, tags, policy variables), one Deny per policy;
 *    requests cycle over a mix of actions that end allowed, implicitly denied and explicitly denied.
 * 3. the same as 2, but every document handed in as a fresh string (as if read from the store on
 *    every request), so the compile cache has to hash and compare the text each time.
 *
 * Each scenario warms up, then runs three timed rounds; the best round is reported (the machine
 * is shared), with the median beside it. Targets: ≥ 500,000/s for 1, ≥ 100,000/s for 2.
 */
import { availableParallelism, loadavg } from 'node:os';
import { evaluate } from '../src/policy/evaluate.js';
import type { EvaluationInput, PolicySource, RequestContext } from '../src/policy/types.js';

const ACCT = '123456789012';
const secondsArg = process.argv.indexOf('--seconds');
const ROUND_SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 1.5;

const user: RequestContext['principal'] = {
  arn: `arn:aws:iam::${ACCT}:user/builders/alice`, account: ACCT, userId: 'AIDAEXAMPLEALICE0001', userName: 'alice', type: 'User',
  tags: { team: 'builders', costcenter: '42' },
};

function request(action: string, resource: string, mfa = true): RequestContext {
  return {
    action, resource, resourceAccount: ACCT, principal: user,
    values: {
      'aws:SourceIp': '10.1.2.3', 'aws:SecureTransport': 'true', 'aws:RequestedRegion': 'eu-west-1',
      'aws:CurrentTime': '2025-03-01T12:00:00Z', 'aws:EpochTime': '1740830400', 'aws:MultiFactorAuthPresent': String(mfa),
    },
  };
}

// 1. One statement.
const single: PolicySource = {
  id: 'single',
  document: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:GetRole', Resource: `arn:aws:iam::${ACCT}:role/*` }] }),
};
const singleInputs: EvaluationInput[] = Array.from({ length: 64 }, (_, i) => ({
  request: request('iam:GetRole', `arn:aws:iam::${ACCT}:role/service/Role${i}`), identityPolicies: [single],
}));

// 2. Ten policies of ten statements, all with conditions.
const SERVICES = ['iam', 's3', 'ec2', 'imagebuilder', 'sts', 'kms', 'logs', 'ssm', 'sns', 'sqs'];
const VERBS = ['Get', 'List', 'Describe', 'Create', 'Delete', 'Update', 'Put', 'Tag', 'Start', 'Stop'];

function statement(p: number, s: number): object {
  const service = SERVICES[(p + s) % SERVICES.length];
  const verb = VERBS[s % VERBS.length];
  const conditions: object[] = [
    { StringEquals: { 'aws:RequestedRegion': ['eu-west-1', 'us-east-1'] } },
    { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] }, Bool: { 'aws:SecureTransport': 'true' } },
    { DateLessThan: { 'aws:CurrentTime': '2030-01-01T00:00:00Z' }, DateGreaterThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } },
    { StringEquals: { 'aws:PrincipalTag/team': 'builders' } },
    { StringLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/builders/*' } },
    { NumericLessThan: { 'aws:EpochTime': '1900000000' } },
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'env'] } },
    { StringEqualsIfExists: { 'aws:ResourceTag/owner': '${aws:username}' } },
    { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCT}:user/*` } },
    { Null: { 'aws:TokenIssueTime': 'true' } },
  ];
  if (s === 9) {
    // One Deny per policy: deletes without MFA.
    return { Sid: `Deny${p}`, Effect: 'Deny', Action: `${service}:Delete*`, Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } };
  }
  const resource = s % 3 === 0 ? '*' : s % 3 === 1 ? `arn:aws:${service}:*:${ACCT}:*` : `arn:aws:${service}:eu-west-1:${ACCT}:thing/\${aws:username}/*`;
  return { Sid: `P${p}S${s}`, Effect: 'Allow', Action: [`${service}:${verb}*`, `${service}:Batch${verb}`], Resource: resource, Condition: conditions[(p * 3 + s) % conditions.length] };
}

const tenByTen: PolicySource[] = Array.from({ length: 10 }, (_, p) => ({
  id: `policy-${p}`,
  document: JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 10 }, (_, s) => statement(p, s)) }),
}));

const mixActions: Array<[string, string]> = [];
for (const service of SERVICES) {
  for (const verb of ['Get', 'List', 'Create', 'Delete', 'Frobnicate']) {
    mixActions.push([`${service}:${verb}Thing`, `arn:aws:${service}:eu-west-1:${ACCT}:thing/alice/x`]);
  }
}
// Every other delete comes without MFA and meets the Deny statements.
const tenInputs: EvaluationInput[] = mixActions.map(([action, resource], i) => ({
  request: request(action, resource, !(action.includes(':Delete') && i % 2 === 0)), identityPolicies: tenByTen,
}));

// 3. The same documents as fresh strings on every request.
function freshCopies(): PolicySource[] {
  return tenByTen.map((p) => ({ id: p.id, document: (' ' + p.document).slice(1) }));
}

interface Result { best: number; median: number; outcome: string }

function measure(next: (i: number) => EvaluationInput): Result {
  const tally = { allowed: 0, explicitDeny: 0, implicitDeny: 0 };
  const round = (seconds: number): number => {
    const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
    const start = process.hrtime.bigint();
    let n = 0;
    let now = start;
    while (now < deadline) {
      for (let k = 0; k < 1000; k++, n++) tally[evaluate(next(n)).decision]++;
      now = process.hrtime.bigint();
    }
    return n / (Number(now - start) / 1e9);
  };
  round(0.5);
  const rates = [round(ROUND_SECONDS), round(ROUND_SECONDS), round(ROUND_SECONDS)].sort((a, b) => a - b);
  return { best: rates[2], median: rates[1], outcome: `${tally.allowed} allowed, ${tally.implicitDeny} implicit deny, ${tally.explicitDeny} explicit deny` };
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

console.log(`node ${process.version}, ${availableParallelism()} CPUs, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
const scenarios: Array<[string, number | undefined, (i: number) => EvaluationInput]> = [
  ['single statement', 500_000, (i) => singleInputs[i & 63]],
  ['10 policies × 10 statements, conditions', 100_000, (i) => tenInputs[i % tenInputs.length]],
  ['same, fresh document strings each request', undefined, (i) => {
    const input = tenInputs[i % tenInputs.length];
    return { request: input.request, identityPolicies: freshCopies() };
  }],
];
for (const [name, target, next] of scenarios) {
  const r = measure(next);
  const verdict = target === undefined ? '' : r.best >= target ? `  (target ${fmt(target)}: met)` : `  (target ${fmt(target)}: NOT met)`;
  console.log(`${name.padEnd(44)} ${fmt(r.best).padStart(11)} decisions/s best, ${fmt(r.median)} median${verdict}`);
  console.log(`${''.padEnd(44)} ${r.outcome}`);
}
