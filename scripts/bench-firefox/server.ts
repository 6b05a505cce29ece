/**
 * The Firefox bench's HTTP server on 127.0.0.1: the demo stills and speech (.cache/demo) and the
 * models' parity fixtures (models/{face,voice}/tfjs/parity.json, which the build leaves out).
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const FILES: Record<string, { path: string; type: string }> = {
  ...Object.fromEntries(['happy', 'neutral', 'happy2', 'sad'].map((s) => [`/demo/${s}.png`, { path: `.cache/demo/${s}.png`, type: 'image/png' }])),
  '/demo/demo.wav': { path: '.cache/demo/demo.wav', type: 'audio/wav' },
  '/parity/face.json': { path: 'models/face/tfjs/parity.json', type: 'application/json' },
  '/parity/voice.json': { path: 'models/voice/tfjs/parity.json', type: 'application/json' },
};

export async function startBenchFirefoxServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    const file = FILES[(req.url ?? '/').split('?')[0]];
    const body = file ? await readFile(resolve(ROOT, file.path)).catch(() => null) : null;
    if (!file || !body) return void res.writeHead(404, { 'access-control-allow-origin': '*' }).end();
    res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store', 'access-control-allow-origin': '*' }).end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok())) };
}
