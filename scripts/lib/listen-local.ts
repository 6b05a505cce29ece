import type { Server } from 'node:http';

/** Starts `server` on 127.0.0.1 (a free port unless one is given) and returns its base URL. */
export async function listenLocal(server: Server, port = 0): Promise<string> {
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://127.0.0.1:${actualPort}/`;
}
