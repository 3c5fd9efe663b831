/**
 * Checks the IAM data tables kept beside the code: the service-linked-role catalogue
 * (service-linked-roles.json) and the AWS managed policies (aws-managed-policies/*.json, written by
 * scripts/gen-aws-managed-policies.ts). See README.md in this folder for sources.
 *
 *   node --import tsx --test src/services/iam/data/data.test.ts
 */
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const DATA_DIR = fileURLToPath(new URL('.', import.meta.url));
const POLICY_DIR = join(DATA_DIR, 'aws-managed-policies');

interface CatalogueEntry {
  servicePrincipal: string;
  roleName: string;
  customSuffixAllowed: boolean;
  policyArns: string[];
  description?: string;
}

interface PolicyFile {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  DefaultVersionId: string;
  CreateDate: string;
  UpdateDate: string;
  Description?: string;
  Document: { Version?: unknown; Statement?: unknown };
}

/** The policies the generator always writes (scripts/gen-aws-managed-policies.ts reads the same file). */
const CORE_POLICIES: string[] = JSON.parse(readFileSync(join(DATA_DIR, 'core-policies.json'), 'utf8'));

const catalogue = JSON.parse(readFileSync(join(DATA_DIR, 'service-linked-roles.json'), 'utf8')) as CatalogueEntry[];

const policyFiles = readdirSync(POLICY_DIR).filter((name) => name.endsWith('.json')).sort();
const policies = new Map<string, PolicyFile>(
  policyFiles.map((file) => [file.slice(0, -'.json'.length), JSON.parse(readFileSync(join(POLICY_DIR, file), 'utf8')) as PolicyFile]),
);
const policiesByArn = new Map<string, PolicyFile>([...policies.values()].map((p) => [p.Arn, p]));

/** Same derivation as the generator: ANPA + first 17 RFC 4648 base32 chars of sha256(ARN). */
function expectedPolicyId(arn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const byte of createHash('sha256').update(arn, 'utf8').digest()) bits += byte.toString(2).padStart(8, '0');
  let out = '';
  for (let i = 0; i + 5 <= bits.length && out.length < 17; i += 5) out += alphabet[parseInt(bits.slice(i, i + 5), 2)];
  return `ANPA${out}`;
}

function entry(principal: string): CatalogueEntry {
  const found = catalogue.find((e) => e.servicePrincipal === principal);
  assert.ok(found, `catalogue has no entry for ${principal}`);
  return found;
}

describe('service-linked-role catalogue', () => {
  it('is an array of at least 45 entries sorted by servicePrincipal', () => {
    assert.ok(Array.isArray(catalogue));
    assert.ok(catalogue.length >= 45, `only ${catalogue.length} entries`);
    const principals = catalogue.map((e) => e.servicePrincipal);
    assert.deepEqual(principals, [...principals].sort());
  });

  it('has well-formed entries', () => {
    const allowed = new Set(['servicePrincipal', 'roleName', 'customSuffixAllowed', 'policyArns', 'description']);
    for (const e of catalogue) {
      for (const key of Object.keys(e)) assert.ok(allowed.has(key), `${e.servicePrincipal}: unexpected key ${key}`);
      // AWSServiceName is groupNameType: 1-128 chars of [\w+=,.@-] (botocore IAM model).
      assert.match(e.servicePrincipal, /^[\w+=,.@-]{1,128}$/);
      assert.match(e.servicePrincipal, /\.amazonaws\.com$/);
      assert.match(e.roleName, /^AWSServiceRoleFor[\w+=,.@-]+$/);
      assert.ok(e.roleName.length <= 64, `${e.roleName} is longer than 64 characters`);
      assert.equal(typeof e.customSuffixAllowed, 'boolean');
      assert.ok(Array.isArray(e.policyArns) && e.policyArns.length > 0, `${e.servicePrincipal}: no policyArns`);
      if (e.description !== undefined) {
        // roleDescriptionType: up to 1000 chars of [\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF].
        assert.match(e.description, /^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]{1,1000}$/);
      }
    }
  });

  it('has unique service principals and (case-insensitively) unique role names', () => {
    assert.equal(new Set(catalogue.map((e) => e.servicePrincipal)).size, catalogue.length);
    assert.equal(new Set(catalogue.map((e) => e.roleName.toLowerCase())).size, catalogue.length);
  });

  it('attaches only policies that have a policy file, under /aws-service-role/', () => {
    for (const e of catalogue) {
      for (const arn of e.policyArns) {
        assert.match(arn, /^arn:aws:iam::aws:policy\/aws-service-role\/[\w+=,.@-]+$/);
        assert.ok(policiesByArn.has(arn), `${e.servicePrincipal}: no policy file for ${arn}`);
      }
    }
  });

  it('records the Image Builder role exactly', () => {
    assert.deepEqual(entry('imagebuilder.amazonaws.com'), {
      servicePrincipal: 'imagebuilder.amazonaws.com',
      roleName: 'AWSServiceRoleForImageBuilder',
      customSuffixAllowed: false,
      policyArns: ['arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder'],
    });
  });

  it('allows a custom suffix where AWS does and not elsewhere it was tested', () => {
    for (const principal of ['autoscaling.amazonaws.com', 'connect.amazonaws.com', 'lexv2.amazonaws.com']) {
      assert.equal(entry(principal).customSuffixAllowed, true, principal);
    }
    for (const principal of ['ecs.amazonaws.com', 'imagebuilder.amazonaws.com', 'batch.amazonaws.com', 'ssm.amazonaws.com', 'es.amazonaws.com']) {
      assert.equal(entry(principal).customSuffixAllowed, false, principal);
    }
    assert.equal(entry('autoscaling.amazonaws.com').roleName, 'AWSServiceRoleForAutoScaling');
    assert.equal(entry('ecs.amazonaws.com').roleName, 'AWSServiceRoleForECS');
  });

  it('has the roles the Image Builder policy lets the service create', () => {
    // AWSServiceRoleForImageBuilder grants iam:CreateServiceLinkedRole for these two principals.
    assert.deepEqual(entry('ssm.amazonaws.com').policyArns, ['arn:aws:iam::aws:policy/aws-service-role/AmazonSSMServiceRolePolicy']);
    assert.equal(entry('ssm.amazonaws.com').roleName, 'AWSServiceRoleForAmazonSSM');
    assert.equal(entry('ssm.amazonaws.com').description, 'Provides access to AWS Resources managed or used by Amazon SSM.');
    assert.deepEqual(entry('ec2fastlaunch.amazonaws.com').policyArns, ['arn:aws:iam::aws:policy/aws-service-role/EC2FastLaunchServiceRolePolicy']);
    assert.equal(entry('ec2fastlaunch.amazonaws.com').roleName, 'AWSServiceRoleForEC2FastLaunch');
  });
});

describe('AWS managed policy files', () => {
  it('includes the core policies and every policy the catalogue attaches, and nothing else', () => {
    const expected = new Set(CORE_POLICIES);
    for (const e of catalogue) for (const arn of e.policyArns) expected.add(arn.slice(arn.lastIndexOf('/') + 1));
    assert.deepEqual([...policies.keys()].sort(), [...expected].sort());
  });

  it('has the documented shape in every file', () => {
    const required = ['PolicyName', 'PolicyId', 'Arn', 'Path', 'DefaultVersionId', 'CreateDate', 'UpdateDate', 'Document'];
    for (const [name, p] of policies) {
      const keys = Object.keys(p);
      assert.deepEqual(keys.filter((k) => k !== 'Description'), required, `${name}: keys ${keys.join(',')}`);
      assert.equal(p.PolicyName, name);
      assert.match(p.Path, /^\/(?:[\w+=,.@-]+\/)*$/);
      assert.equal(p.Arn, `arn:aws:iam::aws:policy${p.Path}${p.PolicyName}`);
      assert.match(p.DefaultVersionId, /^v[1-9]\d*$/);
      assert.match(p.CreateDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.match(p.UpdateDate, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      assert.ok(p.UpdateDate >= p.CreateDate, `${name}: updated before it was created`);
      if (p.Description !== undefined) assert.ok(typeof p.Description === 'string' && p.Description.length > 0 && p.Description.length <= 1000);
    }
  });

  it('has a policy document with Version and Statement', () => {
    for (const [name, p] of policies) {
      assert.ok(p.Document !== null && typeof p.Document === 'object', name);
      assert.equal(p.Document.Version, '2012-10-17', name);
      const statements = Array.isArray(p.Document.Statement) ? p.Document.Statement : [p.Document.Statement];
      assert.ok(statements.length > 0, `${name}: no statements`);
      for (const s of statements) {
        assert.ok(s !== null && typeof s === 'object', `${name}: statement is not an object`);
        assert.ok(['Allow', 'Deny'].includes((s as { Effect?: unknown }).Effect as string), `${name}: bad Effect`);
      }
    }
  });

  it('has stable, unique ANPA policy ids', () => {
    const seen = new Set<string>();
    for (const [name, p] of policies) {
      assert.match(p.PolicyId, /^ANPA[A-Z2-7]{17}$/, name);
      assert.equal(p.PolicyId, expectedPolicyId(p.Arn), `${name}: PolicyId is not derived from the ARN`);
      assert.ok(!seen.has(p.PolicyId), `${name}: duplicate PolicyId ${p.PolicyId}`);
      seen.add(p.PolicyId);
    }
  });

  it('has AWSServiceRoleForImageBuilder as v27 at /aws-service-role/ (spec section 5)', () => {
    const p = policies.get('AWSServiceRoleForImageBuilder');
    assert.ok(p);
    assert.equal(p.DefaultVersionId, 'v27');
    assert.equal(p.Path, '/aws-service-role/');
    assert.equal(p.Arn, 'arn:aws:iam::aws:policy/aws-service-role/AWSServiceRoleForImageBuilder');
    assert.equal(p.CreateDate, '2019-11-29T22:02:13Z');
    assert.equal(p.Description, 'Allows EC2ImageBuilder to call AWS services on your behalf.');
    const statements = p.Document.Statement as Array<{ Action: string | string[] }>;
    assert.equal(statements.length, 37);
    const actions = new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])));
    assert.equal(actions.size, 74);
    assert.ok(actions.has('iam:CreateServiceLinkedRole'));
  });

  it('puts the other Image Builder policies where moto 5.2.1 has them (spec section 5)', () => {
    const expected: Record<string, [string, string]> = {
      AWSImageBuilderFullAccess: ['/', 'v2'],
      AWSImageBuilderReadOnlyAccess: ['/', 'v1'],
      EC2InstanceProfileForImageBuilder: ['/', 'v12'],
      EC2InstanceProfileForImageBuilderECRContainerBuilds: ['/', 'v1'],
      Ec2ImageBuilderCrossAccountDistributionAccess: ['/', 'v1'],
      EC2ImageBuilderLifecycleExecutionPolicy: ['/service-role/', 'v1'],
    };
    for (const [name, [path, version]] of Object.entries(expected)) {
      const p = policies.get(name);
      assert.ok(p, name);
      assert.equal(p.Path, path, name);
      assert.equal(p.DefaultVersionId, version, name);
    }
  });
});
