/**
 * The remote-participant disclosure. Shown on the welcome page before the opt-in can be enabled
 * and from the badge's indicator whenever others are being analysed (EU AI Act art. 50(3)).
 */
export const REMOTE_DISCLOSURE_TITLE = 'Analysing other participants';

export const REMOTE_DISCLOSURE_PARAGRAPHS: readonly string[] = [
  'When this is on, Emotion Overlay estimates the facial and vocal expressions of the other people in your call, not only your own. It runs on this device and sends nothing anywhere, but those people are still subject to emotion recognition.',
  'You must inform everyone you analyse before you do it. People exposed to an emotion recognition system have to be told it is operating (EU AI Act, article 50(3)).',
  'Emotion recognition in the workplace and in education is prohibited in the EU, except for medical or safety reasons (EU AI Act, article 5(1)(f)). Do not use this for interviews, performance reviews, meetings with colleagues, lessons or exams.',
  'Expression estimates are not a reading of anyone’s feelings; they are often wrong, and differ across people and cultures. Do not base decisions about people on them.',
  'While it is active the badge shows a red “Analysing other participants” indicator.',
];
