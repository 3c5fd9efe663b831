/** assumeServiceLinkedRole: a service inside Kiln acting as its own service-linked role. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../../kernel/clock.js';
import { AwsError } from '../../kernel/errors.js';
import { ACCOUNT, handlerHarness } from '../../../test/helpers/handler-context.js';
import { CreateRole } from '../iam/ops/CreateRole.js';
import { CreateServiceLinkedRole } from '../iam/ops/CreateServiceLinkedRole.js';
import { GetRole } from '../iam/ops/GetRole.js';
import { assumeServiceLinkedRole } from './public.js';

describe('assumeServiceLinkedRole', () => {
  const h = handlerHarness();
  after(() => h.close());
  const clock = new ManualClock('2026-04-05T06:07:08.000Z');
  const imageBuilder = { partition: 'aws', account: ACCOUNT, roleName: 'AWSServiceRoleForImageBuilder', servicePrincipal: 'imagebuilder.amazonaws.com', sessionName: 'ImageBuilder', region: 'eu-central-1', clock };

  it('returns the session principal the service acts as and records the role\'s use', async () => {
    const { Role } = await h.root((ctx) => CreateServiceLinkedRole({ AWSServiceName: 'imagebuilder.amazonaws.com' }, ctx));
    const principal = await h.store.tx((tx) => assumeServiceLinkedRole(tx, imageBuilder));
    assert.deepEqual(principal, {
      type: 'assumed-role',
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSServiceRoleForImageBuilder/ImageBuilder`,
      userId: `${Role!.RoleId}:ImageBuilder`,
      account: ACCOUNT,
      accessKeyId: '',
      name: 'AWSServiceRoleForImageBuilder',
      session: { roleName: 'AWSServiceRoleForImageBuilder', roleArn: Role!.Arn, sessionName: 'ImageBuilder', expiration: '2026-04-05T07:07:08.000Z' },
    });
    const { RoleLastUsed } = (await h.root((ctx) => GetRole({ RoleName: 'AWSServiceRoleForImageBuilder' }, ctx))).Role!;
    assert.deepEqual(RoleLastUsed, { LastUsedDate: new Date('2026-04-05T06:07:08.000Z'), Region: 'eu-central-1' });
  });

  it('refuses a role that is missing or does not trust the service', async () => {
    const denied = (arn: string) => (e: AwsError) => e.code === 'AccessDenied' && e.message === `Service: imagebuilder.amazonaws.com is not authorized to perform: sts:AssumeRole on resource: ${arn}`;
    await assert.rejects(h.store.tx((tx) => assumeServiceLinkedRole(tx, { ...imageBuilder, roleName: 'Missing' })), denied(`arn:aws:iam::${ACCOUNT}:role/Missing`));
    await h.root((ctx) => CreateRole({ RoleName: 'Ec2Only', AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) }, ctx));
    await assert.rejects(h.store.tx((tx) => assumeServiceLinkedRole(tx, { ...imageBuilder, roleName: 'Ec2Only' })), denied(`arn:aws:iam::${ACCOUNT}:role/Ec2Only`));
  });
});
