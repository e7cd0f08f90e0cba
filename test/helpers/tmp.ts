import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

/** A fresh temporary folder for a test file, removed when the file's tests are done. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
