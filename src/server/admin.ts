/** Kiln's own endpoints, under /_kiln/ (and /moto-api/reset, so suites written for moto run unchanged). */
import { readFileSync } from 'node:fs';
import { packagePath } from '../kernel/paths.js';
import type { OffsetClock } from '../kernel/clock.js';
import type { TaskEngine } from '../engine/tasks.js';
import type { ServiceName } from '../protocol/model.js';
import { coverage } from '../services/types.js';
import type { Store } from '../store/types.js';
import type { WireResponse } from './dispatch.js';
import type { ServiceDefinition } from './services.js';

export const KILN_VERSION: string = JSON.parse(readFileSync(packagePath('package.json'), 'utf8')).version;

function json(status: number, value: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export interface AdminDeps {
  store: Store;
  services: Record<ServiceName, ServiceDefinition>;
  engine: TaskEngine;
  /** Present only when Kiln was started with --clock-control. */
  controlledClock?: OffsetClock;
}

export function createAdmin(deps: AdminDeps) {
  return async (method: string, path: string, body: Buffer): Promise<WireResponse | undefined> => {
    if (path === '/_kiln/health' && method === 'GET') {
      const services = Object.fromEntries(Object.entries(deps.services).map(([name, s]) => [name, coverage(s.handlers)]));
      return json(200, { status: 'ok', version: KILN_VERSION, services, store: deps.store.kind });
    }
    if ((path === '/_kiln/reset' || path === '/moto-api/reset') && method === 'POST') {
      await deps.store.reset();
      return json(200, { reset: true });
    }
    if (path === '/_kiln/clock' && method === 'POST' && deps.controlledClock) {
      let seconds: unknown;
      try {
        seconds = JSON.parse(body.toString('utf8') || '{}').advanceSeconds;
      } catch {
        return json(400, { message: 'The body must be JSON: {"advanceSeconds": N}.' });
      }
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) {
        return json(400, { message: 'advanceSeconds must be a non-negative number.' });
      }
      const now = deps.controlledClock.advance(seconds);
      // Run what became due, so the caller sees builds and tasks advanced when this returns.
      await deps.engine.runUntilIdle();
      return json(200, { now: now.toISOString() });
    }
    if (path.startsWith('/_kiln/')) return json(404, { message: `No Kiln endpoint answers ${method} ${path}.` });
    return undefined;
  };
}
