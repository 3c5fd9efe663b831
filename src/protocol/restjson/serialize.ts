/** restJson1 output: the body holds the output members that have no `location`; timestamps are epoch seconds. */
import type { MemberRef, Operation, ServiceModel } from '../model.js';

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function toJson(model: ServiceModel, ref: MemberRef, value: unknown): unknown {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const inner = (value as Record<string, unknown>)[name];
        if (inner !== undefined && inner !== null) out[member.locationName ?? name] = toJson(model, member, inner);
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((item) => toJson(model, shape.member!, item));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = toJson(model, shape.value!, inner);
      return out;
    }
    case 'timestamp':
      return value instanceof Date ? value.getTime() / 1000 : value;
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return value;
  }
}

export function serializeRestJsonResult(model: ServiceModel, operation: Operation, result: unknown): RestResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const body: Record<string, unknown> = {};
  if (operation.output && result) {
    const shape = model.shapes[operation.output.shape];
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const value = (result as Record<string, unknown>)[name];
      if (value === undefined || value === null) continue;
      if (ref.location === 'header') headers[(ref.locationName ?? name).toLowerCase()] = String(value);
      else if (!ref.location) body[ref.locationName ?? name] = toJson(model, ref, value);
    }
  }
  return { status: operation.http.responseCode ?? 200, headers, body: JSON.stringify(body) };
}

export function serializeRestJsonError(code: string, message: string, status: number): RestResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ message }),
  };
}
