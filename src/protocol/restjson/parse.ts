/**
 * restJson1 input: path labels, query string, headers and the JSON body → a typed input object,
 * by the model's `location` traits. Type mismatches in the body answer SerializationException.
 */
import { AwsError } from '../../kernel/errors.js';
import type { MemberRef, ServiceModel, Shape } from '../model.js';

export interface RestRequestParts {
  labels: Record<string, string>;
  query: Array<[string, string]>;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function serializationError(message: string): AwsError {
  // Not in Image Builder's model; SerializationException is what AWS JSON services answer for a
  // body they cannot read, and every SDK surfaces it by name.
  return new AwsError('SerializationException', message, 400);
}

function decodeLabel(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw serializationError('The request path is not valid percent-encoding.');
  }
}

export function parseRestJsonInput(model: ServiceModel, inputShape: string | undefined, parts: RestRequestParts): Record<string, unknown> {
  if (!inputShape) return {};
  const shape = model.shapes[inputShape];
  const members = Object.entries(shape.members ?? {});
  const hasBodyMembers = members.some(([, ref]) => !ref.location);
  const body = hasBodyMembers ? parseBody(parts.body) : {};
  const out: Record<string, unknown> = {};
  for (const [name, ref] of members) {
    const wireName = ref.locationName ?? name;
    switch (ref.location) {
      case 'uri':
        if (parts.labels[wireName] !== undefined) out[name] = decodeLabel(parts.labels[wireName]);
        break;
      case 'querystring': {
        const values = parts.query.filter(([key]) => key === wireName).map(([, value]) => value);
        if (values.length > 0) out[name] = fromQuery(model, ref, values, name);
        break;
      }
      case 'header': {
        const value = parts.headers[wireName.toLowerCase()];
        if (value !== undefined) out[name] = fromText(model.shapes[ref.shape], Array.isArray(value) ? value.join(',') : value, name);
        break;
      }
      default:
        if (body[wireName] !== undefined && body[wireName] !== null) out[name] = fromJson(model, ref, body[wireName], name);
    }
  }
  return out;
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw serializationError('The request body must be a JSON object.');
  return parsed as Record<string, unknown>;
}

function fromQuery(model: ServiceModel, ref: MemberRef, values: string[], path: string): unknown {
  const shape = model.shapes[ref.shape];
  if (shape.type === 'list') return values.map((value) => fromText(model.shapes[shape.member!.shape], value, path));
  return fromText(shape, values[values.length - 1], path);
}

function fromText(shape: Shape, text: string, path: string): unknown {
  switch (shape.type) {
    case 'integer': case 'long':
      if (!/^-?[0-9]+$/.test(text)) throw serializationError(`Expected an integer for '${path}'.`);
      return Number(text);
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw serializationError(`Expected true or false for '${path}'.`);
      return text === 'true';
    default:
      return text;
  }
}

function expect(ok: boolean, path: string, what: string): void {
  if (!ok) throw serializationError(`Expected ${what} for '${path}'.`);
}

function fromJson(model: ServiceModel, ref: MemberRef, value: unknown, path: string): unknown {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure': {
      expect(typeof value === 'object' && !Array.isArray(value), path, 'an object');
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const inner = (value as Record<string, unknown>)[member.locationName ?? name];
        if (inner !== undefined && inner !== null) out[name] = fromJson(model, member, inner, `${path}.${name}`);
      }
      return out;
    }
    case 'list':
      expect(Array.isArray(value), path, 'a list');
      return (value as unknown[]).map((item, i) => fromJson(model, shape.member!, item, `${path}[${i}]`));
    case 'map': {
      expect(typeof value === 'object' && !Array.isArray(value), path, 'an object');
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = fromJson(model, shape.value!, inner, `${path}.${key}`);
      return out;
    }
    case 'string':
      expect(typeof value === 'string', path, 'a string');
      return value;
    case 'integer': case 'long':
      expect(Number.isInteger(value), path, 'an integer');
      return value;
    case 'double': case 'float':
      expect(typeof value === 'number', path, 'a number');
      return value;
    case 'boolean':
      expect(typeof value === 'boolean', path, 'a boolean');
      return value;
    case 'timestamp': {
      expect(typeof value === 'number' || typeof value === 'string', path, 'a timestamp');
      const date = new Date(typeof value === 'number' ? value * 1000 : (value as string));
      expect(!Number.isNaN(date.getTime()), path, 'a timestamp');
      return date;
    }
    case 'blob':
      expect(typeof value === 'string', path, 'a base64 string');
      return Buffer.from(value as string, 'base64');
  }
}
