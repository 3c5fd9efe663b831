/**
 * Strict `application/x-www-form-urlencoded` decoding: `+` is a space, `%XX` a byte, and the
 * bytes must be valid UTF-8. URLSearchParams would silently replace bad bytes; AWS rejects them.
 */
const utf8 = new TextDecoder('utf-8', { fatal: true });

export class MalformedFormError extends Error {}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 65 && code <= 70) return code - 55;
  if (code >= 97 && code <= 102) return code - 87;
  return -1;
}

function decodeComponent(bytes: Buffer, start: number, end: number): string {
  // Most names and values are plain ASCII (no `%`, no `+`): they are their own text.
  let plain = true;
  for (let i = start; i < end && plain; i++) {
    const b = bytes[i];
    plain = b !== 0x25 && b !== 0x2b && b < 0x80;
  }
  if (plain) return bytes.toString('latin1', start, end);
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  let ascii = true;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b === 0x2b) out[n++] = 0x20;
    else if (b === 0x25) {
      const hi = i + 2 < end ? hexValue(bytes[i + 1]) : -1;
      const lo = i + 2 < end ? hexValue(bytes[i + 2]) : -1;
      if (hi < 0 || lo < 0) throw new MalformedFormError('Malformed percent-encoding in the request.');
      out[n++] = hi * 16 + lo;
      i += 2;
    } else out[n++] = b;
    if (out[n - 1] >= 0x80) ascii = false;
  }
  if (ascii) return out.toString('latin1', 0, n);
  try {
    return utf8.decode(out.subarray(0, n));
  } catch {
    throw new MalformedFormError('The request contains invalid UTF-8.');
  }
}

/** Decodes a form body or query string into its name/value pairs, in order. */
export function decodeForm(input: Uint8Array | string): Array<[string, string]> {
  const bytes = typeof input === 'string' ? Buffer.from(input, 'latin1') : Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const pairs: Array<[string, string]> = [];
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(0x26, start);
    if (end < 0) end = bytes.length;
    if (end > start) {
      let eq = bytes.indexOf(0x3d, start);
      if (eq < 0 || eq > end) eq = end;
      pairs.push([decodeComponent(bytes, start, eq), eq < end ? decodeComponent(bytes, eq + 1, end) : '']);
    }
    start = end + 1;
  }
  return pairs;
}
