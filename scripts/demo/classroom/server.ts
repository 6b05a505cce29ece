/**
 * The classroom demo's meeting app: a mesh WebRTC call of the project's own, on 127.0.0.1. The
 * server serves the room page and the demo media, and relays signalling (offers, answers, ICE
 * candidates) between the peers of a room over server-sent events; media flows peer to peer.
 * Like a meeting site's captioning service, it also passes each speaker's live caption line to
 * the other peers (the scripted speakers know what they say: the demo transcript).
 */
import { createServer, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { listenLocal } from '../../lib/listen-local';

const ROOM_PAGE = resolve(import.meta.dirname, 'room.html');
/** The room inside a same-origin iframe (as app.zoom.us runs its client). */
const FRAMED_ROOM_PAGE = resolve(import.meta.dirname, '../framed.html');
const MEDIA_DIR = resolve(import.meta.dirname, '../../../.cache/demo');
const MEDIA = /^\/media\/(happy|neutral|sad|happy2)\.png$|^\/media\/demo\.wav$|^\/media\/transcript\.json$/;

interface Peer {
  id: string;
  name: string;
  events: ServerResponse;
}

export async function startClassroomServer(port = 0): Promise<{ url: string; close: () => Promise<void> }> {
  const rooms = new Map<string, Map<string, Peer>>();
  const emit = (peer: Peer, data: unknown) => peer.events.write(`data: ${JSON.stringify(data)}\n\n`);

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/room') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await readFile(ROOM_PAGE));
    } else if (url.pathname === '/framed-room') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await readFile(FRAMED_ROOM_PAGE));
    } else if (MEDIA.test(url.pathname)) {
      const file = url.pathname.slice('/media/'.length);
      const type = file.endsWith('.png') ? 'image/png' : file.endsWith('.json') ? 'application/json' : 'audio/wav';
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(await readFile(resolve(MEDIA_DIR, file)));
    } else if (url.pathname === '/signal/events') {
      // a peer joins: it gets the others' ids and names, and they learn of it
      const room = url.searchParams.get('room') ?? 'demo';
      const id = url.searchParams.get('peer') ?? crypto.randomUUID();
      const name = (url.searchParams.get('name') ?? 'Guest').slice(0, 60);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      const peers = rooms.get(room) ?? new Map<string, Peer>();
      rooms.set(room, peers);
      const peer: Peer = { id, name, events: res };
      // an EventSource that reconnects comes back with its id: it is no newcomer
      const rejoined = peers.has(id);
      emit(peer, { type: 'welcome', id, peers: [...peers.values()].filter((p) => p.id !== id).map((p) => ({ id: p.id, name: p.name })) });
      if (!rejoined) for (const other of peers.values()) emit(other, { type: 'joined', id, name });
      peers.set(id, peer);
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 10_000);
      req.on('close', () => {
        clearInterval(heartbeat);
        if (peers.get(id) !== peer) return;
        peers.delete(id);
        for (const other of peers.values()) emit(other, { type: 'left', id });
      });
    } else if (url.pathname === '/signal/caption' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const message = JSON.parse(body) as { room: string; from: string; name: string; text: string };
      for (const peer of rooms.get(message.room)?.values() ?? [])
        if (peer.id !== message.from) emit(peer, { type: 'caption', from: message.from, name: message.name, text: message.text });
      res.writeHead(204).end();
    } else if (url.pathname === '/signal/send' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      const message = JSON.parse(body) as { room: string; from: string; to: string; data: unknown };
      const target = rooms.get(message.room)?.get(message.to);
      if (target) emit(target, { type: 'signal', from: message.from, data: message.data });
      res.writeHead(target ? 204 : 404).end();
    } else {
      res.writeHead(404).end();
    }
  });
  return {
    url: await listenLocal(server, port),
    close: () =>
      new Promise((ok) => {
        for (const peers of rooms.values()) for (const p of peers.values()) p.events.end();
        server.close(() => ok());
      }),
  };
}
