/**
 * Text as a meeting's live captions write it, for training augmentation and for evaluating the text
 * model on caption-like input: a speech recogniser writes words, full stops, commas and question
 * marks, but no exclamation marks (they become full stops), emoji, emoticons, hashtags, quotes or
 * other symbols. Case is left alone (the featuriser lower-cases). The split and labels are the
 * corpus's; only the words' form changes.
 */
export function captionStyle(text: string): string {
  return text
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\ufe0e\ufe0f\u200d]/g, '')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#](?=[\p{L}\p{N}_])/gu, '')
    .replace(/!+/g, '.')
    .replace(/[^\p{L}\p{M}\p{N}\s'.,?]/gu, ' ')
    .replace(/([.,?])[.,?]+/g, '$1')
    .replace(/\s+([.,?])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
