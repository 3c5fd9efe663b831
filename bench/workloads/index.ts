/**
 * The benchmark's workloads, in the order they run. 'fresh' ones run first (before the long-running
 * servers start); the two idle RSS readings stay first and last among the rest. To add a workload,
 * write bench/workloads/<name>.ts (usually one requestThroughput(...) call) and list it here.
 */
import type { Workload } from '../harness.js';
import { coldStart } from './cold-start.js';
import { iamCreateDeleteRole } from './iam-create-delete-role.js';
import { iamGetRole } from './iam-get-role.js';
import { idleRssAfter, idleRssBefore } from './idle-rss.js';
import { stsGetCallerIdentity } from './sts-get-caller-identity.js';

export const WORKLOADS: Workload[] = [
  coldStart,
  idleRssBefore,
  stsGetCallerIdentity,
  iamGetRole,
  iamCreateDeleteRole,
  idleRssAfter,
];
