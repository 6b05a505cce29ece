import { createServer } from 'node:http';

/**
 * A proxy that forwards nothing and records every request sent to it. Chromium is pointed at it
 * for all non-loopback traffic, so any request that would leave the machine, from any context
 * (page, content script, service worker, offscreen document, the browser itself), lands here.
 */
export async function startLeakProxy(): Promise<{ address: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(403).end('blocked by the test: no request may leave the machine');
  });
  server.on('connect', (req, socket) => {
    requests.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.address() as { port: number }).port;
  return {
    address: `127.0.0.1:${port}`,
    requests,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
