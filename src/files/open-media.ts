/**
 * Opens a media file with mediabunny (demuxing in the page, decoding with WebCodecs): a Blob
 * source reads the file in pieces as it is needed, so a file larger than memory is streamed, never
 * loaded whole. Everything that can be checked before the analysis starts is checked here, so a
 * file that cannot work says why at once.
 */
import { ALL_FORMATS, BlobSource, Input, UnsupportedInputFormatError, type InputAudioTrack, type InputVideoTrack } from 'mediabunny';
import { fileErrors } from './file-errors';

export interface OpenedMedia {
  input: Input;
  /** Null when the file has none (an audio file), or when face analysis is off. */
  video: InputVideoTrack | null;
  audio: InputAudioTrack | null;
  /** Media seconds: the end of the longest track. */
  durationSeconds: number;
  /** Media seconds of the first frame or sample (usually 0). */
  startSeconds: number;
  /** e.g. 'MP4', 'WebM', 'WAVE'. */
  formatName: string;
  videoCodec: string | null;
  audioCodec: string | null;
  width: number | null;
  height: number | null;
}

export async function openMedia(file: Blob, name: string, want: { video: boolean; audio: boolean } = { video: true, audio: true }): Promise<OpenedMedia> {
  if (file.size === 0) throw fileErrors.empty(name);
  const input = new Input({ formats: ALL_FORMATS, source: new BlobSource(file) });
  try {
    let formatName: string;
    try {
      formatName = (await input.getFormat()).name;
    } catch (e) {
      throw e instanceof UnsupportedInputFormatError ? fileErrors.unknownFormat(name) : fileErrors.unreadable(name, e);
    }
    let video: InputVideoTrack | null;
    let audio: InputAudioTrack | null;
    try {
      [video, audio] = await Promise.all([input.getPrimaryVideoTrack(), input.getPrimaryAudioTrack()]);
    } catch (e) {
      throw fileErrors.unreadable(name, e);
    }
    if (!video && !audio) throw fileErrors.noTracks(name, formatName);
    const videoCodec = video ? await video.getCodec() : null;
    const audioCodec = audio ? await audio.getCodec() : null;
    // a track the browser cannot decode: refuse only if nothing else is left to analyse
    const videoOk = video ? await video.canDecode().catch(() => false) : false;
    const audioOk = audio ? await audio.canDecode().catch(() => false) : false;
    if (video && !videoOk && !(audio && audioOk)) throw fileErrors.codec(name, 'video', videoCodec);
    if (audio && !audioOk && !(video && videoOk)) throw fileErrors.codec(name, 'audio', audioCodec);
    const useVideo = video && videoOk && want.video ? video : null;
    const useAudio = audio && audioOk && want.audio ? audio : null;
    const tracks = [useVideo, useAudio].filter((t): t is InputVideoTrack | InputAudioTrack => t !== null);
    if (tracks.length === 0) throw fileErrors.nothingWanted(name);
    let durationSeconds: number;
    let startSeconds: number;
    try {
      [durationSeconds, startSeconds] = await Promise.all([input.computeDuration(tracks), input.getFirstTimestamp(tracks)]);
    } catch (e) {
      throw fileErrors.unreadable(name, e);
    }
    if (!(durationSeconds > 0) || !(durationSeconds > startSeconds)) throw fileErrors.noDuration(name);
    return {
      input,
      video: useVideo,
      audio: useAudio,
      durationSeconds,
      startSeconds: Math.max(0, startSeconds),
      formatName,
      videoCodec: useVideo ? videoCodec : null,
      audioCodec: useAudio ? audioCodec : null,
      width: useVideo ? await useVideo.getDisplayWidth() : null,
      height: useVideo ? await useVideo.getDisplayHeight() : null,
    };
  } catch (e) {
    input.dispose();
    throw e;
  }
}
