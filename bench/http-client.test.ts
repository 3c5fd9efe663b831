/**
 * The benchmark's HTTP client: against scripted servers that answer the ways real servers do
 * (lengths, chunks, closes, responses split across packets), and against a real Kiln.
 */
import assert from 'node:assert/strict';
import net, { type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { startKiln, type Kiln } from '../src/index.js';
import { HttpConnection, prepareRequest } from './http-client.js';
import { queryBody, signQuery } from './harness.js';

/** One scripted answer: what to write (each a packet of its own), and whether to close the connection after it. */
interface Answer {
  writes: string[];
  close?: boolean;
}

/** A server that answers each request it reads with the next of `answers`. */
async function scriptedServer(answers: Answer[]): Promise<{ port: number; connections: () => number; requests: string[]; close(): Promise<void> }> {
  let next = 0;
  let connections = 0;
  const requests: string[] = [];
  const server = net.createServer((socket) => {
    connections++;
    let received = '';
    socket.on('data', async (data) => {
      received += data.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(received.slice(0, end))?.[1] ?? 0);
      if (received.length < end + 4 + length) return;
      requests.push(received.slice(0, end + 4 + length));
      received = received.slice(end + 4 + length);
      const answer = answers[next++];
      for (const write of answer.writes) {
        socket.write(write);
        // Separate packets: the client must put a response together from pieces.
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (answer.close) socket.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => connections,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const GET = prepareRequest('GET', '/thing?x=1', ['host', 'example']);

type ScriptedServer = Awaited<ReturnType<typeof scriptedServer>>;

/** Runs `check` with a connection to a scripted server, then closes both. */
async function withScriptedServer(answers: Answer[], check: (connection: HttpConnection, server: ScriptedServer) => Promise<void>): Promise<void> {
  const server = await scriptedServer(answers);
  const connection = new HttpConnection({ host: '127.0.0.1', port: server.port });
  try {
    await check(connection, server);
  } finally {
    connection.destroy();
    await server.close();
  }
}

describe('bench HTTP client', () => {
  it('reads Content-Length bodies split across packets and keeps the connection for the next request', async () => {
    await withScriptedServer([
      { writes: ['HTTP/1.1 200 OK\r\nContent-Len', 'gth: 11\r\n\r\nhello', ' world'] },
      { writes: ['HTTP/1.1 404 Not Found\r\ncontent-length: 7\r\n\r\nmissing'] },
    ], async (connection, server) => {
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 200, body: 'hello world' });
      // A failure's body is read even when not asked for.
      assert.deepEqual(await connection.request(GET), { status: 404, body: 'missing' });
      assert.equal(server.connections(), 1);
      assert.match(server.requests[0], /^GET \/thing\?x=1 HTTP\/1\.1\r\nhost: example\r\n\r\n$/);
    });
  });

  it('decodes chunked bodies, with and without trailers', async () => {
    await withScriptedServer([
      { writes: ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n', '6\r\n world\r\n0\r\n', '\r\n'] },
      { writes: ['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: yes\r\n\r\n'] },
    ], async (connection, server) => {
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 200, body: 'hello world' });
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 200, body: 'abc' });
      assert.equal(server.connections(), 1);
    });
  });

  it('opens a new connection after Connection: close, and reads a body that ends with the connection', async () => {
    await withScriptedServer([
      { writes: ['HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok'], close: true },
      { writes: ['HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nuntil ', 'the end'], close: true },
      { writes: ['HTTP/1.1 204 No Content\r\n\r\n'] },
    ], async (connection, server) => {
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 200, body: 'ok' });
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 200, body: 'until the end' });
      assert.deepEqual(await connection.request(GET, { readBody: true }), { status: 204, body: '' });
      assert.equal(server.connections(), 3);
    });
  });

  it('fails a request whose connection closes early, then works again on a new one', async () => {
    await withScriptedServer([
      { writes: ['HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort'], close: true },
      { writes: ['HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'] },
    ], async (connection) => {
      await assert.rejects(connection.request(GET), /closed before the response ended/);
      assert.deepEqual(await connection.request(GET), { status: 200, body: undefined });
    });
  });

  it('gives up after timeoutMs', async () => {
    await withScriptedServer([{ writes: ['HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n'] }], async (connection) => {
      await assert.rejects(connection.request(GET, { timeoutMs: 50 }), /no answer within 50 ms/);
    });
  });

  describe('against Kiln', () => {
    let kiln: Kiln;
    before(async () => {
      kiln = await startKiln({ logLevel: 'silent' });
    });
    after(() => kiln.close());

    it('sends SigV4-signed requests that Kiln accepts, many over one connection', async () => {
      const url = new URL(kiln.endpoint);
      const endpoint = { host: url.hostname, port: Number(url.port) };
      const connection = new HttpConnection(endpoint);
      try {
        for (let i = 0; i < 3; i++) {
          const reply = await connection.request(await signQuery(endpoint, 'sts', queryBody('sts', 'GetCallerIdentity')), { readBody: true });
          assert.equal(reply.status, 200);
          assert.match(reply.body!, /<Arn>arn:aws:iam::\d{12}:root<\/Arn>/);
        }
        const unsigned = await connection.request(prepareRequest('POST', '/', ['host', url.host, 'content-type', 'application/x-www-form-urlencoded'], Buffer.from(queryBody('sts', 'GetCallerIdentity'))));
        assert.equal(unsigned.status, 403);
        assert.match(unsigned.body!, /MissingAuthenticationToken|InvalidClientTokenId|AccessDenied|IncompleteSignature/);
      } finally {
        connection.destroy();
      }
    });
  });
});
