/**
 * Idle memory: RSS of the long-running server after 1 s of quiet, once before the load workloads
 * (what a fresh server costs) and once after them (what it keeps: grown heaps, caches, fragmentation).
 * For moto the pid is the python interpreter itself (the moto_server script's shebang).
 */
import { readFileSync } from 'node:fs';
import { emptyResult, rssMiB, sleep, type Workload } from '../harness.js';

const IDLE_MS = 1000;
export const RSS_AFTER_LABEL = 'Idle RSS after workloads + 1 s';

function idleRss(label: string): Workload {
  return {
    title: label,
    kind: 'shared',
    async run(ctx) {
      const result = emptyResult();
      await sleep(IDLE_MS);
      const { pid } = ctx.server;
      const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      result.measurements.push({ label, unit: 'MiB', value: rssMiB(pid), better: 'lower' });
      result.notes.push(`VmRSS from /proc/${pid}/status (process: ${comm})`);
      return result;
    },
  };
}

/** Must be the first 'shared' workload. */
export const idleRssBefore = idleRss('Idle RSS after start + 1 s');

/** Must be the last workload. */
export const idleRssAfter: Workload = {
  ...idleRss(RSS_AFTER_LABEL),
  targets: [{
    description: 'Kiln idle RSS < 80 MiB (after the workloads)',
    evaluate(kiln) {
      const value = kiln.get(RSS_AFTER_LABEL) ?? NaN;
      return { met: value < 80, detail: `${value.toFixed(1)} MiB` };
    },
  }],
};
