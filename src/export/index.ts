export { summarizeMeeting, meetingEndMs, type MeetingSummary, type PerEmotion } from './summary';
export { meetingToJson, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION } from './json';
export { meetingToCsv, parseMeetingCsv, parseCsv, csvHeader, type ParsedCsvSample, type ParsedMeetingCsv } from './csv';
export { exportFilename } from './filename';
export { filterSample, filterMeeting, filterSummary, type ExportInclude } from './include';
