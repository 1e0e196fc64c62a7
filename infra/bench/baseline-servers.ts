import http from 'node:http';
import net from 'node:net';

/**
 * The benchmark's baselines, each run in its own process so its CPU can be measured apart:
 * `echo` is a plain node:http keep-alive server that returns the request body (what a zero-overhead
 * emulator in Node could do); `instant` answers every request with a canned response without parsing
 * it (what the SDK client alone costs).
 */
const kind = process.argv[2];

function ready(port: number): void {
  process.stdout.write(`baseline ready at http://127.0.0.1:${port}\n`);
}

if (kind === 'echo') {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': body.length,
        'x-amzn-requestid': '00000000-0000-4000-8000-000000000000',
        'x-amz-executed-version': '$LATEST',
      });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as net.AddressInfo).port));
} else if (kind === 'instant') {
  const body = '{"value":"instant"}';
  const response = Buffer.from(
    'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nx-amzn-requestid: 00000000-0000-4000-8000-000000000000\r\n' +
      `x-amz-executed-version: $LATEST\r\ncontent-length: ${body.length}\r\n\r\n${body}`,
  );
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      // Counts complete requests only by their blank line and declared body length, nothing more.
      pending += chunk.toString('latin1');
      for (;;) {
        const headEnd = pending.indexOf('\r\n\r\n');
        if (headEnd < 0) return;
        const length = Number(/content-length: *(\d+)/i.exec(pending.slice(0, headEnd))?.[1] ?? 0);
        if (pending.length < headEnd + 4 + length) return;
        pending = pending.slice(headEnd + 4 + length);
        socket.write(response);
      }
    });
    socket.on('error', () => socket.destroy());
  });
  server.listen(0, '127.0.0.1', () => ready((server.address() as net.AddressInfo).port));
} else {
  console.error('usage: baseline-servers.ts echo|instant');
  process.exit(2);
}
