/**
 * Test builds only: records the (fake) camera with a given reading composited, through the real
 * recorder and OPFS store, and hands the file back, for tests/e2e/analyse-file.test.ts. The
 * product's Record button (popup, badge menu) is wired by the engine, not here.
 */
import { EMOTIONS, type Emotion } from '../../src/core/emotions';
import { startRecording } from '../../src/files/recording/session-recorder';
import { deleteRecording, getRecording } from '../../src/files/recording/recording-store';

async function recordCamera(meetingId: string, seconds: number, dominant: Emotion) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: true });
  try {
    const probs = EMOTIONS.map((e) => (e === dominant ? 0.88 : 0.02));
    const reading = { probs, dominant, confidence: 0.8, valence: 0, arousal: 0, weights: { face: 1, voice: 0, text: 0 } };
    const active = await startRecording({ meetingId, stream, reading: () => reading });
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const done = await active.stop();
    const file = await getRecording(meetingId);
    const bytes = new Uint8Array(await file!.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { ...done, mimeType: active.mimeType, size: file!.size, base64: btoa(binary) };
  } finally {
    stream.getTracks().forEach((t) => t.stop());
  }
}

Object.assign(globalThis, {
  __emotionOverlayRecordTest: {
    recordCamera,
    /** The message a recording gives when storage is short (asks for more than any disk has). */
    quotaRefusal: async () => {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true });
      try {
        await startRecording({ meetingId: 'rec-quota', stream, reading: () => null, minFreeBytes: 1e18 });
        return null;
      } catch (e) {
        return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
      } finally {
        stream.getTracks().forEach((t) => t.stop());
      }
    },
    exists: async (meetingId: string) => (await getRecording(meetingId)) !== null,
    remove: (meetingId: string) => deleteRecording(meetingId),
  },
});
