/**
 * Makes the face-detector model that MediaPipe's FaceDetector task accepts, from the npm package
 * @mediapipe/face_detection, reproducibly.
 *
 * That package ships `face_detection_short_range.tflite` (BlazeFace, short range) without TFLite
 * metadata, and the FaceDetector task rejects a float32 input without NormalizationOptions. We add a
 * TFLITE_METADATA buffer saying: input is an RGB image normalised with mean 127.5, std 127.5.
 *
 * FlatBuffer offsets only point forward, so the patch is a prefix: a new root Model table (copying
 * the old table's fields, with `buffers` and `metadata` extended) followed by the untouched old file,
 * padded so that every old offset and alignment stays valid.
 *
 * Usage: tsx scripts/assets/make-face-detector.ts [out.tflite]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import * as flatbuffers from 'flatbuffers';

const require = createRequire(import.meta.url);
export const SOURCE_MODEL = resolve(
  dirname(require.resolve('@mediapipe/face_detection/package.json')),
  'face_detection_short_range.tflite',
);
export const DEFAULT_OUTPUT = resolve(import.meta.dirname, '../../public/models/face-detector/blaze_face_short_range.tflite');

/** TFLite ModelMetadata ("M001"), built field by field from metadata_schema.fbs. */
export function buildModelMetadata(): Uint8Array {
  const b = new flatbuffers.Builder(512);
  const floats = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addFloat32(values[i]);
    return b.endVector();
  };
  const offsets = (values: number[]) => {
    b.startVector(4, values.length, 4);
    for (let i = values.length - 1; i >= 0; i--) b.addOffset(values[i]);
    return b.endVector();
  };
  // NormalizationOptions { mean: [float]; std: [float] }
  const mean = floats([127.5]);
  const std = floats([127.5]);
  b.startObject(2);
  b.addFieldOffset(0, mean, 0);
  b.addFieldOffset(1, std, 0);
  const normalization = b.endObject();
  // ProcessUnit { options: ProcessUnitOptions (union: type slot 0, value slot 1) }, NormalizationOptions = 1
  b.startObject(2);
  b.addFieldInt8(0, 1, 0);
  b.addFieldOffset(1, normalization, 0);
  const processUnit = b.endObject();
  // ImageProperties { color_space: ColorSpaceType (RGB = 1); default_size }
  b.startObject(2);
  b.addFieldInt8(0, 1, 0);
  const imageProperties = b.endObject();
  // Content { content_properties: ContentProperties (ImageProperties = 2); range }
  b.startObject(3);
  b.addFieldInt8(0, 2, 0);
  b.addFieldOffset(1, imageProperties, 0);
  const content = b.endObject();
  // TensorMetadata { name, description, dimension_names, content, process_units, stats, associated_files }
  const tensorName = b.createString('image');
  const processUnits = offsets([processUnit]);
  b.startObject(7);
  b.addFieldOffset(0, tensorName, 0);
  b.addFieldOffset(3, content, 0);
  b.addFieldOffset(4, processUnits, 0);
  const inputTensor = b.endObject();
  // SubGraphMetadata { name, description, input_tensor_metadata, ... }
  const inputs = offsets([inputTensor]);
  b.startObject(9);
  b.addFieldOffset(2, inputs, 0);
  const subgraph = b.endObject();
  // ModelMetadata { name, description, version, subgraph_metadata, author, license, associated_files, min_parser_version }
  const name = b.createString('BlazeFace short range');
  const description = b.createString('Face detector from @mediapipe/face_detection with input metadata added by emotion-overlay');
  const subgraphs = offsets([subgraph]);
  const license = b.createString('Apache License 2.0');
  const minParser = b.createString('1.0.0');
  b.startObject(8);
  b.addFieldOffset(0, name, 0);
  b.addFieldOffset(1, description, 0);
  b.addFieldOffset(3, subgraphs, 0);
  b.addFieldOffset(5, license, 0);
  b.addFieldOffset(7, minParser, 0);
  const root = b.endObject();
  b.finish(root, 'M001');
  return b.asUint8Array();
}

// tflite schema: Model fields
const MODEL_FIELDS = 8; // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const F_VERSION = 0;
const F_BUFFERS = 4;
const F_METADATA = 6;
const PREFIX_ALIGN = 64;

/** Returns a copy of `model` (a .tflite file) with a TFLITE_METADATA entry holding `metadata`. */
export function addTfliteMetadata(model: Buffer, metadata: Uint8Array): Buffer {
  const rootPos = model.readUInt32LE(0);
  if (model.toString('latin1', 4, 8) !== 'TFL3') throw new Error('not a TFLite model (no TFL3 identifier)');
  const vtablePos = rootPos - model.readInt32LE(rootPos);
  const vtableFields = (model.readUInt16LE(vtablePos) - 4) / 2;
  const fieldPos = (i: number) => {
    if (i >= vtableFields) return 0;
    const offset = model.readUInt16LE(vtablePos + 4 + 2 * i);
    return offset ? rootPos + offset : 0;
  };
  const target = (pos: number) => pos + model.readUInt32LE(pos);
  const vectorElements = (fieldIndex: number): number[] => {
    const pos = fieldPos(fieldIndex);
    if (!pos) return [];
    const vec = target(pos);
    const n = model.readUInt32LE(vec);
    return Array.from({ length: n }, (_, k) => target(vec + 4 + 4 * k));
  };
  const oldBuffers = vectorElements(F_BUFFERS);
  const oldMetadata = vectorElements(F_METADATA);
  if (oldMetadata.length) throw new Error('model already has metadata; refusing to patch twice');

  // Lay out the prefix. Positions are absolute in the output; the old file starts at `shift`.
  let pos = 8;
  const align = (n: number, to = 4) => (n + to - 1) & ~(to - 1);

  const modelVtablePos = pos;
  pos += 4 + 2 * MODEL_FIELDS;
  const modelTablePos = align(pos);
  pos = modelTablePos + 4 + 4 * MODEL_FIELDS;
  const buffersVecPos = align(pos);
  pos = buffersVecPos + 4 + 4 * (oldBuffers.length + 1);
  const metadataVecPos = pos;
  pos += 8;
  const bufferVtablePos = pos;
  pos += 6;
  const bufferTablePos = align(pos);
  pos = bufferTablePos + 8;
  const metaVtablePos = pos;
  pos += 8;
  const metaTablePos = align(pos);
  pos = metaTablePos + 12;
  const nameBytes = Buffer.from('TFLITE_METADATA\0', 'latin1');
  const namePos = pos;
  pos = align(pos + 4 + nameBytes.length);
  // The metadata flatbuffer is read in place: start its bytes on a 16-byte boundary.
  const dataVecPos = align(pos + 4, 16) - 4;
  pos = dataVecPos + 4 + metadata.length;
  const shift = align(pos, PREFIX_ALIGN);

  const out = Buffer.alloc(shift + model.length);
  model.copy(out, shift);
  const ref = (from: number, to: number) => out.writeUInt32LE(to - from, from);

  out.writeUInt32LE(modelTablePos, 0);
  out.write('TFL3', 4, 'latin1');
  // Model vtable and table: every old field copied, buffers and metadata replaced.
  out.writeUInt16LE(4 + 2 * MODEL_FIELDS, modelVtablePos);
  out.writeUInt16LE(4 + 4 * MODEL_FIELDS, modelVtablePos + 2);
  out.writeInt32LE(modelTablePos - modelVtablePos, modelTablePos);
  for (let i = 0; i < MODEL_FIELDS; i++) {
    const slot = modelTablePos + 4 + 4 * i;
    const oldPos = fieldPos(i);
    let present = true;
    if (i === F_VERSION) out.writeUInt32LE(oldPos ? model.readUInt32LE(oldPos) : 3, slot);
    else if (i === F_BUFFERS) ref(slot, buffersVecPos);
    else if (i === F_METADATA) ref(slot, metadataVecPos);
    else if (oldPos) ref(slot, shift + target(oldPos));
    else present = false;
    out.writeUInt16LE(present ? 4 + 4 * i : 0, modelVtablePos + 4 + 2 * i);
  }
  // buffers: the old ones, then ours
  out.writeUInt32LE(oldBuffers.length + 1, buffersVecPos);
  oldBuffers.forEach((table, k) => ref(buffersVecPos + 4 + 4 * k, shift + table));
  ref(buffersVecPos + 4 + 4 * oldBuffers.length, bufferTablePos);
  // metadata: [{ name: "TFLITE_METADATA", buffer: index of ours }]
  out.writeUInt32LE(1, metadataVecPos);
  ref(metadataVecPos + 4, metaTablePos);
  // Buffer { data: [ubyte] }
  out.writeUInt16LE(6, bufferVtablePos);
  out.writeUInt16LE(8, bufferVtablePos + 2);
  out.writeUInt16LE(4, bufferVtablePos + 4);
  out.writeInt32LE(bufferTablePos - bufferVtablePos, bufferTablePos);
  ref(bufferTablePos + 4, dataVecPos);
  // Metadata { name: string; buffer: uint }
  out.writeUInt16LE(8, metaVtablePos);
  out.writeUInt16LE(12, metaVtablePos + 2);
  out.writeUInt16LE(4, metaVtablePos + 4);
  out.writeUInt16LE(8, metaVtablePos + 6);
  out.writeInt32LE(metaTablePos - metaVtablePos, metaTablePos);
  ref(metaTablePos + 4, namePos);
  out.writeUInt32LE(oldBuffers.length, metaTablePos + 8);
  out.writeUInt32LE(nameBytes.length - 1, namePos);
  nameBytes.copy(out, namePos + 4);
  out.writeUInt32LE(metadata.length, dataVecPos);
  Buffer.from(metadata).copy(out, dataVecPos + 4);
  return out;
}

export function makeFaceDetector(): Buffer {
  return addTfliteMetadata(readFileSync(SOURCE_MODEL), buildModelMetadata());
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const out = resolve(process.argv[2] ?? DEFAULT_OUTPUT);
  mkdirSync(dirname(out), { recursive: true });
  const bytes = makeFaceDetector();
  writeFileSync(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}
