import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseParser } from '../../../../../../src/services/lambda/runtime/node-client/http-response.js';
import { RuntimeConnection } from '../../../../../../src/services/lambda/runtime/node-client/runtime-connection.js';

const servers: net.Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** A raw TCP server that answers each connection's n-th request chunk with `answers[n]`. */
async function rawServer(
  answer: (request: string, connection: number) => string | undefined,
): Promise<number> {
  let connections = 0;
  const server = net.createServer((socket) => {
    const connection = connections++;
    socket.on('data', (chunk) => {
      const reply = answer(chunk.toString('latin1'), connection);
      if (reply !== undefined) socket.write(reply);
      if (reply?.includes('Connection: close')) socket.end();
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

const ok = (body: string, extra = '') =>
  `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('Runtime API response parser', () => {
  it('assembles a response whose head and body arrive in pieces', () => {
    const parser = new ResponseParser();
    const wire = ok('{"a":"é"}', 'Lambda-Runtime-Aws-Request-Id: abc\r\n');

    const results = [...Buffer.from(wire)].map((byte) => parser.push(Buffer.from([byte])));

    const response = results.at(-1);
    expect(results.slice(0, -1).every((result) => result === undefined)).toBe(true);
    expect(response?.status).toBe(200);
    expect(response?.headers.get('lambda-runtime-aws-request-id')).toBe('abc');
    expect(response?.body.toString('utf8')).toBe('{"a":"é"}');
  });

  it('separates pipelined responses that arrive in one chunk', () => {
    const parser = new ResponseParser();

    const first = parser.push(
      Buffer.from(`HTTP/1.1 202 Accepted\r\nContent-Length: 2\r\n\r\n{}${ok('[1]')}`),
    );
    const second = parser.next();

    expect(first?.status).toBe(202);
    expect(second?.body.toString()).toBe('[1]');
    expect(parser.next()).toBeUndefined();
  });

  it('reads a body without Content-Length until the connection ends', () => {
    const parser = new ResponseParser();

    const pending = parser.push(Buffer.from('HTTP/1.0 200 OK\r\n\r\nall of it'));
    const response = parser.end();

    expect(pending).toBeUndefined();
    expect(response).toMatchObject({ status: 200, closes: true });
    expect(response?.body.toString()).toBe('all of it');
  });

  it('rejects chunked responses, which the Runtime API never sends', () => {
    const parser = new ResponseParser();

    expect(() => parser.push(Buffer.from('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n'))).toThrow(
      /chunked/,
    );
  });
});

describe('Runtime API connection', () => {
  it('pipelines requests on one connection and resolves them in order', async () => {
    const port = await rawServer((request) =>
      request.includes('/second') ? `${ok('"one"')}${ok('"two"')}` : undefined,
    );
    const connection = new RuntimeConnection({ host: '127.0.0.1', port });

    const [first, second] = connection.send(
      'GET /first HTTP/1.1\r\nHost: x\r\n\r\n',
      'GET /second HTTP/1.1\r\nHost: x\r\n\r\n',
    );

    expect((await first)?.body.toString()).toBe('"one"');
    expect((await second)?.body.toString()).toBe('"two"');
  });

  it('re-sends what was pipelined behind a response that closes the connection', async () => {
    const seen: string[] = [];
    const port = await rawServer((request, connection) => {
      const paths = [...request.matchAll(/^(?:GET|POST) (\S+)/gm)].map((match) => match[1]);
      seen.push(`${connection}:${paths.join(',')}`);
      return connection === 0 ? ok('"posted"', 'Connection: close\r\n') : ok('"event"');
    });
    const connection = new RuntimeConnection({ host: '127.0.0.1', port });

    const [posted, next] = connection.send(
      'POST /post HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n',
      'GET /next HTTP/1.1\r\nHost: x\r\n\r\n',
    );

    expect((await posted)?.body.toString()).toBe('"posted"');
    expect((await next)?.body.toString()).toBe('"event"');
    expect(seen).toEqual(['0:/post,/next', '1:/next']);
  });

  it('fails the outstanding requests when the server drops the connection', async () => {
    const server = net.createServer((socket) => socket.on('data', () => socket.destroy()));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const connection = new RuntimeConnection({
      host: '127.0.0.1',
      port: (server.address() as net.AddressInfo).port,
    });

    const [pending] = connection.send('GET /next HTTP/1.1\r\nHost: x\r\n\r\n');

    await expect(pending).rejects.toThrow(/closed the connection|ECONNRESET/);
  });
});
