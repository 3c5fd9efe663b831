/**
 * The benchmark's workloads, in the order they run. 'fresh' ones run first (before the long-running
 * servers start); the two idle RSS readings stay first and last among the rest. To add a workload,
 * write bench/workloads/<name>.ts (usually one requestThroughput(...) call; for anything else, an
 * Operation per label through warmUpAndTime(...)) and list it here. Set `kilnOnly` (the reason) for
 * a workload moto should skip, and `targets` (e.g. throughputTarget(...)) for its verdicts.
 */
import type { Workload } from '../harness.js';
import { coldStart } from './cold-start.js';
import { iamCreateDeleteRole } from './iam-create-delete-role.js';
import { iamEnforcement } from './iam-enforcement.js';
import { iamGetRole } from './iam-get-role.js';
import { iamGetRoleScale } from './iam-get-role-scale.js';
import { iamListRoles } from './iam-list-roles.js';
import { iamServiceLinkedRole } from './iam-service-linked-role.js';
import { ibBuildThroughput, ibGetImage, ibListImagesScale } from './imagebuilder.js';
import { ibScheduleTick } from './ib-schedule-tick.js';
import { idleRssAfter, idleRssBefore } from './idle-rss.js';
import { stsGetCallerIdentity } from './sts-get-caller-identity.js';

export const WORKLOADS: Workload[] = [
  coldStart,
  idleRssBefore,
  stsGetCallerIdentity,
  iamGetRole,
  iamCreateDeleteRole,
  iamServiceLinkedRole,
  iamListRoles,
  iamEnforcement,
  // Kiln only, on a Kiln of its own (the long-running servers idle meanwhile).
  iamGetRoleScale,
  // Image Builder: Kiln only (moto has no Image Builder), each on a zero-build-duration Kiln of its own.
  ibBuildThroughput,
  ibGetImage,
  ibListImagesScale,
  // In process (no server): the scheduler's tick with up to 100,000 scheduled pipelines.
  ibScheduleTick,
  idleRssAfter,
];
