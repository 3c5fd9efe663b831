/** Documents that many tests need and none of them is about. */

/** A trust policy that lets EC2 assume the role: the usual one for roles behind instance profiles. */
export const TRUST_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
