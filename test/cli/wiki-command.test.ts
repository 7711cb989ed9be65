import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, TEST_WIKI, type TestApp } from '../factories/app.ts';
import { runCli } from '../factories/cli.ts';

/**
 * `wikiqueue wiki list|show|set|unset` run as an operator runs them — a child process, from a
 * folder of its own, pointed at the server's database by `--config` — against a database the
 * test app (the "server") holds open: SQLite file or PostgreSQL schema.
 */

// Each command is a process of its own (a few seconds on a loaded machine), several per test.
vi.setConfig({ testTimeout: 180_000 });

let t: TestApp;
let dir: string;
let configFile: string;

const cli = (...args: string[]) => runCli(['--config', configFile, ...args], { cwd: dir });

async function editAs(name: string, title: string, text: string): Promise<number> {
  const user = await t.services.accounts.createAccount(TEST_WIKI, name, 'a long test password 1');
  const session = await t.services.accounts.openSession(TEST_WIKI, user.id);
  const actor = await t.services.accounts.actorFor(TEST_WIKI, session.id, '127.0.0.1');
  return (await t.services.wikiSources.for(TEST_WIKI).edit(actor, { title, text })).pageid;
}

function writeConfig(wikis: Record<string, unknown> = {}): void {
  writeFileSync(configFile, JSON.stringify({ databaseUrl: t.databaseUrl, wikis }));
}

beforeAll(async () => {
  t = await buildTestApp({ sharedStore: true });
  dir = mkdtempSync(join(tmpdir(), 'wq-cli-'));
  configFile = join(dir, 'server.config.json');
  writeConfig();
});

afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('wiki set review.namespaces', () => {
  it('makes review enqueue --all queue the User pages, without SQL', async () => {
    const userPage = await editAs('Ulla', 'User:Ulla', 'About me, at some length.');
    const article = await editAs('Ben', 'Rivers of Somewhere', 'An article about rivers.');
    const queued = (pageId: number) => t.services.review.store.reviewQueue.get(TEST_WIKI, pageId);

    expect((await cli('review', 'enqueue', '--wiki', TEST_WIKI, '--all')).status).toBe(0);
    expect(await queued(article)).toBeDefined();
    expect(await queued(userPage)).toBeUndefined();

    const set = await cli('wiki', 'set', TEST_WIKI, 'review.namespaces', '[0,2]');
    expect(set.stderr).not.toContain('wikiqueue: nosuch');
    expect(set.status).toBe(0);
    expect(set.stdout).toBe(`${TEST_WIKI}: review.namespaces = [0,2]\n`);

    const enqueue = await cli('review', 'enqueue', '--wiki', TEST_WIKI, '--all');
    expect(enqueue.status).toBe(0);

    expect(await queued(userPage)).toBeDefined();
    expect((await t.services.store.wikis.get(TEST_WIKI))?.settings).toEqual({
      review: { namespaces: [0, 2] },
    });
  });
});

describe('wiki set refusals', () => {
  it('names an unknown key and the settings there are, and stores nothing', async () => {
    const before = (await t.services.store.wikis.get(TEST_WIKI))?.settings;
    const r = await cli('wiki', 'set', TEST_WIKI, 'review.namespacez', '[0]');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('unknown-wiki-setting: There is no wiki setting "review.namespacez"');
    expect(r.stderr).toContain('review.namespaces, review.draftNamespace');
    expect((await t.services.store.wikis.get(TEST_WIKI))?.settings).toEqual(before);
  });

  it('refuses a value of the wrong type with invalid-wiki-settings, and a non-JSON one for a typed key', async () => {
    const wrong = await cli('wiki', 'set', TEST_WIKI, 'autoconfirm.minEdits', '"ten"');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain(
      'invalid-wiki-settings: Wiki "testwiki" was not saved: setting "autoconfirm.minEdits" must be an integer ≥ 0.',
    );
    const notJson = await cli('wiki', 'set', TEST_WIKI, 'review.namespaces', '[0,2');
    expect(notJson.status).toBe(1);
    expect(notJson.stderr).toContain(
      'invalid-wiki-setting-json: Setting "review.namespaces" takes a JSON value',
    );
  });

  it('takes a text setting as typed (a main page title needs no JSON quotes)', async () => {
    const r = await cli('wiki', 'set', TEST_WIKI, 'mainPage', 'Portal:Start');
    expect(r.status).toBe(0);
    await t.services.wikis.reload();
    const siteinfo = await t.app.inject({
      url: '/w/api.php?action=query&meta=siteinfo&format=json&formatversion=2',
    });
    expect(siteinfo.json().query.general.mainpage).toBe('Portal:Start');
    expect((await cli('wiki', 'unset', TEST_WIKI, 'mainPage')).stdout).toBe(`${TEST_WIKI}: mainPage unset\n`);
  });
});

describe("the config file's wikis", () => {
  it('apply under the stored settings: wiki set wins, wiki unset brings the file back', async () => {
    writeConfig({ [TEST_WIKI]: { 'autoconfirm.minEdits': 50, review: { ages: { maxAge: 7 } } } });
    try {
      const show = async () =>
        JSON.parse((await cli('wiki', 'show', TEST_WIKI)).stdout) as {
          settings: {
            inForce: { autoconfirm: { minEdits: number }; review: { ages: { maxAge: number } } };
            stored: unknown;
            configFile: unknown;
          };
        };
      let shown = await show();
      expect(shown.settings.configFile).toEqual({
        autoconfirm: { minEdits: 50 },
        review: { ages: { maxAge: 7 } },
      });
      expect(shown.settings.inForce.autoconfirm.minEdits).toBe(50);
      expect(shown.settings.inForce.review.ages.maxAge).toBe(7);

      const set = await cli('wiki', 'set', TEST_WIKI, 'autoconfirm.minEdits', '5');
      expect(set.stderr).toContain("this replaces the config file's wikis.testwiki.autoconfirm.minEdits");
      shown = await show();
      expect(shown.settings.inForce.autoconfirm.minEdits).toBe(5);

      await cli('wiki', 'unset', TEST_WIKI, 'autoconfirm.minEdits');
      shown = await show();
      expect(shown.settings.inForce.autoconfirm.minEdits).toBe(50);
      expect(shown.settings.stored).toEqual({ review: { namespaces: [0, 2] } });
    } finally {
      writeConfig();
    }
  });

  it('are checked against the schemas: a wrong one stops the command with invalid-wiki-config', async () => {
    writeConfig({ [TEST_WIKI]: { review: { enableOres: 'yes' } } });
    try {
      const r = await cli('wiki', 'list');
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        'invalid-wiki-config: The config file\'s settings of wiki "testwiki" (wikis.testwiki) are refused: setting "review.enableOres" must be true or false.',
      );
    } finally {
      writeConfig();
    }
  });
});

describe('wiki list and show', () => {
  it('lists the wikis, one a line', async () => {
    const r = await cli('wiki', 'list');
    expect(r.stdout).toBe(`${TEST_WIKI}\ten\tlocal\tWiki ${TEST_WIKI}\n`);
  });

  it('says which preset is in force and why, and which of its categories and templates the wiki lacks', async () => {
    await editAs('Cara', 'Category:Candidates for speedy deletion', 'Pages nominated for speedy deletion.');
    await editAs('Tom', 'Template:Db-a1', '{{delete}} No context.');
    const shown = JSON.parse((await cli('wiki', 'show', TEST_WIKI)).stdout) as {
      review: {
        preset: unknown;
        missing: { categories: string[]; templates: string[]; namespaces: number[] };
      };
    };
    // testwiki has no preset file of its own and its language is English.
    expect(shown.review.preset).toEqual({ name: 'enwiki', reason: 'language' });
    expect(shown.review.missing.categories).toContain('Articles for deletion');
    expect(shown.review.missing.categories).not.toContain('Candidates for speedy deletion');
    expect(shown.review.missing.templates).toContain('Db-a7');
    expect(shown.review.missing.templates).not.toContain('Db-a1');
    // enwiki's Draft namespace (118) is not among MediaWiki's core namespaces.
    expect(shown.review.missing.namespaces).toEqual([118]);
  });

  it('answers nosuchwiki for a wiki the database does not have', async () => {
    const r = await cli('wiki', 'show', 'nowiki');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('nosuchwiki');
  });
});

describe('which database a command uses', () => {
  it('is said on stderr, with the config file, keeping stdout for the answer', async () => {
    const r = await cli('wiki', 'list');
    expect(r.stderr).toMatch(/^wikiqueue: database (sqlite:|postgres)/m);
    expect(r.stderr).toContain(`(config ${configFile})`);
    expect(r.stderr).not.toMatch(/:[^:@/]+@/);
  });

  it('is never created by a command that needs an existing one: no-database names where it looked', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'wq-cli-empty-'));
    try {
      const r = await runCli(['user', 'botpassword', 'Somebody', 'app'], { cwd: elsewhere });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(
        `no-database: There is no wikiqueue database at ${join(elsewhere, 'data', 'wikiqueue.sqlite')}.`,
      );
      expect(r.stderr).toContain('--config FILE');
      expect(existsSync(join(elsewhere, 'data', 'wikiqueue.sqlite'))).toBe(false);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('is found through the config file in the working folder, as serve finds it', async () => {
    const here = mkdtempSync(join(tmpdir(), 'wq-cli-here-'));
    try {
      writeFileSync(join(here, 'wikiqueue.config.json'), JSON.stringify({ databaseUrl: t.databaseUrl }));
      const r = await runCli(['wiki', 'list'], { cwd: here });
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`${TEST_WIKI}\t`);
    } finally {
      rmSync(here, { recursive: true, force: true });
    }
  });
});
