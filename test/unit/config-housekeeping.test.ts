import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

/** config.housekeeping: the ages and intervals of the core's housekeeping tasks. */
describe('housekeeping configuration', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'wq-config-'));

  it('keeps done jobs a day and cleans up hourly by default', () => {
    expect(loadConfig({}, {}, cwd).housekeeping).toEqual({
      doneJobAge: 86400,
      doneJobsEvery: 3600,
      sessionsEvery: 3600,
      throttlesEvery: 3600,
    });
  });

  it('takes a part of the section and keeps the defaults of the rest', () => {
    expect(loadConfig({ housekeeping: { doneJobAge: 600 } }, {}, cwd).housekeeping).toMatchObject({
      doneJobAge: 600,
      doneJobsEvery: 3600,
    });
  });

  it('refuses an interval that is not a whole number of seconds of at least 1', () => {
    expect(() => loadConfig({ housekeeping: { sessionsEvery: 0 } }, {}, cwd)).toThrow(ConfigError);
    expect(() => loadConfig({ housekeeping: { doneJobAge: 1.5 } }, {}, cwd)).toThrow(
      /housekeeping.doneJobAge must be a whole number of seconds/,
    );
  });
});
