/** restJson1 output: the body holds the output members that have no `location`; timestamps are epoch seconds. */
import { textOf } from '../frozen-text.js';
import type { MemberRef, Operation, ServiceModel, Shape } from '../model.js';

export interface RestResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Turns a value of one shape into its JSON form: only the shape's members (records carry fields
 * of Kiln's own), under their wire names, timestamps as epoch seconds. Built once per shape, so a
 * large structure (an Image holds its recipe and configurations) is copied without looking up
 * shapes and members for every value. Undefined means the value goes out as it is.
 */
type Converter = ((value: unknown) => unknown) | undefined;

const converters = new WeakMap<object, { convert: Converter }>();

function converterFor(model: ServiceModel, ref: MemberRef): Converter {
  const shape = model.shapes[ref.shape];
  let entry = converters.get(shape);
  if (!entry) {
    // Registered before it is built, so that a shape that contains itself finds itself.
    entry = { convert: (value) => entry!.convert!(value) };
    converters.set(shape, entry);
    entry.convert = buildConverter(model, shape);
  }
  return entry.convert;
}

function buildConverter(model: ServiceModel, shape: Shape): Converter {
  switch (shape.type) {
    case 'structure': {
      const members = Object.entries(shape.members ?? {}).map(([name, member]) => ({ name, wire: member.locationName ?? name, convert: converterFor(model, member) }));
      return (value) => {
        const record = value as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const member of members) {
          const inner = record[member.name];
          if (inner !== undefined && inner !== null) out[member.wire] = member.convert ? member.convert(inner) : inner;
        }
        return out;
      };
    }
    case 'list': {
      const item = converterFor(model, shape.member!);
      return (value) => (item ? (value as unknown[]).map(item) : (value as unknown[]).slice());
    }
    case 'map': {
      const entry = converterFor(model, shape.value!);
      return (value) => {
        const out: Record<string, unknown> = {};
        for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = entry ? entry(inner) : inner;
        return out;
      };
    }
    case 'timestamp':
      return (value) => (value instanceof Date ? value.getTime() / 1000 : value);
    case 'blob':
      return (value) => Buffer.from(value as Uint8Array).toString('base64');
    default:
      return undefined;
  }
}

interface OutputMember {
  name: string;
  ref: MemberRef;
  /** Where it goes: a header (by lower-case name) or the body (under its JSON-quoted wire name). */
  header?: string;
  bodyKey?: string;
}

/** Each output shape's members with where they go, worked out once per shape rather than per response. */
const outputMembers = new WeakMap<Shape, OutputMember[]>();

function outputMembersOf(shape: Shape): OutputMember[] {
  let members = outputMembers.get(shape);
  if (!members) {
    members = Object.entries(shape.members ?? {}).flatMap(([name, ref]): OutputMember[] => {
      if (ref.location === 'header') return [{ name, ref, header: (ref.locationName ?? name).toLowerCase() }];
      return ref.location ? [] : [{ name, ref, bodyKey: JSON.stringify(ref.locationName ?? name) }];
    });
    outputMembers.set(shape, members);
  }
  return members;
}

export function serializeRestJsonResult(model: ServiceModel, operation: Operation, result: unknown): RestResponse {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  let body = '';
  if (operation.output && result) {
    for (const member of outputMembersOf(model.shapes[operation.output.shape])) {
      const value = (result as Record<string, unknown>)[member.name];
      if (value === undefined || value === null) continue;
      if (member.header !== undefined) headers[member.header] = String(value);
      else body += `${body === '' ? '' : ','}${member.bodyKey}:${jsonOf(model, member.ref, value)}`;
    }
  }
  return { status: operation.http.responseCode ?? 200, headers, body: `{${body}}` };
}

/** A member's JSON text; a frozen value's is written once per shape (frozen-text.ts). */
function jsonOf(model: ServiceModel, ref: MemberRef, value: unknown): string {
  const convert = converterFor(model, ref);
  return textOf(model.shapes[ref.shape], value, (fresh) => JSON.stringify(convert ? convert(fresh) : fresh));
}

export function serializeRestJsonError(code: string, message: string, status: number): RestResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ message }),
  };
}
