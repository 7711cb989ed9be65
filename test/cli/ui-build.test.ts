import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isUiBuildCurrent, uiSourceHash } from '../../src/cli/ui-build.ts';

/** `wikiqueue ui build --if-stale` (and so `npm start`) decides by the sources' content, not file times. */
describe('ui build staleness', () => {
  let src: string;
  let out: string;

  beforeEach(() => {
    src = mkdtempSync(join(tmpdir(), 'wq-ui-src-'));
    out = join(src, 'dist');
    mkdirSync(join(src, 'src'));
    writeFileSync(join(src, 'src', 'main.ts'), 'export const a = 1;\n');
    writeFileSync(join(src, 'index.html'), '<div id="app"></div>\n');
  });
  afterEach(() => rmSync(src, { recursive: true, force: true }));

  it('calls a missing build stale, and a build that recorded the current hash current', async () => {
    expect(await isUiBuildCurrent(out, src)).toBe(false);
    mkdirSync(out);
    writeFileSync(join(out, '.source-hash'), `${await uiSourceHash(src, out)}\n`);
    expect(await isUiBuildCurrent(out, src)).toBe(true);
  });

  it('changes the hash when a source file changes, is added or is renamed, but not for files of the build', async () => {
    const first = await uiSourceHash(src, out);
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'built');
    expect(await uiSourceHash(src, out)).toBe(first);
    writeFileSync(join(src, 'src', 'main.ts'), 'export const a = 2;\n');
    const edited = await uiSourceHash(src, out);
    expect(edited).not.toBe(first);
    writeFileSync(join(src, 'src', 'extra.ts'), '');
    const added = await uiSourceHash(src, out);
    expect(added).not.toBe(edited);
    rmSync(join(src, 'src', 'extra.ts'));
    writeFileSync(join(src, 'src', 'other.ts'), '');
    expect(await uiSourceHash(src, out)).not.toBe(added);
  });
});
