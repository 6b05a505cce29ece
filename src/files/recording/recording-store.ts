/**
 * Recordings on disk: one WebM file per meeting in the origin-private file system (OPFS), written
 * chunk by chunk as MediaRecorder hands them out, so a long recording never sits in memory. The
 * quota is checked before a recording starts and before each chunk is written.
 */

const DIR = 'recordings';
/** A recording does not start with less free space than this, and stops when it would leave less. */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export const recordingName = (meetingId: string) => `${meetingId.replace(/[^\w.-]/g, '_')}.webm`;

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
  write(chunk: Blob): Promise<void>;
  close(): Promise<void>;
  readonly bytes: number;
}

/** Opens (replacing) the meeting's recording for writing. Throws QuotaError when space is short. */
export async function openRecordingWriter(meetingId: string, minFreeBytes = MIN_FREE_BYTES): Promise<RecordingWriter> {
  const free = await freeBytes();
  if (free < minFreeBytes) throw new QuotaError(free, minFreeBytes);
  const handle = await (await folder()).getFileHandle(recordingName(meetingId), { create: true });
  const stream = await handle.createWritable({ keepExistingData: false });
  let bytes = 0;
  return {
    get bytes() {
      return bytes;
    },
    async write(chunk) {
      const left = await freeBytes();
      if (left - chunk.size < minFreeBytes) throw new QuotaError(left, minFreeBytes);
      await stream.write(chunk);
      bytes += chunk.size;
    },
    close: () => stream.close(),
  };
}

/** The meeting's recording, or null when it has none. */
export async function getRecording(meetingId: string): Promise<File | null> {
  try {
    return await (await (await folder()).getFileHandle(recordingName(meetingId))).getFile();
  } catch {
    return null;
  }
}

/** Deletes the meeting's recording (nothing happens when it has none): call it with deleteMeeting. */
export async function deleteRecording(meetingId: string): Promise<void> {
  if (!globalThis.navigator?.storage?.getDirectory) return; // no private file storage here: no recording either
  await (await folder()).removeEntry(recordingName(meetingId)).catch(() => undefined);
}

/** Deletes every recording: call it with deleteAllMeetings. */
export async function deleteAllRecordings(): Promise<void> {
  if (!globalThis.navigator?.storage?.getDirectory) return;
  await (await navigator.storage.getDirectory()).removeEntry(DIR, { recursive: true }).catch(() => undefined);
}
