import { t } from './i18n';

/**
 * The remote-participant disclosure (EU AI Act art. 50(3)). The constants are the English text, for
 * what leaves the UI (a text pasted in a call's chat, exports); the pages and the badge show
 * `remoteDisclosureParagraphs()`, the same text in the browser's language.
 */
export const REMOTE_DISCLOSURE_TITLE = 'Analysing other participants';

export const REMOTE_DISCLOSURE_PARAGRAPHS: readonly string[] = [
  'When this is on, Emotion Overlay estimates the facial and vocal expressions of the other people in your call, not only your own. It runs on this device and sends nothing anywhere, but those people are still subject to emotion recognition.',
  'You must inform everyone you analyse before you do it. People exposed to an emotion recognition system have to be told it is operating (EU AI Act, article 50(3)).',
  'Emotion recognition in the workplace and in education is prohibited in the EU, except for medical or safety reasons (EU AI Act, article 5(1)(f)). Do not use this for interviews, performance reviews, meetings with colleagues, lessons or exams.',
  'Expression estimates are not a reading of anyone’s feelings; they are often wrong, and differ across people and cultures. Do not base decisions about people on them.',
  'While it is active the badge shows a red “Analysing other participants” indicator.',
];

/** The same disclosure in the browser's language, for the badge and the welcome page. */
export function remoteDisclosureParagraphs(): string[] {
  return [t('welcome.remote.p1'), t('welcome.remote.p2'), t('welcome.remote.p3'), t('welcome.remote.p4'), t('welcome.remote.p5')];
}
