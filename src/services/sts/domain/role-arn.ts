/** The role an AssumeRole `RoleArn` names: `arn:<partition>:iam::<account>:role<path><name>`. */
import { validationError } from './errors.js';

export interface RoleArn {
  partition: string;
  account: string;
  /** `/` or `/a/b/`. */
  path: string;
  name: string;
}

const ROLE_ARN = /^arn:([a-z-]+):iam::(\d{12}):role(\/(?:[^/]+\/)*)([^/]+)$/;

/**
 * Anything that is not a role ARN (an OIDC or SAML provider ARN, a user ARN, `role:` for
 * `role/`) answers AWS's `ValidationError: Request ARN is invalid` (seen in many reports of
 * AssumeRole* calls given the wrong ARN).
 */
export function parseRoleArn(text: string): RoleArn {
  const match = ROLE_ARN.exec(text);
  if (!match) throw validationError('Request ARN is invalid');
  return { partition: match[1], account: match[2], path: match[3], name: match[4] };
}
