/**
 * The load generator's HTTP/1.1 client: one keep-alive TCP connection, one request at a time, each
 * request written as bytes serialized before the clock starts, each response parsed only as far as
 * its status and length (and its body when asked for).
 *
 * Why not node:http: the generator shares the machine's 2 cores with the server under test, and at
 * concurrency 1 its own time is on the critical path of every request. node:http's client spends
 * about 0.3 ms of CPU per request here (request and response objects, streams, header bookkeeping),
 * as much as Kiln spends answering; this client spends a fraction of that, so the figures measure
 * the servers rather than the generator (load tools such as wrk and autocannon work the same way).
 * Both servers get the same client.
 *
 * It understands what servers send: Content-Length or chunked bodies, `Connection: close` (moto's
 * server closes after every response; the next request then opens a new connection) and bodies
 * that end when the server closes the connection.
 */
import net from 'node:net';

/** Where a server listens. */
export interface Endpoint {
  host: string;
  port: number;
}

/** A request ready to go on the wire: signed and serialized before any timing starts. */
export interface PreparedRequest {
  method: string;
  /** Path and query string, as sent. */
  path: string;
  /** [name, value, name, value, ...] */
  headers: string[];
  body: Buffer;
  /** The request line, headers and body, as written to the socket. */
  wire: Buffer;
}

export interface Reply {
  status: number;
  /** Read only for failures and when asked for, to keep the generator cheap. */
  body?: string;
}

export const isOk = (status: number) => status >= 200 && status < 300;

/** Serializes a request once. Adds Content-Length when a body needs one and the headers lack it. */
export function prepareRequest(method: string, path: string, headers: string[], body: Buffer = Buffer.alloc(0)): PreparedRequest {
  let head = `${method} ${path} HTTP/1.1\r\n`;
  let hasLength = false;
  for (let i = 0; i < headers.length; i += 2) {
    head += `${headers[i]}: ${headers[i + 1]}\r\n`;
    if (headers[i].toLowerCase() === 'content-length') hasLength = true;
  }
  if (!hasLength && (body.length > 0 || method === 'POST' || method === 'PUT')) head += `content-length: ${body.length}\r\n`;
  const wire = Buffer.concat([Buffer.from(`${head}\r\n`, 'latin1'), body]);
  return { method, path, headers, body, wire };
}

interface Pending {
  resolve(reply: Reply): void;
  reject(error: Error): void;
  readBody: boolean;
  timer?: NodeJS.Timeout;
}

/** A parsed response head: what the body's length is and whether the connection stays open. */
interface Head {
  status: number;
  /** Where the body starts in the buffer. */
  bodyStart: number;
  length?: number;
  chunked: boolean;
  close: boolean;
}

const CRLF_CRLF = Buffer.from('\r\n\r\n');

export class HttpConnection {
  private socket?: net.Socket;
  private buffered: Buffer = Buffer.alloc(0);
  private pending?: Pending;
  private head?: Head;
  private destroyed = false;

  constructor(private readonly target: Endpoint) {}

  /** Sends one request and resolves with its reply; rejects on transport failures and after timeoutMs. */
  request(request: PreparedRequest, options: { readBody?: boolean; timeoutMs?: number } = {}): Promise<Reply> {
    if (this.pending) return Promise.reject(new Error('HttpConnection: one request at a time'));
    if (this.destroyed) return Promise.reject(new Error('HttpConnection: destroyed'));
    return new Promise<Reply>((resolve, reject) => {
      const pending: Pending = { resolve, reject, readBody: options.readBody ?? false };
      if (options.timeoutMs !== undefined) {
        const ms = options.timeoutMs;
        pending.timer = setTimeout(() => this.fail(new Error(`no answer within ${ms} ms`)), ms);
      }
      this.pending = pending;
      (this.socket ?? this.connect()).write(request.wire);
    });
  }

  /** Closes the connection; a request in flight fails. */
  destroy(): void {
    this.destroyed = true;
    this.fail(new Error('connection destroyed'));
  }

  private connect(): net.Socket {
    const socket = net.connect(this.target.port, this.target.host);
    socket.setNoDelay(true);
    socket.on('data', (data: Buffer) => {
      this.buffered = this.buffered.length === 0 ? data : Buffer.concat([this.buffered, data]);
      this.parseOrFail(false);
    });
    socket.on('end', () => this.parseOrFail(true));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => {
      if (this.socket === socket) this.fail(new Error('connection closed before the response ended'));
    });
    this.socket = socket;
    return socket;
  }

  private parseOrFail(ended: boolean): void {
    try {
      this.parse(ended);
    } catch (error) {
      this.fail(error as Error);
    }
  }

  /** Completes the pending request once the buffer holds its whole response. `ended`: the server closed. */
  private parse(ended: boolean): void {
    if (!this.pending) return;
    const head = (this.head ??= this.parseHead());
    if (!head) return;
    let body: Buffer | undefined;
    let rest: Buffer | undefined;
    if (head.chunked) {
      const decoded = decodeChunked(this.buffered, head.bodyStart);
      if (!decoded) return;
      [body, rest] = [decoded.body, this.buffered.subarray(decoded.end)];
    } else if (head.length !== undefined) {
      const end = head.bodyStart + head.length;
      if (this.buffered.length < end) return;
      [body, rest] = [this.buffered.subarray(head.bodyStart, end), this.buffered.subarray(end)];
    } else {
      // No length: the body is everything until the server closes the connection.
      if (!ended) return;
      body = this.buffered.subarray(head.bodyStart);
    }
    const pending = this.pending;
    this.pending = undefined;
    this.head = undefined;
    this.buffered = rest ?? Buffer.alloc(0);
    if (pending.timer) clearTimeout(pending.timer);
    if (head.close || ended) this.dropSocket();
    pending.resolve({ status: head.status, body: pending.readBody || !isOk(head.status) ? body.toString('utf8') : undefined });
  }

  private parseHead(): Head | undefined {
    const end = this.buffered.indexOf(CRLF_CRLF);
    if (end < 0) return undefined;
    const lines = this.buffered.toString('latin1', 0, end).split('\r\n');
    const status = Number(lines[0].slice(9, 12));
    const head: Head = { status, bodyStart: end + 4, chunked: false, close: !lines[0].startsWith('HTTP/1.1') };
    for (let i = 1; i < lines.length; i++) {
      const colon = lines[i].indexOf(':');
      const name = lines[i].slice(0, colon).trim().toLowerCase();
      const value = lines[i].slice(colon + 1).trim().toLowerCase();
      if (name === 'content-length') head.length = Number(value);
      else if (name === 'transfer-encoding') head.chunked = value.includes('chunked');
      else if (name === 'connection') head.close = value === 'close';
    }
    // 1xx, 204 and 304 responses have no body.
    if (status < 200 || status === 204 || status === 304) head.length = 0;
    return head;
  }

  private dropSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }

  private fail(error: Error): void {
    this.dropSocket();
    this.buffered = Buffer.alloc(0);
    this.head = undefined;
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return;
    if (pending.timer) clearTimeout(pending.timer);
    pending.reject(error);
  }
}

/** A chunked body decoded from `from`, and where its encoding ends; undefined while incomplete. */
function decodeChunked(buffer: Buffer, from: number): { body: Buffer; end: number } | undefined {
  const chunks: Buffer[] = [];
  let at = from;
  for (;;) {
    const lineEnd = buffer.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (Number.isNaN(size)) throw new Error(`malformed chunk size line: ${buffer.toString('latin1', at, lineEnd).slice(0, 40)}`);
    at = lineEnd + 2;
    if (size === 0) {
      // The last chunk; then trailer lines, if any, up to an empty line.
      for (;;) {
        const trailerEnd = buffer.indexOf('\r\n', at);
        if (trailerEnd < 0) return undefined;
        if (trailerEnd === at) return { body: Buffer.concat(chunks), end: at + 2 };
        at = trailerEnd + 2;
      }
    }
    if (buffer.length < at + size + 2) return undefined;
    chunks.push(buffer.subarray(at, at + size));
    at += size + 2;
  }
}
