/**
 * AWS Signature Version 4 verification (header-signed and presigned requests), using only node:crypto.
 *
 * The canonicalisation mirrors what the real signers produce for non-S3 services:
 * @smithy/signature-v4 (AWS SDK for JavaScript v3) and botocore's SigV4Auth/SigV4QueryAuth (boto3, aws CLI).
 * Error texts are AWS's own where they are known; the few that are inferred say so where they are defined.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedRequest {
  method: string;
  /** The raw request path exactly as received on the wire (still percent-encoded), without the query string. */
  path: string;
  /** The raw query string as received, without the leading '?', possibly ''. */
  query: string;
  /** Node's IncomingHttpHeaders: lower-case names; values string or string[]. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ParsedSignature {
  accessKeyId: string;
  /** YYYYMMDD from the credential scope. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** YYYYMMDDTHHMMSSZ */
  amzDate: string;
  securityToken?: string;
  presigned: boolean;
  expiresSeconds?: number;
}

export type SigV4FailureKind = 'incomplete' | 'mismatch' | 'expired' | 'not-yet-valid';

export class SigV4Error extends Error {
  constructor(
    readonly kind: SigV4FailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SigV4Error';
  }
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';
const MAX_PRESIGN_SECONDS = 7 * 24 * 60 * 60;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const MISMATCH_MESSAGE =
  'The request signature we calculated does not match the signature you provided. ' +
  'Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

const incomplete = (message: string) => new SigV4Error('incomplete', message);
const mismatch = (message = MISMATCH_MESSAGE) => new SigV4Error('mismatch', message);

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/**
 * Returns undefined when the request carries no credentials at all (no Authorization header and no
 * X-Amz-Algorithm/X-Amz-Credential query parameters). Throws SigV4Error('incomplete', ...) when they are
 * present but malformed, or SigV4Error('mismatch', ...) for the two structural faults AWS reports as
 * InvalidSignature (both auth forms at once; a scope terminator other than aws4_request).
 * Region and service are returned, not checked: which scopes to accept is the caller's decision.
 */
export function parseSignature(req: SignedRequest): ParsedSignature | undefined {
  const authorization = headerValue(req, 'authorization');
  const query = queryMap(parseQuery(req.query));
  const hasQueryAuth = query.has('X-Amz-Algorithm') || query.has('X-Amz-Credential');
  if (authorization !== undefined && hasQueryAuth) {
    throw mismatch("Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
  }
  let parsed: ParsedSignature;
  if (authorization !== undefined) parsed = parseAuthorizationHeader(req, authorization);
  else if (hasQueryAuth) parsed = parsePresignedQuery(query);
  else return undefined;
  assertSignedHeadersPresent(req, parsed.signedHeaders);
  return parsed;
}

function parseAuthorizationHeader(req: SignedRequest, authorization: string): ParsedSignature {
  // AWS splits on whitespace and commas, so "Credential= AKID/..." fails on the orphaned "AKID/..." token.
  const tokens = authorization.split(/[\s,]+/);
  let algorithm: string | undefined;
  const params = new Map<string, string>();
  for (const token of tokens) {
    if (token === '') continue;
    if (algorithm === undefined) {
      algorithm = token;
      continue;
    }
    const eq = token.indexOf('=');
    if (eq < 0) {
      throw incomplete(
        `'${token}' not a valid key=value pair (missing equal-sign) in Authorization header: '${authorization}'.`,
      );
    }
    params.set(token.slice(0, eq), token.slice(eq + 1));
  }

  const amzDateHeader = headerValue(req, 'x-amz-date');
  const dateHeader = headerValue(req, 'date');
  const credential = params.get('Credential');
  const signature = params.get('Signature');
  const signedHeaders = params.get('SignedHeaders');
  if (!credential || !signature || !signedHeaders || (amzDateHeader === undefined && dateHeader === undefined)) {
    const missing = (['Credential', 'Signature', 'SignedHeaders'] as const)
      .filter((name) => !params.get(name))
      .map((name) => `Authorization header requires '${name}' parameter. `);
    if (amzDateHeader === undefined && dateHeader === undefined) {
      missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    throw incomplete(`${missing.join('')}Authorization=${authorization}`);
  }

  const amzDate = amzDateHeader !== undefined ? checkAmzDate(amzDateHeader) : httpDateToAmzDate(dateHeader!);
  checkAlgorithm(algorithm ?? '');
  const { accessKeyId, date, region, service } = parseCredential(credential);
  // Built field by field: object spread costs microseconds per call on V8, and this runs on every request.
  const parsed: ParsedSignature = {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: signedHeaders.split(';'),
    signature,
    amzDate,
    presigned: false,
  };
  const securityToken = headerValue(req, 'x-amz-security-token');
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  return parsed;
}

function parsePresignedQuery(query: Map<string, string>): ParsedSignature {
  const required = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'];
  const missing = required.filter((name) => !query.get(name));
  if (missing.length > 0) {
    const each = missing.map((name) => `AWS query-string parameters must include '${name}'. `).join('');
    throw incomplete(`${each}Re-examine the query-string parameters.`);
  }
  checkAlgorithm(query.get('X-Amz-Algorithm')!);
  const amzDate = checkAmzDate(query.get('X-Amz-Date')!);
  const { accessKeyId, date, region, service } = parseCredential(query.get('X-Amz-Credential')!);
  const parsed: ParsedSignature = {
    accessKeyId,
    date,
    region,
    service,
    signedHeaders: query.get('X-Amz-SignedHeaders')!.split(';'),
    signature: query.get('X-Amz-Signature')!,
    amzDate,
    presigned: true,
  };
  const securityToken = query.get('X-Amz-Security-Token');
  if (securityToken !== undefined) parsed.securityToken = securityToken;
  const expires = query.get('X-Amz-Expires');
  if (expires !== undefined) parsed.expiresSeconds = parseExpires(expires);
  return parsed;
}

function checkAlgorithm(algorithm: string): void {
  // AWS's text as returned by DynamoDB; assumed to be shared by the other services.
  if (algorithm !== ALGORITHM) {
    throw incomplete(`Unsupported AWS 'algorithm': '${algorithm}' (only ${ALGORITHM} for now).`);
  }
}

function parseCredential(credential: string): Pick<ParsedSignature, 'accessKeyId' | 'date' | 'region' | 'service'> {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    throw incomplete(
      'Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, ' +
        `got '${credential}'`,
    );
  }
  const [accessKeyId, date, region, service, terminator] = parts;
  if (terminator !== TERMINATOR) {
    throw mismatch(`Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`);
  }
  return { accessKeyId, date, region, service };
}

/**
 * S3's AuthorizationQueryParametersError texts; the non-S3 services' wording for a bad X-Amz-Expires is
 * not documented, so these are inferred from S3.
 */
function parseExpires(raw: string): number {
  if (!/^-?\d+$/.test(raw)) throw incomplete('X-Amz-Expires should be a number');
  const seconds = Number(raw);
  if (seconds < 0) throw incomplete('X-Amz-Expires must be non-negative');
  if (seconds > MAX_PRESIGN_SECONDS) {
    throw incomplete(
      'X-Amz-Expires must be less than a week (in seconds); ' +
        `that is, the given X-Amz-Expires must be less than ${MAX_PRESIGN_SECONDS} seconds`,
    );
  }
  return seconds;
}

function checkAmzDate(raw: string): string {
  if (parseAmzDate(raw) === undefined) throw badDate(raw);
  return raw;
}

/** The RFC 1123 `Date` header stands in for X-Amz-Date when the latter is absent. */
function httpDateToAmzDate(raw: string): string {
  const ms = Date.parse(raw);
  // Inferred: AWS's text for an unparseable Date header is not known, so the X-Amz-Date one is reused.
  if (Number.isNaN(ms)) throw badDate(raw);
  return formatAmzDate(ms);
}

function badDate(raw: string): SigV4Error {
  return incomplete(`Date must be in ISO-8601 'basic format'. Got '${raw}'. See http://en.wikipedia.org/wiki/ISO_8601`);
}

function assertSignedHeadersPresent(req: SignedRequest, signedHeaders: string[]): void {
  for (const name of signedHeaders) {
    if (req.headers[name.toLowerCase()] === undefined) {
      throw incomplete(`'${name}' is named as a SignedHeader, but it does not exist in the HTTP request.`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

/** Throws SigV4Error unless the request was signed with this secret and is within the allowed time window. */
export function verifySignature(
  req: SignedRequest,
  parsed: ParsedSignature,
  secretAccessKey: string,
  now: Date,
  maxSkewMinutes = 15,
): void {
  checkTimeWindow(parsed, now, maxSkewMinutes);
  checkScopeDate(parsed);
  const query = parseQuery(req.query);
  const declared = declaredPayloadHash(req, parsed, query);
  // A declared hex digest is what gets signed, so it must also describe the body actually received.
  if (declared !== undefined && HEX_SHA256.test(declared) && declared.toLowerCase() !== sha256Hex(req.body)) {
    throw mismatch();
  }
  const canonical = buildCanonicalRequest(req, parsed, query, declared ?? sha256Hex(req.body));
  const expected = createHmac('sha256', signingKey(secretAccessKey, parsed))
    .update(stringToSign(parsed, canonical))
    .digest('hex');
  if (!constantTimeEquals(expected, parsed.signature)) throw mismatch();
}

function checkTimeWindow(parsed: ParsedSignature, now: Date, maxSkewMinutes: number): void {
  const signedAt = parseAmzDate(parsed.amzDate)!;
  const nowMs = now.getTime();
  const skewMs = maxSkewMinutes * 60_000;
  if (signedAt > nowMs + skewMs) {
    throw new SigV4Error(
      'not-yet-valid',
      `Signature not yet current: ${parsed.amzDate} is still later than ${formatAmzDate(nowMs + skewMs)} ` +
        `(${formatAmzDate(nowMs)} + ${maxSkewMinutes} min.)`,
    );
  }
  if (parsed.expiresSeconds !== undefined) {
    // EC2's RequestExpired text; AWS's wording for other query-API services is assumed to match.
    if (nowMs > signedAt + parsed.expiresSeconds * 1000) throw new SigV4Error('expired', 'Request has expired.');
    return;
  }
  if (signedAt < nowMs - skewMs) {
    throw new SigV4Error(
      'expired',
      `Signature expired: ${parsed.amzDate} is now earlier than ${formatAmzDate(nowMs - skewMs)} ` +
        `(${formatAmzDate(nowMs)} - ${maxSkewMinutes} min.)`,
    );
  }
}

function checkScopeDate(parsed: ParsedSignature): void {
  const requestDate = parsed.amzDate.slice(0, 8);
  if (parsed.date !== requestDate) {
    throw mismatch(
      'Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: ' +
        `'${parsed.date}' != '${requestDate}', from '${parsed.amzDate}'.`,
    );
  }
}

/**
 * The payload hash the signer put into the canonical request: its x-amz-content-sha256 header when it
 * sent one (SDK v3 does by default; a presigner may have hoisted it into the query), else the body's digest.
 */
function declaredPayloadHash(req: SignedRequest, parsed: ParsedSignature, query: QueryParam[]): string | undefined {
  const header = headerValue(req, 'x-amz-content-sha256');
  if (header !== undefined || !parsed.presigned) return header;
  return query.find((p) => p.key.toLowerCase() === 'x-amz-content-sha256')?.value;
}

/** The string-to-sign for a canonical request; exported with canonicalRequest for debugging mismatches. */
export function stringToSign(parsed: ParsedSignature, canonical: string): string {
  const scope = `${parsed.date}/${parsed.region}/${parsed.service}/${TERMINATOR}`;
  return `${ALGORITHM}\n${parsed.amzDate}\n${scope}\n${sha256Hex(canonical)}`;
}

function constantTimeEquals(expected: string, provided: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(provided);
  return a.length === b.length && timingSafeEqual(a, b);
}

// Deriving the key costs four HMACs; it only changes per secret, day, region and service.
const SIGNING_KEY_CACHE_SIZE = 256;
const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, parsed: ParsedSignature): Buffer {
  const cacheKey = `${secret}\0${parsed.date}\0${parsed.region}\0${parsed.service}`;
  let key = signingKeys.get(cacheKey);
  if (key === undefined) {
    key = [parsed.date, parsed.region, parsed.service, TERMINATOR].reduce<Buffer>(
      (k, part) => createHmac('sha256', k).update(part).digest(),
      Buffer.from(`AWS4${secret}`),
    );
    if (signingKeys.size >= SIGNING_KEY_CACHE_SIZE) signingKeys.delete(signingKeys.keys().next().value!);
    signingKeys.set(cacheKey, key);
  }
  return key;
}

// ---------------------------------------------------------------------------------------------
// Canonical request
// ---------------------------------------------------------------------------------------------

/** The canonical request the signer must have hashed; exported for debugging mismatches. */
export function canonicalRequest(req: SignedRequest, parsed: ParsedSignature): string {
  const query = parseQuery(req.query);
  return buildCanonicalRequest(req, parsed, query, declaredPayloadHash(req, parsed, query) ?? sha256Hex(req.body));
}

function buildCanonicalRequest(
  req: SignedRequest,
  parsed: ParsedSignature,
  query: QueryParam[],
  payloadHash: string,
): string {
  const headerLines = parsed.signedHeaders.map(
    (name) => `${name}:${canonicalHeaderValue(req.headers[name.toLowerCase()])}\n`,
  );
  return [
    req.method,
    canonicalUri(req.path),
    canonicalQuery(query, parsed.presigned),
    headerLines.join(''),
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
}

/**
 * Non-S3 signers remove empty and dot segments (SDK v3 getCanonicalPath, botocore remove_dot_segments)
 * and then URI-encode the already-encoded wire path once more, so `%3A` is signed as `%253A`.
 */
function canonicalUri(rawPath: string): string {
  if (rawPath === '') return '/';
  const segments: string[] = [];
  for (const segment of rawPath.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const leading = rawPath.startsWith('/') ? '/' : '';
  const trailing = rawPath.endsWith('/') && segments.length > 0 ? '/' : '';
  return leading + segments.map(uriEscape).join('/') + trailing;
}

function canonicalQuery(params: QueryParam[], presigned: boolean): string {
  return params
    .filter((p) => !(presigned && p.key === 'X-Amz-Signature'))
    .map((p) => [uriEscape(p.key), uriEscape(p.value)] as const)
    .sort(([ak, av], [bk, bv]) => compareStrings(ak, bk) || compareStrings(av, bv))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/** Trim, collapse inner whitespace runs, and join repeated headers with ',' (as botocore does). */
function canonicalHeaderValue(value: string | string[] | undefined): string {
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return values.map((v) => v.trim().replace(/\s+/g, ' ')).join(',');
}

interface QueryParam {
  key: string;
  value: string;
}

/**
 * Split on '&' and the first '=', then percent-decode. A literal '+' stays a plus: the signers
 * send spaces as %20 and '+' as %2B, and SDK v3 treats a raw '+' as a plus when it parses a URL.
 */
function parseQuery(raw: string): QueryParam[] {
  if (raw === '') return [];
  return raw
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const eq = pair.indexOf('=');
      return eq < 0
        ? { key: percentDecode(pair), value: '' }
        : { key: percentDecode(pair.slice(0, eq)), value: percentDecode(pair.slice(eq + 1)) };
    });
}

function queryMap(params: QueryParam[]): Map<string, string> {
  return new Map(params.map((p) => [p.key, p.value]));
}

/** Malformed escapes are kept verbatim rather than rejected; the signature check then decides. */
function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** RFC 3986 encoding: everything but A-Z a-z 0-9 - _ . ~ (encodeURIComponent also spares !'()*). */
function uriEscape(s: string): string {
  if (UNRESERVED_ONLY.test(s)) return s;
  const encoded = encodeURIComponent(s);
  return SPARED_BY_ENCODE_URI_COMPONENT.test(encoded) ? encoded.replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`) : encoded;
}

const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const SPARED_BY_ENCODE_URI_COMPONENT = /[!'()*]/;

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

function headerValue(req: SignedRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function sha256Hex(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** The last stamp parsed: a client's requests within one second (and each request's second look) share it. */
let lastStamp = '';
let lastStampMs: number | undefined;

/** Epoch milliseconds of a valid YYYYMMDDTHHMMSSZ stamp, else undefined (rejects e.g. Feb 30th). */
function parseAmzDate(stamp: string): number | undefined {
  if (stamp === lastStamp) return lastStampMs;
  const m = AMZ_DATE.exec(stamp);
  let ms: number | undefined;
  if (m !== null) {
    const y = +m[1], mo = +m[2], d = +m[3], h = +m[4], mi = +m[5], s = +m[6];
    const inRange = mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) && h < 24 && mi < 60 && s < 60;
    ms = inRange ? Date.UTC(y, mo - 1, d, h, mi, s) : undefined;
  }
  lastStamp = stamp;
  lastStampMs = ms;
  return ms;
}

function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
}
