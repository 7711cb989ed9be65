import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dirs: string[] = [];

/** A fresh working directory whose wikiqueue.config.json holds `file` (loadConfig's `cwd`). */
export function cwdWith(file: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'wq-config-'));
  writeFileSync(join(dir, 'wikiqueue.config.json'), JSON.stringify(file));
  dirs.push(dir);
  return dir;
}

/** Removes the directories cwdWith made (call it in afterEach). */
export function removeConfigDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
