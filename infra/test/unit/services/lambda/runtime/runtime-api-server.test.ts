import { existsSync } from 'node:fs';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type RuntimeApiRequest,
  RuntimeApiServer,
} from '../../../../../src/services/lambda/runtime/runtime-api-server.js';

let server: RuntimeApiServer | undefined;
afterEach(() => server?.close());

async function serve(limit = 1024): Promise<{ address: string; requests: RuntimeApiRequest[] }> {
  const requests: RuntimeApiRequest[] = [];
  server = new RuntimeApiServer((request, reply) => {
    requests.push(request);
    reply(202, `{"seen":${request.body.length}}`, { 'X-Test': 'yes' });
  }, limit);
  return { address: (await server.listen({ unixSocket: false })).address, requests };
}

/** Sends raw bytes (possibly in pieces) and collects what comes back until the server has answered `count` times. */
function exchange(address: string, pieces: string[], count = 1): Promise<string> {
  const [host, port] = address.split(':');
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), host as string);
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString();
      if (received.split('HTTP/1.1 ').length - 1 >= count && /\r\n\r\n[\s\S]*\}$/.test(received)) {
        socket.end();
        resolve(received);
      }
    });
    socket.on('error', reject);
    for (const [i, piece] of pieces.entries()) setTimeout(() => socket.write(piece), 5 * (i + 1));
  });
}

describe('RuntimeApiServer', () => {
  it('parses a request with a Content-Length body split across packets', async () => {
    const { address, requests } = await serve();
    const body = '{"result":"done"}';

    const response = await exchange(address, [
      'POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nHost: x\r\nContent-Le',
      `ngth: ${body.length}\r\n\r\n{"res`,
      'ult":"done"}',
    ]);

    expect(requests[0]?.method).toBe('POST');
    expect(requests[0]?.path).toBe('/2018-06-01/runtime/invocation/abc/response');
    expect(requests[0]?.body.toString()).toBe(body);
    expect(response).toMatch(/^HTTP\/1\.1 202 Accepted\r\n/);
    expect(response).toContain('Content-Length: 11\r\n');
    expect(response).toContain('X-Test: yes\r\n');
  });

  it('decodes a chunked body as curl sends one from stdin', async () => {
    const { address, requests } = await serve();

    await exchange(address, [
      'POST /r HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n',
      '5\r\nhello\r\n',
      '6\r\n world\r\n0\r\n\r\n',
    ]);

    expect(requests[0]?.body.toString()).toBe('hello world');
  });

  it('answers two keep-alive requests on one connection in order', async () => {
    const { address, requests } = await serve();

    const response = await exchange(
      address,
      ['GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\n\r\n'],
      2,
    );

    expect(requests.map((r) => r.path)).toEqual(['/a', '/b']);
    expect(response.match(/HTTP\/1\.1 202/g)).toHaveLength(2);
  });

  it('flags a body over the limit instead of keeping it', async () => {
    const { address, requests } = await serve(10);

    await exchange(address, ['POST /r HTTP/1.1\r\nContent-Length: 20\r\n\r\n', '01234567890123456789']);

    expect(requests[0]?.bodyTooLarge).toBe(true);
    expect(requests[0]?.body.length).toBe(0);
  });

  it('answers a malformed request line with 400', async () => {
    const { address } = await serve();

    const response = await exchange(address, ['NONSENSE\r\n\r\n']);

    expect(response).toMatch(/^HTTP\/1\.1 400 /);
  });

  it('holds the answer to a posted result until the pipelined next is answered, then sends both at once', async () => {
    server = new RuntimeApiServer((request, reply) => {
      if (request.method === 'POST') reply(202, '{"status":"OK"}');
      else setTimeout(() => reply(200, '{"event":1}'), 50);
    }, 1024);
    const [host, port] = (await server.listen({ unixSocket: false })).address.split(':');
    const socket = net.connect(Number(port), host as string);
    const arrivals: Array<{ at: number; text: string }> = [];
    socket.on('data', (chunk) => arrivals.push({ at: Date.now(), text: chunk.toString() }));
    const sentAt = Date.now();

    socket.write('POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}GET /next HTTP/1.1\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 150));
    socket.destroy();

    expect(arrivals).toHaveLength(1);
    expect((arrivals[0]?.at ?? 0) - sentAt).toBeGreaterThanOrEqual(45);
    expect(arrivals[0]?.text).toMatch(
      /^HTTP\/1\.1 202 Accepted[\s\S]*HTTP\/1\.1 200 OK[\s\S]*\{"event":1\}$/,
    );
  });

  it('answers a lone request at once', async () => {
    server = new RuntimeApiServer((_request, reply) => reply(202, '{"status":"OK"}'), 1024);
    const { address } = await server.listen({ unixSocket: false });

    const response = await exchange(address, ['POST /r HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}']);

    expect(response).toMatch(/^HTTP\/1\.1 202 Accepted/);
  });

  it('serves the same API on a Unix socket when asked, and removes the socket file on close', async () => {
    const requests: RuntimeApiRequest[] = [];
    const unixServer = new RuntimeApiServer((request, reply) => {
      requests.push(request);
      reply(202, '{"status":"OK"}');
    }, 1024);
    server = unixServer;
    const { socketPath } = await unixServer.listen({ unixSocket: true });

    const socket = net.connect(socketPath as string);
    const answer = await new Promise<string>((resolve) => {
      socket.on('data', (chunk) => resolve(chunk.toString()));
      socket.write('GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\n\r\n');
    });
    socket.destroy();
    unixServer.close();

    expect(requests[0]?.path).toBe('/2018-06-01/runtime/invocation/next');
    expect(answer).toMatch(/^HTTP\/1\.1 202 Accepted/);
    expect(existsSync(socketPath as string)).toBe(false);
  });
});
