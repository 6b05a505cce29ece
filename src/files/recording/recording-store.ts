/**
 * Recordings on disk: WebM files in the origin-private file system (OPFS), one per recording, named
 * by their meeting and the epoch ms they started at (so a meeting may hold several, and the
 * playback knows where each sits on the meeting's timeline). Written chunk by chunk as MediaRecorder
 * hands them out, so a long recording never sits in memory. The quota is checked before a recording
 * starts and before each chunk is written; a chunk that does not fit ends the file where it is.
 */

/** The OPFS folder of the recordings. */
export const RECORDINGS_DIR = 'recordings';
const DIR = RECORDINGS_DIR;
/** A recording does not start with less free space than this, and stops when it would leave less. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

const safeId = (meetingId: string) => meetingId.replace(/[^\w.-]/g, '_');
/** `<meeting>@<startedAt>.webm`; the meeting's id made file-safe. */
export const recordingName = (meetingId: string, startedAt: number) => `${safeId(meetingId)}@${Math.round(startedAt)}.webm`;
const NAME = /^(.+)@(\d+)\.webm$/;

async function folder(): Promise<FileSystemDirectoryHandle> {
  return (await navigator.storage.getDirectory()).getDirectoryHandle(DIR, { create: true });
}

/** Bytes the origin may still write (quota minus usage); Infinity when the browser does not say. */
export async function freeBytes(): Promise<number> {
  const { quota, usage } = await navigator.storage.estimate();
  return quota === undefined || usage === undefined ? Infinity : quota - usage;
}

export class QuotaError extends Error {
  constructor(free: number, needed = MIN_FREE_BYTES) {
    super(`Not enough storage left for the recording: ${Math.round(free / 1e6)} MB free, at least ${Math.round(needed / 1e6)} MB needed.`);
    this.name = 'QuotaError';
  }
}

export interface RecordingWriter {
  /** Throws QuotaError (and writes nothing of the chunk) when it would leave less than the minimum free. */
  write(chunk: Blob): Promise<void>;
  /** Commits what was written: the file is readable from then on. */
  close(): Promise<void>;
  readonly bytes: number;
  readonly name: string;
}

/**
 * Opens a new recording of the meeting for writing. Throws QuotaError when space is short. The
 * browser's usage estimate may lag behind what an open file holds, so the bytes written here count
 * against the space found at the start as well.
 */
export async function openRecordingWriter(meetingId: string, minFreeBytes = MIN_FREE_BYTES, startedAt = Date.now()): Promise<RecordingWriter> {
  const freeAtStart = await freeBytes();
  if (freeAtStart < minFreeBytes) throw new QuotaError(freeAtStart, minFreeBytes);
  const name = recordingName(meetingId, startedAt);
  const handle = await (await folder()).getFileHandle(name, { create: true });
  const stream = await handle.createWritable({ keepExistingData: false });
  let bytes = 0;
  return {
    name,
    get bytes() {
      return bytes;
    },
    async write(chunk) {
      const left = Math.min(await freeBytes(), freeAtStart - bytes);
      if (left - chunk.size < minFreeBytes) throw new QuotaError(left, minFreeBytes);
      await stream.write(chunk);
      bytes += chunk.size;
    },
    close: () => stream.close(),
  };
}

export interface StoredRecording {
  name: string;
  meetingId: string;
  /** Epoch ms of the first frame (where the recording sits on the meeting's timeline). */
  startedAt: number;
  file: File;
}

/** The meeting's recordings, oldest first (empty when it has none, or where there is no OPFS). */
export async function listRecordings(meetingId: string): Promise<StoredRecording[]> {
  if (!globalThis.navigator?.storage?.getDirectory) return [];
  const out: StoredRecording[] = [];
  const dir = await folder();
  for await (const [name, handle] of dir.entries()) {
    const match = NAME.exec(name);
    if (!match || match[1] !== safeId(meetingId) || handle.kind !== 'file') continue;
    out.push({ name, meetingId, startedAt: Number(match[2]), file: await (handle as FileSystemFileHandle).getFile() });
  }
  return out.sort((a, b) => a.startedAt - b.startedAt);
}

/** The meeting's newest recording, or null when it has none. */
export async function getRecording(meetingId: string): Promise<File | null> {
  return (await listRecordings(meetingId).catch(() => [])).at(-1)?.file ?? null;
}

/** Replaces a recording's bytes with what `write` writes (and closes: mediabunny closes its target), under the same name. */
export async function replaceRecording(name: string, write: (stream: FileSystemWritableFileStream) => Promise<void>): Promise<void> {
  const dir = await folder();
  const tmpName = `${name}.tmp`;
  const tmp = await dir.getFileHandle(tmpName, { create: true });
  const stream = await tmp.createWritable({ keepExistingData: false });
  try {
    await write(stream);
  } catch (error) {
    await stream.abort().catch(() => undefined);
    await dir.removeEntry(tmpName).catch(() => undefined);
    throw error;
  }
  await dir.removeEntry(name);
  // OPFS handles can be renamed in Chromium (and Firefox); the tmp copy becomes the recording
  await (tmp as unknown as { move(name: string): Promise<void> }).move(name);
}

/** Deletes the meeting's recordings (nothing happens when it has none): call it with deleteMeeting. */
export async function deleteRecording(meetingId: string): Promise<void> {
  if (!globalThis.navigator?.storage?.getDirectory) return; // no private file storage here: no recording either
  const dir = await folder();
  for (const r of await listRecordings(meetingId).catch(() => [])) await dir.removeEntry(r.name).catch(() => undefined);
}

/** Deletes every recording: call it with deleteAllMeetings. */
export async function deleteAllRecordings(): Promise<void> {
  if (!globalThis.navigator?.storage?.getDirectory) return;
  await (await navigator.storage.getDirectory()).removeEntry(DIR, { recursive: true }).catch(() => undefined);
}

/** One recording's file by its name, or null. */
export async function getRecordingFile(name: string): Promise<File | null> {
  try {
    return await (await (await folder()).getFileHandle(name)).getFile();
  } catch {
    return null;
  }
}

/** Deletes one recording by its name (nothing happens when it is gone). */
export async function removeRecordingFile(name: string): Promise<void> {
  await (await folder()).removeEntry(name).catch(() => undefined);
}
