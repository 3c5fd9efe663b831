/**
 * awsQuery output: a typed result → `<OpResponse xmlns=...><OpResult>...</OpResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`, and the error envelope.
 */
import { textOf } from '../frozen-text.js';
import type { MemberRef, Operation, ServiceModel, Shape } from '../model.js';

const NEEDS_ESCAPE = /[&<>"']/;

export function escapeXml(text: string): string {
  // Most values need no escaping; testing first avoids a replace on each of them.
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

function scalarText(shape: Shape, value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (shape.type === 'blob') return Buffer.from(value as Uint8Array).toString('base64');
  const text = String(value);
  return escapeXml(shape['kiln:urlEncoded'] ? encodeURIComponent(text) : text);
}

interface MemberWriter {
  name: string;
  ref: MemberRef;
  open: string;
  close: string;
}

/** Each structure's members with their tags, worked out once per shape rather than per value. */
const memberWriters = new WeakMap<Shape, MemberWriter[]>();

function membersOf(shape: Shape): MemberWriter[] {
  let writers = memberWriters.get(shape);
  if (!writers) {
    writers = Object.entries(shape.members ?? {}).map(([name, ref]) => {
      const tag = ref.locationName ?? name;
      return { name, ref, open: `<${tag}>`, close: `</${tag}>` };
    });
    memberWriters.set(shape, writers);
  }
  return writers;
}

/** A frozen value's XML is written once per shape (frozen-text.ts). */
function writeValue(model: ServiceModel, ref: MemberRef, value: unknown): string {
  return textOf(model.shapes[ref.shape], value, (fresh) => writeFresh(model, ref, fresh));
}

/** Appends to one string: V8 builds long strings from many small pieces cheaply. */
function writeFresh(model: ServiceModel, ref: MemberRef, value: unknown): string {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure':
      return writeMembers(model, shape, value as Record<string, unknown>);
    case 'list': {
      const tag = shape.member!.locationName ?? 'member';
      let out = '';
      for (const item of value as unknown[]) out += `<${tag}>${writeValue(model, shape.member!, item)}</${tag}>`;
      return out;
    }
    case 'map': {
      let out = '';
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        out += `<entry><key>${escapeXml(key)}</key><value>${writeValue(model, shape.value!, inner)}</value></entry>`;
      }
      return out;
    }
    default:
      return scalarText(shape, value);
  }
}

function writeMembers(model: ServiceModel, shape: Shape, value: Record<string, unknown>): string {
  let out = '';
  for (const member of membersOf(shape)) {
    const inner = value[member.name];
    if (inner === undefined || inner === null) continue;
    out += member.open + writeValue(model, member.ref, inner) + member.close;
  }
  return out;
}

export function serializeQueryResult(model: ServiceModel, operation: Operation, result: unknown, requestId: string): string {
  let out = `<${operation.name}Response xmlns="${model.metadata.xmlNamespace}">`;
  if (operation.output) {
    const wrapper = operation.output.resultWrapper ?? `${operation.name}Result`;
    const body = result ? writeMembers(model, model.shapes[operation.output.shape], result as Record<string, unknown>) : '';
    out += `<${wrapper}>${body}</${wrapper}>`;
  }
  return `${out}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation.name}Response>`;
}

export function serializeQueryError(namespace: string, code: string, message: string, senderFault: boolean, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${senderFault ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
