/**
 * IP addresses and CIDR blocks for `IpAddress` / `NotIpAddress` (RFC 4632 for IPv4, RFC 4291
 * text forms for IPv6, including `::` and an embedded dotted IPv4 tail). A policy value without
 * a prefix length is a single address (/32 or /128).
 */

export interface IpAddress {
  /** 4 or 6. */
  version: 4 | 6;
  /** One 32-bit word for IPv4, four for IPv6 (most significant first). */
  words: Uint32Array;
}

export interface Cidr extends IpAddress {
  prefix: number;
}

let lastText: string | undefined;
let lastAddress: IpAddress | undefined;

/** Parses an address; the last answer is kept (a request's aws:SourceIp is read by many conditions). */
export function parseIp(text: string): IpAddress | undefined {
  if (text === lastText) return lastAddress;
  lastAddress = text.includes(':') ? parseIpv6(text) : parseIpv4(text);
  lastText = text;
  return lastAddress;
}

export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const address = parseIp(slash < 0 ? text : text.slice(0, slash));
  if (!address) return undefined;
  const max = address.version === 4 ? 32 : 128;
  if (slash < 0) return { ...address, prefix: max };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  return prefix > max ? undefined : { ...address, prefix };
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.version !== address.version) return false;
  let bits = cidr.prefix;
  for (let i = 0; i < cidr.words.length && bits > 0; i++, bits -= 32) {
    const mask = bits >= 32 ? 0xffffffff : (0xffffffff << (32 - bits)) >>> 0;
    if (((cidr.words[i] & mask) >>> 0) !== ((address.words[i] & mask) >>> 0)) return false;
  }
  return true;
}

function parseIpv4(text: string): IpAddress | undefined {
  const value = ipv4Word(text);
  return value === undefined ? undefined : { version: 4, words: Uint32Array.of(value) };
}

function ipv4Word(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

function parseIpv6(text: string): IpAddress | undefined {
  const zone = text.indexOf('%');
  if (zone >= 0) text = text.slice(0, zone);
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return undefined;
  const total = head.length + tail.length;
  if (halves.length === 1 ? total !== 8 : total > 7) return undefined;
  const all = [...head, ...new Array<number>(8 - total).fill(0), ...tail];
  const words = new Uint32Array(4);
  for (let i = 0; i < 4; i++) words[i] = ((all[2 * i] << 16) | all[2 * i + 1]) >>> 0;
  return { version: 6, words };
}

/** The 16-bit groups of one side of `::`; a trailing dotted IPv4 counts as two groups. */
function groups(text: string): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = ipv4Word(part);
      if (v4 === undefined) return undefined;
      out.push(v4 >>> 16, v4 & 0xffff);
    } else {
      if (!/^[0-9a-fA-F]{1,4}$/.test(part)) return undefined;
      out.push(parseInt(part, 16));
    }
  }
  return out;
}
