/**
 * The ZIP writer against real ZIP readers: Debian's `unzip -t` (CRC of every entry) and Python's
 * zipfile, which read the files back byte for byte.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, makeZip } from '../../src/export/zip';

const dir = mkdtempSync(join(tmpdir(), 'eo-zip-'));

function written(bytes: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Python's zipfile: testzip() (None when every CRC matches) and every entry's name and bytes (hex). */
function pythonRead(path: string): { bad: string | null; files: [string, string][] } {
  const script = `import json,sys,zipfile
z=zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "files": [[i.filename, z.read(i).hex()] for i in z.infolist()]}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' }));
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('makeZip (STORE)', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('writes a ZIP that unzip -t and Python read back exactly, UTF-8 names included', () => {
    const binary = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    const entries = [
      { name: 'a.json', data: '{"x": 1}\n' },
      { name: 'reunión, “semanal”.csv', data: 'a,b\r\nñ,€\r\n' },
      { name: 'folder/empty.txt', data: '' },
      { name: 'binary.bin', data: binary },
    ];
    const path = written(makeZip(entries), 'ok.zip');
    const test = execFileSync('/usr/bin/unzip', ['-t', path], { encoding: 'utf8' });
    expect(test).toMatch(/No errors detected/);
    const read = pythonRead(path);
    expect(read.bad).toBeNull();
    const encoder = new TextEncoder();
    expect(read.files).toEqual(entries.map((e) => [e.name, hex(typeof e.data === 'string' ? encoder.encode(e.data) : e.data)]));
  });

  it('an empty archive is still a valid ZIP', () => {
    const read = pythonRead(written(makeZip([]), 'empty.zip'));
    expect(read).toEqual({ bad: null, files: [] });
  });

  it('refuses unsafe and duplicate names', () => {
    expect(() => makeZip([{ name: '../evil', data: 'x' }])).toThrow(/unsafe/);
    expect(() => makeZip([{ name: '/abs', data: 'x' }])).toThrow(/unsafe/);
    expect(() => makeZip([{ name: 'a', data: 'x' }, { name: 'a', data: 'y' }])).toThrow(/duplicate/);
  });

  it('a corrupted byte is caught by the reader (the CRC is real)', () => {
    const zip = makeZip([{ name: 'a.txt', data: 'hello world' }]);
    zip[30 + 'a.txt'.length + 2] ^= 0xff; // inside the stored data
    const path = written(zip, 'bad.zip');
    let output = '';
    try {
      execFileSync('/usr/bin/unzip', ['-t', path], { encoding: 'utf8', stdio: 'pipe' });
    } catch (e) {
      output = String((e as { stdout?: string }).stdout ?? '');
    }
    expect(output).toMatch(/bad CRC/);
  });
});
