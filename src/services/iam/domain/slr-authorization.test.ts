import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ConditionValues } from '../../../policy/types.js';
import type { HandlerContext } from '../../types.js';
import { authorizeServiceLinkedRoleCreation } from '../public.js';

describe('authorizeServiceLinkedRoleCreation', () => {
  const asked: Array<[string, string, ConditionValues | undefined]> = [];
  const ctx = {
    scope: { partition: 'aws', account: '123456789012', region: 'eu-west-1', requestId: 'r', principal: { type: 'user', arn: 'arn:aws:iam::123456789012:user/u', userId: 'AIDA', account: '123456789012', accessKeyId: 'AKIA' } },
    authorize: async (action: string, resource: string, values?: ConditionValues) => { asked.push([action, resource, values]); },
  } as unknown as HandlerContext;

  it('asks for iam:CreateServiceLinkedRole on the role\'s ARN with iam:AWSServiceName', async () => {
    await authorizeServiceLinkedRoleCreation(ctx, 'imagebuilder.amazonaws.com');
    assert.deepEqual(asked.pop(), [
      'iam:CreateServiceLinkedRole',
      'arn:aws:iam::123456789012:role/aws-service-role/imagebuilder.amazonaws.com/AWSServiceRoleForImageBuilder',
      { 'iam:AWSServiceName': 'imagebuilder.amazonaws.com' },
    ]);
  });

  it('refuses a principal without a service-linked role before asking', async () => {
    await assert.rejects(authorizeServiceLinkedRoleCreation(ctx, 'nothing.example.com'), { code: 'InvalidInput' });
    assert.equal(asked.length, 0);
  });
});
