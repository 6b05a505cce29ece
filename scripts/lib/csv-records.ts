import { parseCsv } from '../../src/export/csv';

/**
 * A manifest or metadata CSV as records keyed by its header (fields trimmed, blank lines skipped).
 * One RFC 4180 parser serves the exports and every manifest reader.
 */
export function csvRecords(text: string): Record<string, string>[] {
  const [head = [], ...body] = parseCsv(text).filter((row) => row.length > 1 || row[0]?.trim());
  return body.map((row) => Object.fromEntries(head.map((h, i) => [h.trim(), (row[i] ?? '').trim()])));
}
