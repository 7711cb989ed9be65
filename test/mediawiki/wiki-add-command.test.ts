import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { runCli } from '../factories/cli.ts';
import {
  describeWithMediaWiki,
  startRealMediaWiki,
  type RealMediaWiki,
} from '../factories/real-mediawiki.ts';

/**
 * `wikiqueue wiki add W --mediawiki URL --bot-user Name@app` and `wikiqueue wiki backfill W` as
 * an operator runs them (child processes on the server's database), against MediaWiki itself: the
 * bot password comes from the config file, never the command line; a URL where no MediaWiki
 * answers is refused with its catalogued error.
 */

vi.setConfig({ testTimeout: 180_000 });

describeWithMediaWiki('wiki add --mediawiki and wiki backfill', () => {
  let mw: RealMediaWiki;
  let t: TestApp;
  let dir: string;
  let configFile: string;
  let botPassword: string;
  const cli = (...args: string[]) => runCli(['--config', configFile, ...args], { cwd: dir });

  beforeAll(async () => {
    mw = await startRealMediaWiki();
    await mw.createUser('Reader bot', 'Reader-password-1234', ['bot']);
    botPassword = await mw.createBotPassword('Reader bot', 'wikiqueue', ['basic', 'highvolume']);
    await mw.createUser('Newbie', 'Newbie-password-1234');
    await mw.maintenance('edit.php', ['--user=Newbie', '--summary=new', 'Operator test page'], 'A new page.');
    t = await buildTestApp({ sharedStore: true });
    dir = mkdtempSync(join(tmpdir(), 'wq-mw-cli-'));
    configFile = join(dir, 'server.config.json');
    writeFileSync(
      configFile,
      JSON.stringify({ databaseUrl: t.databaseUrl, wikis: { opwiki: { mediawiki: { botPassword } } } }),
    );
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await mw?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('adds the wiki with a bot password from the config file, then backfills its new pages into the queue', async () => {
    const added = await cli(
      'wiki',
      'add',
      'opwiki',
      '--mediawiki',
      mw.apiUrl,
      '--bot-user',
      'Reader bot@wikiqueue',
    );
    expect(added.status).toBe(0);
    expect(added.stdout).toContain(`opwiki: follows ${mw.apiUrl} (Test Wiki, en,`);
    const backfilled = await cli('wiki', 'backfill', 'opwiki', '--days', '1');
    expect(backfilled.status).toBe(0);
    expect(backfilled.stdout).toMatch(/opwiki: 2 of 2 new pages brought in, 2 revisions, 2 users/);
    await t.services.wikis.reload();
    const page = await t.services.store.pages.getByTitle('opwiki', 0, 'Operator_test_page');
    expect(page).toBeDefined();
    // The password is neither stored with the wiki's settings nor shown.
    const shown = await cli('wiki', 'show', 'opwiki');
    const settings = (JSON.parse(shown.stdout) as { settings: Record<string, { mediawiki: unknown }> })
      .settings;
    expect(settings.stored!.mediawiki).toEqual({ apiUrl: mw.apiUrl, botUser: 'Reader bot@wikiqueue' });
    expect(settings.inForce!.mediawiki).toMatchObject({ botPassword: '(set)' });
    expect(shown.stdout).not.toContain(botPassword);
  });

  it('refuses a URL where no MediaWiki answers, with wiki-not-mediawiki', async () => {
    const r = await cli('wiki', 'add', 'nowiki', '--mediawiki', `${mw.server}/nothing-here.php`);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('No MediaWiki Action API answers at');
    // A wiki that does not answer at all: its reason, said once.
    const down = await cli('wiki', 'add', 'nowiki', '--mediawiki', 'http://127.0.0.1:9/api.php');
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain('No MediaWiki Action API answers at http://127.0.0.1:9/api.php (');
    expect(down.stderr).not.toContain('cannot be reached');
  });

  it('refuses a bad wiki id, or the id of a wiki of its own, before asking the wiki; backfill of a wiki not followed says so', async () => {
    const bad = await cli('wiki', 'add', 'Not-an-id', '--mediawiki', 'http://127.0.0.1:9/api.php');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain('"Not-an-id" is not a wiki id');
    // The test app's own wiki, served from its store.
    const own = await cli('wiki', 'add', TEST_WIKI, '--mediawiki', 'http://127.0.0.1:9/api.php');
    expect(own.status).not.toBe(0);
    expect(own.stderr).toContain(`Wiki "${TEST_WIKI}" is not followed from a MediaWiki: it is a local wiki`);
    const backfill = await cli('wiki', 'backfill', TEST_WIKI);
    expect(backfill.status).not.toBe(0);
    expect(backfill.stderr).toContain(`Wiki "${TEST_WIKI}" is not followed from a MediaWiki`);
  });

  it('keeps the bot user and backfill window when the wiki is added again with only its URL', async () => {
    expect(
      (
        await cli(
          'wiki',
          'add',
          'againwiki',
          '--mediawiki',
          mw.apiUrl,
          '--bot-user',
          'Reader bot@wikiqueue',
          '--backfill-days',
          '7',
        )
      ).status,
    ).toBe(0);
    expect((await cli('wiki', 'add', 'againwiki', '--mediawiki', mw.apiUrl)).status).toBe(0);
    const shown = await cli('wiki', 'show', 'againwiki');
    const settings = (JSON.parse(shown.stdout) as { settings: Record<string, { mediawiki: unknown }> })
      .settings;
    expect(settings.stored!.mediawiki).toEqual({
      apiUrl: mw.apiUrl,
      botUser: 'Reader bot@wikiqueue',
      backfillDays: 7,
    });
  });
});
