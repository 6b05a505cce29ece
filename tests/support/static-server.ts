import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { listenLocal } from '../../scripts/lib/listen-local';

const DEMO_PAGE = resolve(import.meta.dirname, '../../scripts/demo/call.html');
/** A gallery of other participants' tiles (the demo photos), for the participants path. */
const GALLERY_PAGE = resolve(import.meta.dirname, '../../scripts/demo/gallery.html');
/** The demo call inside a same-origin iframe (as app.zoom.us runs its client). */
const FRAMED_PAGE = resolve(import.meta.dirname, '../../scripts/demo/framed.html');
/** The transcript of the demo speech (scripts/demo/make-demo-media.sh): the page captions it. */
const TRANSCRIPT = resolve(import.meta.dirname, '../../.cache/demo/transcript.json');

/** Serves the demo call page on 127.0.0.1, on a free port unless one is given. */
export async function startDemoServer(port = 0): Promise<{ url: string; close: () => Promise<void>; server: Server }> {
  const server = createServer(async (req, res) => {
    if (req.url === '/' || req.url?.startsWith('/?') || req.url?.startsWith('/call')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await readFile(DEMO_PAGE));
    } else if (req.url === '/framed') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await readFile(FRAMED_PAGE));
    } else if (req.url === '/gallery') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await readFile(GALLERY_PAGE));
    } else if (/^\/demo\/(happy|neutral|sad|happy2)\.png$/.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(await readFile(resolve(import.meta.dirname, '../../.cache/demo', req.url!.slice('/demo/'.length))));
    } else if (req.url === '/transcript.json') {
      res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(await readFile(TRANSCRIPT).catch(() => '{"phrases": [], "duration": 1}'));
    } else {
      res.writeHead(404).end();
    }
  });
  return {
    url: await listenLocal(server, port),
    server,
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
