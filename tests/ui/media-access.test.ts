import { describe, expect, it } from 'vitest';
import { missingDeviceSentence, outcomeFromError } from '../../src/ui/media-access';
import { useLocale } from './locale-messages';

const domError = (name: string) => Object.assign(new Error(name), { name });

describe('media access outcomes', () => {
  it('maps getUserMedia errors', () => {
    expect(outcomeFromError(domError('NotAllowedError'))).toEqual({ kind: 'denied' });
    expect(outcomeFromError(domError('NotFoundError')).kind).toBe('not-found');
    expect(outcomeFromError(domError('NotReadableError'))).toEqual({ kind: 'in-use' });
    expect(outcomeFromError(domError('TypeError'))).toMatchObject({ kind: 'error', message: 'TypeError' });
  });

  it('says which analysis stays off', async () => {
    await useLocale('en');
    expect(missingDeviceSentence(true, true)).toBeNull();
    expect(missingDeviceSentence(false, true)).toMatch(/face analysis will be off/);
    expect(missingDeviceSentence(true, false)).toMatch(/voice analysis will be off/);
    expect(missingDeviceSentence(false, false)).toMatch(/No camera or microphone/);
  });
});
