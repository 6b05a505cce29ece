import { readFileSync } from 'node:fs';
import * as flatbuffers from 'flatbuffers';
import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTPUT, makeFaceDetector, SOURCE_MODEL } from '../../scripts/assets/make-face-detector';

/** Reads table field `i` as an absolute position, or 0 when absent. */
function field(bb: flatbuffers.ByteBuffer, table: number, i: number): number {
  const o = bb.__offset(table, 4 + 2 * i);
  return o ? table + o : 0;
}

describe('face detector asset', () => {
  it('is reproduced byte for byte from the npm package', () => {
    const committed = readFileSync(DEFAULT_OUTPUT);
    expect(Buffer.compare(makeFaceDetector(), committed)).toBe(0);
  });

  it('keeps the original model and adds input metadata MediaPipe accepts', () => {
    const original = new flatbuffers.ByteBuffer(new Uint8Array(readFileSync(SOURCE_MODEL)));
    const patched = new flatbuffers.ByteBuffer(new Uint8Array(makeFaceDetector()));
    expect(patched.__has_identifier('TFL3')).toBe(true);
    const root = (bb: flatbuffers.ByteBuffer) => bb.readInt32(bb.position()) + bb.position();
    const vecLen = (bb: flatbuffers.ByteBuffer, t: number, i: number) => bb.__vector_len(field(bb, t, i));
    const [o, p] = [root(original), root(patched)];
    // same subgraphs and operator codes; one more buffer
    expect(vecLen(patched, p, 1)).toBe(vecLen(original, o, 1));
    expect(vecLen(patched, p, 2)).toBe(vecLen(original, o, 2));
    expect(vecLen(patched, p, 4)).toBe(vecLen(original, o, 4) + 1);
    // metadata[0] = { name: TFLITE_METADATA, buffer: last }
    const metadataVec = field(patched, p, 6);
    expect(patched.__vector_len(metadataVec)).toBe(1);
    const meta = patched.__indirect(patched.__vector(metadataVec));
    expect(patched.__string(field(patched, meta, 0))).toBe('TFLITE_METADATA');
    const bufferIndex = patched.readUint32(field(patched, meta, 1));
    expect(bufferIndex).toBe(vecLen(patched, p, 4) - 1);
    const bufferTable = patched.__indirect(patched.__vector(field(patched, p, 4)) + 4 * bufferIndex);
    const data = field(patched, bufferTable, 0);
    const bytes = patched.bytes().subarray(patched.__vector(data), patched.__vector(data) + patched.__vector_len(data));
    const mbb = new flatbuffers.ByteBuffer(bytes);
    expect(mbb.__has_identifier('M001')).toBe(true);
    // ModelMetadata.subgraph_metadata[0].input_tensor_metadata[0].process_units[0].options = NormalizationOptions(127.5, 127.5)
    const mroot = mbb.readInt32(0);
    const subgraph = mbb.__indirect(mbb.__vector(field(mbb, mroot, 3)));
    const tensor = mbb.__indirect(mbb.__vector(field(mbb, subgraph, 2)));
    const unit = mbb.__indirect(mbb.__vector(field(mbb, tensor, 4)));
    expect(mbb.readUint8(field(mbb, unit, 0))).toBe(1);
    const norm = mbb.__indirect(field(mbb, unit, 1));
    expect(mbb.readFloat32(mbb.__vector(field(mbb, norm, 0)))).toBe(127.5);
    expect(mbb.readFloat32(mbb.__vector(field(mbb, norm, 1)))).toBe(127.5);
  });

  it('refuses files that are not TFLite models', async () => {
    await expect(makeFaceDetectorFrom(Buffer.from('not a model at all'))).rejects.toThrow(/TFLite/);
  });
});

function makeFaceDetectorFrom(buf: Buffer) {
  return import('../../scripts/assets/make-face-detector').then((m) => m.addTfliteMetadata(buf, new Uint8Array(8)));
}
