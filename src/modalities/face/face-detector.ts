/**
 * Face detector: MediaPipe FaceDetector (BlazeFace short range) on WASM, CPU delegate.
 * The model file is made by scripts/assets/make-face-detector.ts from the npm package.
 */
import { FaceDetector } from '@mediapipe/tasks-vision';
import type { Box } from './crop-policy';

export interface DetectedFace {
  box: Box;
  score: number;
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
      const faces: DetectedFace[] = [];
      for (const d of result.detections) {
        const b = d.boundingBox;
        if (!b) continue;
        faces.push({
          box: { x: b.originX, y: b.originY, width: b.width, height: b.height },
          score: d.categories[0]?.score ?? 0,
        });
      }
      return faces.sort((a, b) => b.box.width * b.box.height - a.box.width * a.box.height);
    },
    dispose: () => detector.close(),
  };
}
