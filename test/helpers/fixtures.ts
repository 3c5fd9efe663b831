/** Documents, names and set-ups that many tests need and none of them is about. */
import { AddRoleToInstanceProfileCommand, CreateInstanceProfileCommand, CreateRoleCommand, type IAMClient } from '@aws-sdk/client-iam';

/** The account Kiln serves by default (`--account-id`). */
export const ACCOUNT = '123456789012';

/** The start of Image Builder ARNs in that account in us-east-1 (`${IB}:image/...`). */
export const IB = `arn:aws:imagebuilder:us-east-1:${ACCOUNT}`;

/** An Amazon-managed parent image for image recipes. */
export const PARENT_IMAGE = 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x';

/** A trust policy that lets one AWS service (`ec2.amazonaws.com`, say) assume the role. */
export function trustPolicyFor(service: string): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
}

/** A trust policy that lets EC2 assume the role: the usual one for roles behind instance profiles. */
export const TRUST_POLICY = trustPolicyFor('ec2.amazonaws.com');

/**
 * An hour of the day (UTC) twelve hours from when the tests started: a daily schedule at that
 * hour (`cron(0 ${HOUR_AWAY_FROM_NOW} * * ? *)`) cannot fire while a suite runs on the real clock,
 * as one at midnight could for a run that crosses it.
 */
export const HOUR_AWAY_FROM_NOW = (new Date().getUTCHours() + 12) % 24;

/** The role `Builder` (trusted by EC2) in the instance profile `BuilderProfile`, which infrastructure configurations name. */
export async function createBuilderProfile(iam: IAMClient): Promise<void> {
  await iam.send(new CreateRoleCommand({ RoleName: 'Builder', AssumeRolePolicyDocument: TRUST_POLICY }));
  await iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: 'BuilderProfile' }));
  await iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: 'BuilderProfile', RoleName: 'Builder' }));
}
