/**
 * Fixed sentences for the text-model parity check: the exporter (models/text/export_tfjs.py) stores
 * the PyTorch probabilities for the feature hashes of these sentences (written by
 * scripts/text/extract-features.ts), and tests/modalities/text/model-parity.test.ts featurises them
 * again in TypeScript and runs the TF.js model on them.
 */
export const PARITY_SENTENCES: readonly string[] = [
  "I can't believe you did that, this is amazing!!",
  'Oh no... I lost my keys again and the meeting starts in five minutes.',
  'Get out of my office right now.',
  "That's disgusting, who left the milk out for a week?",
  "I'm really scared about the results tomorrow.",
  'Okay.',
  'Wait, what? You are moving to Paris?',
  '¡Qué alegría verte de nuevo, amigo! 😀',
  'Estoy muy triste por lo que pasó ayer en la reunión.',
  'Me da mucho miedo lo que puede pasar con la economía.',
  'Esto es una vergüenza, estoy harto de tanta corrupción @usuario https://t.co/xyz',
  '',
  '   ',
  'SOOOO HAPPY 123 ???!!!',
  'We will review the quarterly numbers on Thursday and send the notes afterwards.',
  'Ugh, the build failed again because someone pushed broken tests to main without running them first, honestly I am so done with this whole week and every single thing that happened in it',
];
