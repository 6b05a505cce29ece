import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../../src/core/emotions';
import { ferplusMajority, faceapiToOurs, FACEAPI_LABELS, labelIndex, FERPLUS_COLUMNS, FERPLUS_TO_OURS } from '../../../src/modalities/face/labels';
import { summarize, macroF1, confusionMatrix, accuracy, perClassRecall } from '../../../scripts/lib/metrics';

describe('label maps', () => {
  it('maps FER+ columns onto our classes', () => {
    const names = FERPLUS_TO_OURS.map((j) => FERPLUS_COLUMNS[j]);
    expect(names).toEqual(['anger', 'disgust', 'fear', 'happiness', 'sadness', 'surprise', 'neutral']);
  });
  it('takes the FER+ majority, rejecting contempt/unknown/NF pluralities and ties', () => {
    // neutral, happiness, surprise, sadness, anger, disgust, fear, contempt, unknown, NF
    expect(ferplusMajority([4, 0, 0, 1, 3, 2, 0, 0, 0, 0])).toBe(EMOTIONS.indexOf('neutral'));
    expect(ferplusMajority([0, 0, 0, 0, 6, 2, 2, 0, 0, 0])).toBe(EMOTIONS.indexOf('angry'));
    expect(ferplusMajority([0, 0, 7, 0, 0, 0, 3, 0, 0, 0])).toBe(EMOTIONS.indexOf('surprise'));
    expect(ferplusMajority([1, 0, 0, 0, 0, 0, 0, 6, 3, 0])).toBe(-1); // contempt
    expect(ferplusMajority([0, 0, 0, 0, 0, 0, 0, 0, 0, 10])).toBe(-1); // not a face
    expect(ferplusMajority([5, 5, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(-1); // tie
  });
  it('reorders face-api probabilities', () => {
    const p = FACEAPI_LABELS.map((_, i) => i / 10); // neutral .0, happy .1, sad .2, angry .3, fearful .4, disgusted .5, surprised .6
    expect(Array.from(faceapiToOurs(p), (v) => Math.round(v * 10))).toEqual([3, 5, 4, 1, 2, 6, 0]);
  });
  it('parses manifest labels', () => {
    expect(labelIndex('Happy')).toBe(3);
    expect(labelIndex('fearful')).toBe(2);
    expect(labelIndex('6')).toBe(6);
    expect(labelIndex('contempt')).toBe(-1);
  });
});

describe('metrics', () => {
  it('computes accuracy, recall and macro-F1', () => {
    const y = [0, 0, 1, 1, 2, 2];
    const p = [0, 1, 1, 1, 2, 0];
    const cm = confusionMatrix(y, p, 3);
    expect(cm).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    expect(accuracy(cm)).toBeCloseTo(4 / 6);
    expect(perClassRecall(cm)).toEqual([0.5, 1, 0.5]);
    // F1: class0 p=.5 r=.5 -> .5; class1 p=2/3 r=1 -> .8; class2 p=1 r=.5 -> 2/3
    expect(macroF1(cm)).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3);
    const s = summarize(y, p, ['a', 'b', 'c']);
    expect(s.n).toBe(6);
    expect(s.perClass).toEqual({ a: 0.5, b: 1, c: 0.5 });
  });
});
