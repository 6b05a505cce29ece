/**
 * A meeting as CSV, one row per sample of each subject (RFC 4180: CRLF line ends, fields quoted
 * when they hold a comma, quote or line break). Cells of streams the user left out are empty;
 * their probability columns are not there at all. Numbers have fixed precision so files diff cleanly.
 * With markers included, each marker is one more row (subject_kind `marker`, its note in the last
 * column, `marker_note`), after the samples.
 */
import { EMOTIONS, isEmotion, type Emotion, type Probabilities } from '../core/emotions';
import { MODALITIES, type Meeting, type MeetingSubject, type Modality, type Sample } from '../core/types';
import type { ExportInclude } from './include';
import type { MeetingMarker } from '../storage/marker';

/** Decimal places of probabilities, confidence, valence, arousal and quality. */
export const CSV_DECIMALS = 4;

export const CSV_BASE_COLUMNS = [
  'subject_id',
  'subject_kind',
  'subject_label',
  't_ms',
  'time_iso',
  't_media_s',
  'dominant',
  'confidence',
  'valence',
  'arousal',
  ...MODALITIES.flatMap((m) => [`${m}_state`, `${m}_quality`]),
] as const;

type ProbStream = 'fused' | Modality;
const PROB_STREAMS: ProbStream[] = ['fused', ...MODALITIES];

const probColumns = (stream: ProbStream) => EMOTIONS.map((e) => `${stream}_${e}`);

export const MARKER_KIND = 'marker';

export function csvHeader(include: ExportInclude): string[] {
  return [...CSV_BASE_COLUMNS, ...PROB_STREAMS.filter((s) => include[s]).flatMap(probColumns), ...(include.markers ? ['marker_note'] : [])];
}

const formatNumber = (value: number | null | undefined): string =>
  typeof value === 'number' && Number.isFinite(value) ? value.toFixed(CSV_DECIMALS) : '';

function formatProbs(probs: Probabilities | null | undefined): string[] {
  return EMOTIONS.map((_, i) => formatNumber(probs?.[i]));
}

export function escapeCsvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function sampleRow(s: Sample, subject: MeetingSubject | undefined, include: ExportInclude): string[] {
  const fused = include.fused ? s.fused : null;
  const row = [
    s.subjectId,
    subject?.kind ?? '',
    subject?.label ?? '',
    String(Math.round(s.t)),
    Number.isFinite(s.t) ? new Date(s.t).toISOString() : '',
    formatNumber(s.tMedia),
    fused?.dominant ?? '',
    formatNumber(fused?.confidence),
    formatNumber(fused?.valence),
    formatNumber(fused?.arousal),
  ];
  for (const m of MODALITIES) {
    const r = include[m] ? s.readings[m] : undefined;
    row.push(r?.state ?? '', formatNumber(r?.quality));
  }
  for (const stream of PROB_STREAMS) {
    if (!include[stream]) continue;
    row.push(...formatProbs(stream === 'fused' ? fused?.probs : s.readings[stream]?.probs));
  }
  if (include.markers) row.push('');
  return row;
}

/** A marker's row: its times and note; every reading cell empty. */
function markerRow(m: MeetingMarker, width: number): string[] {
  const row = new Array<string>(width).fill('');
  row[1] = MARKER_KIND;
  row[3] = String(Math.round(m.t));
  row[4] = Number.isFinite(m.t) ? new Date(m.t).toISOString() : '';
  row[5] = formatNumber(m.tMedia);
  row[width - 1] = m.note;
  return row;
}

/** Rows in the JSON export's order: subject by subject, each in time order. */
export function meetingToCsv(
  _meeting: Meeting,
  subjects: readonly MeetingSubject[],
  samples: readonly Sample[],
  include: ExportInclude,
  markers: readonly MeetingMarker[] = [],
): string {
  const byTime = [...samples].sort((a, b) => a.t - b.t);
  const header = csvHeader(include);
  const rows = [header];
  for (const subject of subjects) for (const s of byTime) if (s.subjectId === subject.id) rows.push(sampleRow(s, subject, include));
  if (include.markers) for (const m of [...markers].sort((a, b) => a.t - b.t)) rows.push(markerRow(m, header.length));
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
  subjectId: string;
  subjectKind: string | null;
  subjectLabel: string | null;
  t: number;
  tMedia: number | null;
  dominant: Emotion | null;
  confidence: number | null;
  valence: number | null;
  arousal: number | null;
  states: Partial<Record<Modality, string>>;
  quality: Partial<Record<Modality, number>>;
  fused: Probabilities | null;
  probs: Partial<Record<Modality, Probabilities>>;
}

export interface ParsedMeetingCsv {
  header: string[];
  samples: ParsedCsvSample[];
  markers: { t: number; tMedia: number | null; note: string }[];
}

/** Reads a `meetingToCsv` file back (used to check that CSV and JSON exports agree). */
export function parseMeetingCsv(text: string): ParsedMeetingCsv {
  const [header, ...rows] = parseCsv(text);
  if (!header || CSV_BASE_COLUMNS.some((c, i) => header[i] !== c)) {
    throw new SyntaxError('parseMeetingCsv: not an emotion-overlay meeting CSV (v2)');
  }
  const col = new Map(header.map((name, i) => [name, i]));
  const cell = (cells: string[], name: string) => {
    const i = col.get(name);
    return i === undefined || cells[i] === '' ? null : cells[i];
  };
  const num = (cells: string[], name: string) => {
    const v = cell(cells, name);
    return v === null ? null : Number(v);
  };
  const probs = (cells: string[], stream: ProbStream) => {
    const values = probColumns(stream).map((name) => num(cells, name));
    return values.every((v): v is number => v !== null) ? values : null;
  };
  for (const cells of rows) if (cells.length !== header.length) throw new SyntaxError('parseMeetingCsv: row length differs from header');
  const isMarker = (cells: string[]) => cells[1] === MARKER_KIND && cells[0] === '';
  return {
    header,
    markers: rows.filter(isMarker).map((cells) => ({ t: Number(cell(cells, 't_ms')), tMedia: num(cells, 't_media_s'), note: cell(cells, 'marker_note') ?? '' })),
    samples: rows.filter((cells) => !isMarker(cells)).map((cells) => {
      const states: ParsedCsvSample['states'] = {};
      const quality: ParsedCsvSample['quality'] = {};
      const modalityProbs: ParsedCsvSample['probs'] = {};
      for (const m of MODALITIES) {
        const state = cell(cells, `${m}_state`);
        const q = num(cells, `${m}_quality`);
        const p = probs(cells, m);
        if (state !== null) states[m] = state;
        if (q !== null) quality[m] = q;
        if (p) modalityProbs[m] = p;
      }
      const dominant = cell(cells, 'dominant');
      return {
        subjectId: cells[0],
        subjectKind: cell(cells, 'subject_kind'),
        subjectLabel: cell(cells, 'subject_label'),
        t: Number(cell(cells, 't_ms')),
        tMedia: num(cells, 't_media_s'),
        dominant: isEmotion(dominant) ? dominant : null,
        confidence: num(cells, 'confidence'),
        valence: num(cells, 'valence'),
        arousal: num(cells, 'arousal'),
        states,
        quality,
        fused: probs(cells, 'fused'),
        probs: modalityProbs,
      };
    }),
  };
}
