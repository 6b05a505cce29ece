/**
 * A meeting as CSV, one row per sample (RFC 4180: CRLF line ends, fields quoted when they hold a
 * comma, quote or line break). Cells of streams the user left out are empty; their probability
 * columns are not there at all. Numbers have fixed precision so files diff cleanly.
 */
import { EMOTIONS, type Emotion, type Probabilities } from '../core/emotions';
import type { Meeting, Sample } from '../core/types';
import type { ExportInclude } from './include';

/** Decimal places of probabilities, confidence, valence, arousal and speech. */
export const CSV_DECIMALS = 4;

export const CSV_BASE_COLUMNS = [
  't_ms',
  'time_iso',
  'dominant',
  'confidence',
  'valence',
  'arousal',
  'face_state',
  'voice_state',
  'speech',
] as const;

type ProbStream = 'fused' | 'face' | 'voice';
const PROB_STREAMS: ProbStream[] = ['fused', 'face', 'voice'];

const probColumns = (stream: ProbStream) => EMOTIONS.map((e) => `${stream}_${e}`);

export function csvHeader(include: ExportInclude): string[] {
  return [...CSV_BASE_COLUMNS, ...PROB_STREAMS.filter((s) => include[s]).flatMap(probColumns)];
}

const formatNumber = (value: number | null | undefined): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(CSV_DECIMALS) : '';

function formatProbs(probs: Probabilities | null): string[] {
  return EMOTIONS.map((_, i) => formatNumber(probs?.[i]));
}

export function escapeCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function sampleRow(s: Sample, include: ExportInclude): string[] {
  const fused = include.fused;
  const row = [
    String(Math.round(s.t)),
    Number.isFinite(s.t) ? new Date(s.t).toISOString() : '',
    fused ? (s.dominant ?? '') : '',
    fused ? formatNumber(s.confidence) : '',
    fused ? formatNumber(s.valence) : '',
    fused ? formatNumber(s.arousal) : '',
    include.face ? s.faceState : '',
    include.voice ? s.voiceState : '',
    include.voice ? formatNumber(s.speech) : '',
  ];
  for (const stream of PROB_STREAMS) if (include[stream]) row.push(...formatProbs(s[stream]));
  return row;
}

export function meetingToCsv(_meeting: Meeting, samples: readonly Sample[], include: ExportInclude): string {
  const rows = [csvHeader(include), ...[...samples].sort((a, b) => a.t - b.t).map((s) => sampleRow(s, include))];
  return rows.map((r) => r.map(escapeCsvField).join(',')).join('\r\n') + '\r\n';
}

/** RFC 4180 parser: rows of fields. Accepts CRLF or LF line ends. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new SyntaxError('parseCsv: unterminated quoted field');
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows;
}

/** One CSV row read back; a stream's probabilities are null when absent or left empty. */
export interface ParsedCsvSample {
  t: number;
  dominant: Emotion | null;
  confidence: number | null;
  valence: number | null;
  arousal: number | null;
  faceState: string | null;
  voiceState: string | null;
  speech: number | null;
  fused: Probabilities | null;
  face: Probabilities | null;
  voice: Probabilities | null;
}

export interface ParsedMeetingCsv {
  header: string[];
  samples: ParsedCsvSample[];
}

/** Reads a `meetingToCsv` file back (used to check that CSV and JSON exports agree). */
export function parseMeetingCsv(text: string): ParsedMeetingCsv {
  const [header, ...rows] = parseCsv(text);
  if (!header || CSV_BASE_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new SyntaxError('parseMeetingCsv: not an emotion-overlay meeting CSV');
  }
  const col = new Map(header.map((name, i) => [name, i]));
  const num = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined || cells[i] === '' ? null : Number(cells[i]);
  };
  const text_ = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined || cells[i] === '' ? null : cells[i];
  };
  const probs = (cells: string[], stream: ProbStream) => {
    const values = probColumns(stream).map((name) => num(cells, name));
    return values.every((v): v is number => v !== null) ? values : null;
  };
  return {
    header,
    samples: rows.map((cells) => {
      if (cells.length !== header.length) throw new SyntaxError('parseMeetingCsv: row length differs from header');
      return {
        t: Number(cells[0]),
        dominant: text_(cells, 'dominant') as Emotion | null,
        confidence: num(cells, 'confidence'),
        valence: num(cells, 'valence'),
        arousal: num(cells, 'arousal'),
        faceState: text_(cells, 'face_state'),
        voiceState: text_(cells, 'voice_state'),
        speech: num(cells, 'speech'),
        fused: probs(cells, 'fused'),
        face: probs(cells, 'face'),
        voice: probs(cells, 'voice'),
      };
    }),
  };
}
