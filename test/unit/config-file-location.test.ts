import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, configFileFor, loadConfig } from '../../src/config.ts';
import { cwdWith, removeConfigDirs } from '../factories/config-file.ts';

afterEach(removeConfigDirs);

describe('config: which file, and paths in it', () => {
  it('reads the file --config names, from any working folder, its relative paths taken from its folder', () => {
    const server = cwdWith({});
    const file = join(server, 'etc', 'wq.json');
    mkdirSync(join(server, 'etc'));
    writeFileSync(
      file,
      JSON.stringify({ dataDir: '../state', databaseUrl: 'sqlite:db/wq.sqlite', media: { dir: 'files' } }),
    );
    const elsewhere = cwdWith({});
    const c = loadConfig({}, {}, elsewhere, file);
    expect(c.dataDir).toBe(join(server, 'state'));
    expect(c.media.dir).toBe(join(server, 'etc', 'files'));
    expect(c.databaseUrl).toBe(`sqlite:${join(server, 'etc', 'db', 'wq.sqlite')}`);
    expect(configFileFor({}, elsewhere, file)).toBe(file);
  });

  it('puts --config before WIKIQUEUE_CONFIG, and refuses a named file that is not there', () => {
    const cwd = cwdWith({ defaultWiki: 'fromcwd' });
    writeFileSync(join(cwd, 'named.json'), JSON.stringify({ defaultWiki: 'named' }));
    expect(loadConfig({}, { WIKIQUEUE_CONFIG: 'wikiqueue.config.json' }, cwd, 'named.json').defaultWiki).toBe(
      'named',
    );
    expect(() => loadConfig({}, {}, cwd, 'missing.json')).toThrow(ConfigError);
    expect(() => loadConfig({}, {}, cwd, 'missing.json')).toThrow('(--config) does not exist');
  });

  it('keeps the working folder for the data dir when no file names one', () => {
    const cwd = cwdWith({});
    expect(loadConfig({}, {}, cwd).dataDir).toBe(join(cwd, 'data'));
  });

  it("reads per-wiki settings, dotted keys as nested ones, and refuses what is not a wiki's", () => {
    const cwd = cwdWith({ wikis: { enwiki: { 'review.namespaces': [0, 2], review: { enableOres: true } } } });
    expect(loadConfig({}, {}, cwd).wikis).toEqual({
      enwiki: { review: { namespaces: [0, 2], enableOres: true } },
    });
    expect(() => loadConfig({}, {}, cwdWith({ wikis: { 'Bad Wiki': {} } }))).toThrow('is not a wiki id');
    expect(() => loadConfig({}, {}, cwdWith({ wikis: { enwiki: [] } }))).toThrow(
      'must be an object of settings',
    );
  });
});
