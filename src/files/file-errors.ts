/** What is wrong with a file, in words the user can act on. */
import { formatClock } from '../ui/format';

export const SUPPORTED_FORMATS = 'MP4, WebM, MOV, WAV, MP3 or OGG/Opus';

export class FileAnalysisError extends Error {
  constructor(
    message: string,
    /** Media seconds analysed (and kept) before the problem; 0 when nothing could be read. */
    readonly analysedSeconds = 0,
  ) {
    super(message);
    this.name = 'FileAnalysisError';
  }
}

const reason = (e: unknown) => (e instanceof Error ? e.message || e.name : String(e));

export const fileErrors = {
  empty: (name: string) => new FileAnalysisError(`"${name}" is empty (0 bytes).`),
  unknownFormat: (name: string) =>
    new FileAnalysisError(`"${name}" is not a video or audio file this page can read: its format was not recognised. Use ${SUPPORTED_FORMATS}.`),
  unreadable: (name: string, e: unknown) => new FileAnalysisError(`"${name}" could not be read: the file is damaged or truncated (${reason(e)}).`),
  noTracks: (name: string, format?: string) =>
    new FileAnalysisError(
      format
        ? `"${name}" (${format}) holds no video or audio track that can be read: the file is damaged or truncated (a recording cut short loses its index).`
        : `"${name}" holds no video or audio track to analyse.`,
    ),
  nothingWanted: (name: string) =>
    new FileAnalysisError(`"${name}": face and voice analysis are both off in the settings (or the file's only track is one of them), so there is nothing to analyse.`),
  codec: (name: string, kind: 'video' | 'audio', codec: string | null) =>
    new FileAnalysisError(`"${name}": its ${kind} codec (${codec ?? 'one this page does not know'}) cannot be decoded by this browser. Convert it to H.264/AAC MP4 or VP9/Opus WebM.`),
  noDuration: (name: string) => new FileAnalysisError(`"${name}" has no media time: its tracks hold no frames or samples.`),
  decode: (name: string, kind: 'video' | 'audio', at: number, e: unknown) =>
    new FileAnalysisError(`"${name}" is damaged: its ${kind} could not be decoded at ${formatClock(at)} (${reason(e)}). The readings up to there are kept.`, at),
};
