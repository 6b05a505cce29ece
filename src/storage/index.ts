export { openDatabase, closeDatabase, DB_NAME, DB_VERSION, type Schema } from './db';
export {
  createMeeting,
  appendSample,
  endMeeting,
  listMeetings,
  getMeeting,
  getSamples,
  deleteMeeting,
  deleteAllMeetings,
  applyRetention,
  closeDanglingMeetings,
  meetingEnd,
} from './meetings';
export { sampleSeconds, MAX_SAMPLE_SECONDS } from './sample-duration';
