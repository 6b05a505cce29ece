/** Which dropped file is the media and which the subtitles (by name and type: a drop carries both). */
export const MEDIA_ACCEPT = 'video/mp4,video/webm,video/quicktime,audio/wav,audio/x-wav,audio/mpeg,audio/ogg,audio/opus,audio/webm,.mp4,.m4v,.webm,.mov,.wav,.mp3,.ogg,.oga,.opus,.m4a';
export const SUBTITLE_ACCEPT = '.vtt,.srt,text/vtt';

export function isSubtitleFile(f: { name: string; type: string }): boolean {
  return /\.(vtt|srt)$/i.test(f.name) || f.type === 'text/vtt';
}
