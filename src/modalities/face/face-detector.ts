/**
 * Face detector: MediaPipe FaceDetector (BlazeFace short range) on WASM, CPU delegate.
 * The model file is made by scripts/assets/make-face-detector.ts from the npm package.
 */
import { FaceDetector } from '@mediapipe/tasks-vision';
import type { Box } from './crop-policy';

export interface Point {
  x: number;
  y: number;
}

export interface DetectedFace {
  /** Pixels of the frame. */
  box: Box;
  score: number;
  /** Pixels of the frame, MediaPipe's order: right eye, left eye, nose tip, mouth, right ear, left ear. */
  keypoints: Point[];
}

/** A frame's size in pixels, for the kinds of frame the engine analyses. */
export function frameSize(frame: TexImageSource): { width: number; height: number } {
  if (typeof HTMLVideoElement !== 'undefined' && frame instanceof HTMLVideoElement) return { width: frame.videoWidth, height: frame.videoHeight };
  if (typeof VideoFrame !== 'undefined' && frame instanceof VideoFrame) return { width: frame.displayWidth, height: frame.displayHeight };
  const f = frame as { width: number; height: number };
  return { width: f.width, height: f.height };
}

export interface FaceDetectorModel {
  /** Faces in a video frame, largest first. Timestamps must increase from call to call. */
  detect(frame: TexImageSource, timestampMs: number): DetectedFace[];
  dispose(): void;
}

export interface FaceDetectorUrls {
  wasmLoaderUrl: string;
  wasmBinaryUrl: string;
  modelUrl: string;
}

export async function loadFaceDetector(urls: FaceDetectorUrls, minScore = 0.5): Promise<FaceDetectorModel> {
  const detector = await FaceDetector.createFromOptions(
    { wasmLoaderPath: urls.wasmLoaderUrl, wasmBinaryPath: urls.wasmBinaryUrl },
    {
      baseOptions: { modelAssetPath: urls.modelUrl, delegate: 'CPU' },
      runningMode: 'VIDEO',
      minDetectionConfidence: minScore,
    },
  );
  return {
    detect(frame, timestampMs) {
      const result = detector.detectForVideo(frame, timestampMs);
      const { width, height } = frameSize(frame);
      const faces: DetectedFace[] = [];
      for (const d of result.detections) {
        const b = d.boundingBox;
        if (!b) continue;
        faces.push({
          box: { x: b.originX, y: b.originY, width: b.width, height: b.height },
          score: d.categories[0]?.score ?? 0,
          keypoints: (d.keypoints ?? []).map((k) => ({ x: k.x * width, y: k.y * height })),
        });
      }
      return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    },
    dispose: () => detector.close(),
  };
}
