import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, TEST_WIKI, buildTestApp, type TestApp } from '../../factories/app.ts';

/**
 * Debian's Perl MediaWiki::Bot 5.007 (libmediawiki-bot-perl) against a listening server:
 * test/clients/mediawiki-bot.pl logs in with a bot password and calls its helpers (edit — a page
 * creation sends basetimestamp="" —, get_text, move, usergroups, is_blocked, get_allusers,
 * count_contributions, contributions, top_edits, last_active, get_pages_in_category and
 * get_all_pages_in_category over a category tree made beforehand), printing what each returned.
 * Without the module the suite is skipped with the reason, except under CI (CI=true), which
 * installs it (.ci/run) and fails without it.
 */
const script = resolve(import.meta.dirname, '../../clients/mediawiki-bot.pl');
const hasPerlBot = spawnSync('perl', ['-MMediaWiki::Bot', '-e', '1']).status === 0;
const missingReason = 'MediaWiki::Bot is not installed (apt-get install libmediawiki-bot-perl)';
const required = process.env.CI === 'true';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let result: Json;

describe.skipIf(!hasPerlBot && !required)(
  `MediaWiki::Bot against api.php${hasPerlBot ? '' : ` (${missingReason})`}`,
  () => {
    beforeAll(async () => {
      if (!hasPerlBot) throw new Error(`${missingReason}; CI runs this suite`);
      t = await buildTestApp();
      await t.createUser('Perl user', 'perl main password');
      await t.createUser('Perl admin', 'perl admin password', ['sysop']);
      await t.createUser('Perl blocked', 'perl blocked password');
      const admin = new ApiClient(t);
      await admin.login('Perl admin', 'perl admin password');
      await admin.post({ action: 'block', user: 'Perl blocked', reason: 'test', token: await admin.token() });
      for (const [title, text] of [
        ['Category:Perl fruit', 'Fruit.'],
        ['Category:Perl citrus', '[[Category:Perl fruit]]'],
        ['Apple (perl)', '[[Category:Perl fruit]]'],
        ['Banana (perl)', '[[Category:Perl fruit]]'],
        ['Lemon (perl)', '[[Category:Perl citrus]]'],
      ] as const) {
        const res = await admin.post({
          action: 'edit',
          title,
          text,
          token: await admin.token(),
          formatversion: '2',
        });
        expect((res.json as Json).edit?.result).toBe('Success');
      }
      const password = await t.services.accounts.addBotPassword(TEST_WIKI, 'Perl user', 'tests', [
        'basic',
        'editpage',
        'createeditmovepage',
      ]);
      const address = new URL(await t.app.listen({ port: 0, host: '127.0.0.1' }));
      // MediaWiki::Bot keeps its cookies in the working directory.
      const cwd = mkdtempSync(join(tmpdir(), 'mediawiki-bot-'));
      try {
        const { stdout } = await promisify(execFile)(
          'perl',
          [script, address.host, 'Perl user@tests', password, 'Perl blocked'],
          { cwd, timeout: 60_000 },
        );
        result = JSON.parse(stdout) as Json;
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
    afterAll(async () => {
      await t?.close();
    });

    it('logs in with a bot password', () => {
      expect(result.login).toBe(true);
      expect(result.error).toBeUndefined();
    });

    it('creates a page (basetimestamp=""), edits it and reads the text back', async () => {
      expect(result.edit).toMatchObject({ edit: { result: 'Success', new: '', title: 'Perl page' } });
      expect(result.edit_again).toMatchObject({ edit: { result: 'Success' } });
      const moved = await t.services.wikiSources.for(TEST_WIKI).getPageText('Perl page moved');
      expect(moved?.text).toBe('Edited by MediaWiki::Bot.');
      expect(result.get_text).toBe('Edited by MediaWiki::Bot.');
    });

    it('moves the page, leaving a redirect, and reads it under the new title', () => {
      expect(result.move).toMatchObject({ move: { from: 'Perl page', to: 'Perl page moved' } });
      expect(result.get_text_moved).toBe('Edited by MediaWiki::Bot.');
    });

    it("reads the account's groups and who is blocked", () => {
      expect(result.usergroups).toEqual(['*', 'user']);
      expect(result.is_blocked).toBe(true);
      expect(result.is_blocked_self).toBe(false);
    });

    it('lists the accounts and the contributions', async () => {
      expect(result.get_allusers).toEqual(['Perl admin', 'Perl blocked', 'Perl user']);
      // The move wrote two revisions as the mover: the null revision of the moved page and the redirect.
      const moved = 'Perl user moved page [[Perl page]] to [[Perl page moved]]: move it';
      expect(result.contributions.map((c: Json) => [c.title, c.comment])).toEqual([
        ['Perl page', moved],
        ['Perl page moved', moved],
        ['Perl page moved', 'edit'],
        ['Perl page moved', 'create'],
      ]);
      const stored = await t.services.store.users.getByName(TEST_WIKI, 'Perl user');
      expect(result.count_contributions).toBe(stored?.editCount);
      expect(result.count_contributions).toBeGreaterThanOrEqual(2);
      expect(result.top_edits).toEqual(['Perl page', 'Perl page moved']);
      expect(result.last_active).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    });

    it('lists the pages of a category, and of its subcategories recursively', () => {
      expect(result.get_pages_in_category).toEqual(['Apple (perl)', 'Banana (perl)', 'Category:Perl citrus']);
      expect(result.get_pages_in_category_bare).toEqual(['Lemon (perl)']);
      expect(result.get_all_pages_in_category).toEqual([
        'Apple (perl)',
        'Banana (perl)',
        'Category:Perl citrus',
        'Lemon (perl)',
      ]);
    });
  },
);
