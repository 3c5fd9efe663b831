/** restJson1 routing: each operation's `http.method` + `requestUri` from the model, static paths first. */
import type { Operation, ServiceModel } from '../model.js';

interface LabelRoute {
  method: string;
  segments: string[];
  operation: Operation;
}

export interface RouteMatch {
  operation: Operation;
  /** Path labels, still percent-encoded as they arrived. */
  labels: Record<string, string>;
}

export class RestRouter {
  private readonly exact = new Map<string, Operation>();
  private readonly labelled: LabelRoute[] = [];

  constructor(readonly model: ServiceModel) {
    for (const operation of Object.values(model.operations)) {
      const path = operation.http.requestUri.split('?')[0];
      if (path.includes('{')) this.labelled.push({ method: operation.http.method, segments: path.split('/'), operation });
      else this.exact.set(`${operation.http.method} ${path}`, operation);
    }
  }

  match(method: string, rawPath: string): RouteMatch | undefined {
    const operation = this.exact.get(`${method} ${rawPath}`);
    if (operation) return { operation, labels: {} };
    const segments = rawPath.split('/');
    for (const route of this.labelled) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const labels: Record<string, string> = {};
      const matched = route.segments.every((segment, i) => {
        if (segment.startsWith('{')) {
          labels[segment.slice(1, -1)] = segments[i];
          return segments[i].length > 0;
        }
        return segment === segments[i];
      });
      if (matched) return { operation: route.operation, labels };
    }
    return undefined;
  }

  /** Whether any operation lives at this path (to tell a wrong method from an unknown path). */
  knowsPath(rawPath: string): boolean {
    for (const key of this.exact.keys()) if (key.endsWith(` ${rawPath}`)) return true;
    return false;
  }
}
