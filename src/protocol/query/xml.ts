/**
 * awsQuery output: a typed result → `<OpResponse xmlns=...><OpResult>...</OpResult>
 * <ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`, and the error envelope.
 */
import type { MemberRef, Operation, ServiceModel, Shape } from '../model.js';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

function scalarText(shape: Shape, value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (shape.type === 'blob') return Buffer.from(value as Uint8Array).toString('base64');
  const text = String(value);
  return escapeXml(shape['kiln:urlEncoded'] ? encodeURIComponent(text) : text);
}

function writeValue(model: ServiceModel, ref: MemberRef, value: unknown, out: string[]): void {
  const shape = model.shapes[ref.shape];
  switch (shape.type) {
    case 'structure':
      writeMembers(model, shape, value as Record<string, unknown>, out);
      return;
    case 'list': {
      const tag = shape.member!.locationName ?? 'member';
      for (const item of value as unknown[]) {
        out.push(`<${tag}>`);
        writeValue(model, shape.member!, item, out);
        out.push(`</${tag}>`);
      }
      return;
    }
    case 'map':
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        out.push(`<entry><key>${escapeXml(key)}</key><value>`);
        writeValue(model, shape.value!, inner, out);
        out.push('</value></entry>');
      }
      return;
    default:
      out.push(scalarText(shape, value));
  }
}

function writeMembers(model: ServiceModel, shape: Shape, value: Record<string, unknown>, out: string[]): void {
  for (const [name, ref] of Object.entries(shape.members ?? {})) {
    const inner = value[name];
    if (inner === undefined || inner === null) continue;
    const tag = ref.locationName ?? name;
    out.push(`<${tag}>`);
    writeValue(model, ref, inner, out);
    out.push(`</${tag}>`);
  }
}

export function serializeQueryResult(model: ServiceModel, operation: Operation, result: unknown, requestId: string): string {
  const out = [`<${operation.name}Response xmlns="${model.metadata.xmlNamespace}">`];
  if (operation.output) {
    const wrapper = operation.output.resultWrapper ?? `${operation.name}Result`;
    out.push(`<${wrapper}>`);
    if (result) writeMembers(model, model.shapes[operation.output.shape], result as Record<string, unknown>, out);
    out.push(`</${wrapper}>`);
  }
  out.push(`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation.name}Response>`);
  return out.join('');
}

export function serializeQueryError(namespace: string, code: string, message: string, senderFault: boolean, requestId: string): string {
  return `<ErrorResponse xmlns="${namespace}"><Error><Type>${senderFault ? 'Sender' : 'Receiver'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}
