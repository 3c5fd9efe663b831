/**
 * The IAM policy simulator end to end: SimulateCustomPolicy and SimulatePrincipalPolicy through
 * @aws-sdk/client-iam (decisions per action × resource, matched statements with their source
 * and position, missing context values, boundaries, resource policies, paging, errors), and the
 * AWS CLI's documented simulate-custom-policy example through the `aws` CLI.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  AddUserToGroupCommand, AttachUserPolicyCommand, CreateAccessKeyCommand, CreateGroupCommand, CreatePolicyCommand, CreateRoleCommand,
  CreateUserCommand, IAMClient, PutGroupPolicyCommand, PutRolePolicyCommand, PutUserPermissionsBoundaryCommand, PutUserPolicyCommand,
  SimulateCustomPolicyCommand, SimulatePrincipalPolicyCommand, type EvaluationResult,
} from '@aws-sdk/client-iam';
import { expectError } from '../helpers/errors.js';
import { startTestKiln, type TestKiln } from '../helpers/kiln.js';
import { runAws } from '../helpers/subprocess.js';
import { ACCOUNT, TRUST_POLICY } from '../helpers/fixtures.js';

/** The AWS CLI's simulate-custom-policy example, verbatim. */
const DATED = '{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"dynamodb:*","Resource":"*","Condition":{"DateGreaterThan":{"aws:CurrentTime":"2018-08-16T12:00:00Z"}}}}';
const at = (date: string) => [{ ContextKeyName: 'aws:CurrentTime', ContextKeyValues: [date], ContextKeyType: 'date' as const }];
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

/** action → decision, in order. */
const decisions = (results: EvaluationResult[] | undefined) => (results ?? []).map((r) => [r.EvalActionName, r.EvalResourceName, r.EvalDecision]);

describe('IAM policy simulation through @aws-sdk/client-iam', () => {
  let kiln: TestKiln;
  before(async () => {
    kiln = await startTestKiln();
  });
  after(() => kiln.close());

  describe('SimulateCustomPolicy', () => {
    it('answers AWS\'s documented example: allowed, with the statement\'s source and position', async () => {
      const out = await kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [DATED], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: at('2019-04-25T11:00:00Z') }));
      assert.deepEqual(out.EvaluationResults, [{
        EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
        MissingContextValues: [],
      }]);
      assert.equal(out.IsTruncated, false);
      const before = await kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [DATED], ActionNames: ['dynamodb:CreateBackup'], ContextEntries: at('2014-04-25T11:00:00Z') }));
      assert.deepEqual(before.EvaluationResults, [{ EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'implicitDeny', MatchedStatements: [], MissingContextValues: [] }]);
    });

    it('decides each action on each resource; an explicit Deny wins; resource results come with ResourceSpecificResults', async () => {
      const policy = doc(
        { Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::reports/*' },
        { Sid: 'NoDelete', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
      );
      const resources = ['arn:aws:s3:::reports/q1.csv', 'arn:aws:s3:::other/q1.csv'];
      const out = await kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['s3:GetObject', 's3:DeleteObject'], ResourceArns: resources }));
      assert.deepEqual(decisions(out.EvaluationResults), [
        ['s3:GetObject', resources[0], 'allowed'], ['s3:GetObject', resources[1], 'implicitDeny'],
        ['s3:DeleteObject', resources[0], 'explicitDeny'], ['s3:DeleteObject', resources[1], 'explicitDeny'],
      ]);
      const [get, , del] = out.EvaluationResults!;
      assert.deepEqual(get.EvalDecisionDetails, {});
      assert.deepEqual(get.ResourceSpecificResults, [{ EvalResourceName: resources[0], EvalResourceDecision: 'allowed', MatchedStatements: get.MatchedStatements, MissingContextValues: [] }]);
      // The first statement starts after the `[`, the second after the first one's `}`.
      const open = policy.indexOf('[') + 2;
      const firstEnd = policy.indexOf('},{') + 2;
      assert.deepEqual(get.MatchedStatements, [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: open }, EndPosition: { Line: 1, Column: firstEnd } }]);
      assert.deepEqual(del.MatchedStatements!.map((s) => [s.StartPosition, s.EndPosition]), [[{ Line: 1, Column: firstEnd }, { Line: 1, Column: policy.length - 1 }]]);
    });

    it('lists the context keys a statement needed and the request did not carry', async () => {
      const policy = doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'build' } } });
      const without = await kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [policy], ActionNames: ['ec2:RunInstances'] }));
      assert.equal(without.EvaluationResults![0].EvalDecision, 'implicitDeny');
      assert.deepEqual(without.EvaluationResults![0].MissingContextValues, ['aws:RequestTag/team']);
      const withTag = await kiln.iam.send(new SimulateCustomPolicyCommand({
        PolicyInputList: [policy], ActionNames: ['ec2:RunInstances'],
        ContextEntries: [{ ContextKeyName: 'aws:RequestTag/team', ContextKeyValues: ['build'], ContextKeyType: 'string' }],
      }));
      assert.equal(withTag.EvaluationResults![0].EvalDecision, 'allowed');
      assert.deepEqual(withTag.EvaluationResults![0].MissingContextValues, []);
    });

    it('a permissions boundary caps the result and says whether it allowed', async () => {
      const out = await kiln.iam.send(new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: '*', Resource: '*' })],
        PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 'iam:Get*', Resource: '*' })],
        ActionNames: ['iam:GetRole', 'iam:DeleteRole'],
      }));
      assert.deepEqual(decisions(out.EvaluationResults), [['iam:GetRole', '*', 'allowed'], ['iam:DeleteRole', '*', 'implicitDeny']]);
      assert.deepEqual(out.EvaluationResults!.map((r) => r.PermissionsBoundaryDecisionDetail), [{ AllowedByPermissionsBoundary: true }, { AllowedByPermissionsBoundary: false }]);
    });

    it('evaluates a resource policy for CallerArn, which it requires', async () => {
      const caller = `arn:aws:iam::${ACCOUNT}:user/reader`;
      const bucketPolicy = doc({ Effect: 'Allow', Principal: { AWS: caller }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::shared/*' });
      const out = await kiln.iam.send(new SimulateCustomPolicyCommand({
        PolicyInputList: [doc({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' })], ResourcePolicy: bucketPolicy, CallerArn: caller,
        ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::shared/a.txt'], ResourceOwner: `arn:aws:iam::${ACCOUNT}:root`,
      }));
      assert.equal(out.EvaluationResults![0].EvalDecision, 'allowed');
      assert.equal(out.EvaluationResults![0].MatchedStatements![0].SourcePolicyId, 'ResourcePolicy');
      await expectError(kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [DATED], ResourcePolicy: bucketPolicy, ActionNames: ['s3:GetObject'] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'Invalid caller - Caller must be an IAM user in this context.',
      });
      await expectError(kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [DATED], ActionNames: ['s3:GetObject'], ResourceOwner: ACCOUNT })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: `'${ACCOUNT}' is not a valid as a Resource Owner.`,
      });
    });

    it('pages with MaxItems and Marker', async () => {
      const input = { PolicyInputList: [doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })], ActionNames: ['s3:GetObject', 's3:PutObject', 's3:GetBucketAcl'], ResourceArns: ['arn:aws:s3:::a', 'arn:aws:s3:::b'] };
      const first = await kiln.iam.send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 4 }));
      assert.equal(first.IsTruncated, true);
      assert.equal(first.EvaluationResults!.length, 4);
      const second = await kiln.iam.send(new SimulateCustomPolicyCommand({ ...input, MaxItems: 4, Marker: first.Marker }));
      assert.equal(second.IsTruncated, false);
      assert.equal(second.Marker, undefined);
      assert.deepEqual(decisions([...first.EvaluationResults!, ...second.EvaluationResults!]), decisions((await kiln.iam.send(new SimulateCustomPolicyCommand(input))).EvaluationResults));
      await expectError(kiln.iam.send(new SimulateCustomPolicyCommand({ ...input, Marker: 'bogus' })), { name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'Invalid Marker.' });
    });

    it('refuses a malformed policy with InvalidInput', async () => {
      await expectError(kiln.iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: ['{"Statement": ['], ActionNames: ['s3:GetObject'] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: 'This policy contains invalid Json',
      });
    });
  });

  describe('SimulatePrincipalPolicy', () => {
    it('simulates a user\'s own, group and managed policies, labelled as AWS labels them', async () => {
      await kiln.iam.send(new CreateUserCommand({ UserName: 'alice', Path: '/team/' }));
      await kiln.iam.send(new PutUserPolicyCommand({ UserName: 'alice', PolicyName: 'Own', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:GetRole', Resource: '*' }) }));
      await kiln.iam.send(new CreateGroupCommand({ GroupName: 'builders' }));
      await kiln.iam.send(new PutGroupPolicyCommand({ GroupName: 'builders', PolicyName: 'Build', PolicyDocument: doc({ Effect: 'Allow', Action: 'imagebuilder:*', Resource: '*' }) }));
      await kiln.iam.send(new AddUserToGroupCommand({ GroupName: 'builders', UserName: 'alice' }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: 'alice', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }));
      const out = await kiln.iam.send(new SimulatePrincipalPolicyCommand({
        PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/team/alice`,
        ActionNames: ['iam:GetRole', 'imagebuilder:CreateComponent', 'iam:DeleteRole', 'ec2:TerminateInstances'],
        PolicyInputList: [doc({ Effect: 'Deny', Action: 'iam:DeleteRole', Resource: '*' })],
      }));
      assert.deepEqual(decisions(out.EvaluationResults), [
        ['iam:GetRole', '*', 'allowed'], ['imagebuilder:CreateComponent', '*', 'allowed'], ['iam:DeleteRole', '*', 'explicitDeny'], ['ec2:TerminateInstances', '*', 'implicitDeny'],
      ]);
      const sources = out.EvaluationResults!.map((r) => (r.MatchedStatements ?? []).map((s) => [s.SourcePolicyId, s.SourcePolicyType]));
      assert.deepEqual(sources[0], [['user_alice_Own', 'IAM Policy'], ['ReadOnlyAccess', 'IAM Policy']]);
      assert.deepEqual(sources[1], [['group_builders_Build', 'IAM Policy']]);
      assert.deepEqual(sources[2], [['PolicyInputList.1', 'IAM Policy']]);
      assert.deepEqual(sources[3], []);
      assert.deepEqual(out.EvaluationResults![0].MatchedStatements![0].StartPosition, { Line: 1, Column: 38 });
    });

    it('simulates a role\'s policies and takes part its permissions boundary (or the one given instead)', async () => {
      await kiln.iam.send(new CreateRoleCommand({ RoleName: 'Builder', Path: '/svc/', AssumeRolePolicyDocument: TRUST_POLICY }));
      await kiln.iam.send(new PutRolePolicyCommand({ RoleName: 'Builder', PolicyName: 'All', PolicyDocument: doc({ Effect: 'Allow', Action: '*', Resource: '*' }) }));
      const roleArn = `arn:aws:iam::${ACCOUNT}:role/svc/Builder`;
      const open = await kiln.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: roleArn, ActionNames: ['s3:PutObject'] }));
      assert.equal(open.EvaluationResults![0].EvalDecision, 'allowed');
      assert.deepEqual(open.EvaluationResults![0].MatchedStatements!.map((s) => s.SourcePolicyId), ['role_Builder_All']);
      const capped = await kiln.iam.send(new SimulatePrincipalPolicyCommand({
        PolicySourceArn: roleArn, ActionNames: ['s3:PutObject', 's3:GetObject'],
        PermissionsBoundaryPolicyInputList: [doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' })],
      }));
      assert.deepEqual(decisions(capped.EvaluationResults), [['s3:PutObject', '*', 'implicitDeny'], ['s3:GetObject', '*', 'allowed']]);
      assert.deepEqual(capped.EvaluationResults![0].PermissionsBoundaryDecisionDetail, { AllowedByPermissionsBoundary: false });
    });

    it('uses the user\'s own permissions boundary', async () => {
      const boundary = (await kiln.iam.send(new CreatePolicyCommand({ PolicyName: 'OnlyIam', PolicyDocument: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }) }))).Policy!;
      await kiln.iam.send(new CreateUserCommand({ UserName: 'bounded' }));
      await kiln.iam.send(new AttachUserPolicyCommand({ UserName: 'bounded', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }));
      await kiln.iam.send(new PutUserPermissionsBoundaryCommand({ UserName: 'bounded', PermissionsBoundary: boundary.Arn }));
      const out = await kiln.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/bounded`, ActionNames: ['iam:ListRoles', 'ec2:RunInstances'] }));
      assert.deepEqual(decisions(out.EvaluationResults), [['iam:ListRoles', '*', 'allowed'], ['ec2:RunInstances', '*', 'implicitDeny']]);
      assert.deepEqual(out.EvaluationResults!.map((r) => r.PermissionsBoundaryDecisionDetail), [{ AllowedByPermissionsBoundary: true }, { AllowedByPermissionsBoundary: false }]);
    });

    it('answers AWS\'s errors for an unknown entity, a session ARN and another account', async () => {
      await expectError(kiln.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:role/Missing`, ActionNames: ['s3:GetObject'] })), {
        name: 'NoSuchEntityException', code: 'NoSuchEntity', status: 404, message: 'The role with name Missing cannot be found.',
      });
      const session = `arn:aws:sts::${ACCOUNT}:assumed-role/Builder/s1`;
      await expectError(kiln.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: session, ActionNames: ['s3:GetObject'] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400, message: `Invalid Entity Arn: ${session} does not clearly define entity type and name.`,
      });
      await expectError(kiln.iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: 'arn:aws:iam::210987654321:user/bob', ActionNames: ['s3:GetObject'] })), {
        name: 'InvalidInputException', code: 'InvalidInput', status: 400,
        message: `Invalid Policy Source Arn: caller's account ${ACCOUNT} does not have access to policies in account 210987654321`,
      });
    });

    it('needs iam:SimulatePrincipalPolicy on the simulated entity', async () => {
      await kiln.iam.send(new CreateUserCommand({ UserName: 'curious' }));
      const key = (await kiln.iam.send(new CreateAccessKeyCommand({ UserName: 'curious' }))).AccessKey!;
      const iam = new IAMClient({ endpoint: kiln.endpoint, region: 'us-east-1', credentials: { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! }, maxAttempts: 1 });
      const target = `arn:aws:iam::${ACCOUNT}:role/svc/Builder`;
      await expectError(iam.send(new SimulatePrincipalPolicyCommand({ PolicySourceArn: target, ActionNames: ['s3:GetObject'] })), {
        name: 'AccessDenied', code: 'AccessDenied', status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/curious is not authorized to perform: iam:SimulatePrincipalPolicy on resource: ${target} because no identity-based policy allows the iam:SimulatePrincipalPolicy action`,
      });
      await expectError(iam.send(new SimulateCustomPolicyCommand({ PolicyInputList: [DATED], ActionNames: ['s3:GetObject'] })), {
        name: 'AccessDenied', code: 'AccessDenied', status: 403,
        message: `User: arn:aws:iam::${ACCOUNT}:user/curious is not authorized to perform: iam:SimulateCustomPolicy on resource: * because no identity-based policy allows the iam:SimulateCustomPolicy action`,
      });
    });
  });

  it('the aws CLI runs the documented simulate-custom-policy example and gets its documented output', async () => {
    const result = await runAws([
      'iam', 'simulate-custom-policy', '--policy-input-list', DATED, '--action-names', 'dynamodb:CreateBackup',
      '--context-entries', "ContextKeyName='aws:CurrentTime',ContextKeyValues='2019-04-25T11:00:00Z',ContextKeyType=date",
    ], kiln.env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      EvaluationResults: [{
        EvalActionName: 'dynamodb:CreateBackup', EvalResourceName: '*', EvalDecision: 'allowed',
        MatchedStatements: [{ SourcePolicyId: 'PolicyInputList.1', SourcePolicyType: 'IAM Policy', StartPosition: { Line: 1, Column: 38 }, EndPosition: { Line: 1, Column: 167 } }],
        MissingContextValues: [],
      }],
    });
  });
});
