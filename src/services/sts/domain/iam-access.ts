/** Everything STS reads from IAM, through IAM's public API. */
export { accessKeyAccount, findRoleIn, findUserIn, managedPolicyExists, recordRoleUse, type RoleRecord } from '../../iam/public.js';
