import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { seriousViolations, startUi, type UiHarness } from './ui-harness.ts';
import { TALK_NOTE_TEMPLATES } from '../../../src/demo/talk-notes.ts';

/**
 * The templates the toolbar substitutes (`{{subst:…}}` is replaced by the template's text when
 * saved): the English talk-page notes of the demo, and the AfD and RfD discussion entries.
 */
const SUBSTITUTED: Record<string, string> = {
  ...TALK_NOTE_TEMPLATES.en,
  Afd2: '=== [[{{{pg}}}]] ===\n{{{text}}}',
  Rfd2: '==== [[{{{redirect}}}]] → [[{{{target}}}]] ====\n{{{text}}}',
};

const suite = chromiumPath ? describe : describe.skip;
const PASSWORD = 'article-test-password-1';
const WIKI = 'testwiki';

suite(
  `web UI: article view and curation toolbar${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`,
  () => {
    let ui: UiHarness;
    let creatorId = 0;

    /** Saves a page as the creator (a newcomer) and lets the review queue pick it up. */
    async function createPage(title: string, text: string): Promise<number> {
      const actor = await ui.t.services.accounts.actorForUser(WIKI, creatorId);
      const saved = await ui.t.services.wikiSources.for(WIKI).edit(actor, { title, text });
      await ui.runJobs();
      return saved.pageid;
    }

    /** GET api.php on the test wiki, anonymously: the oracle beside the browser. */
    async function api(params: Record<string, string>): Promise<Record<string, unknown>> {
      const query = new URLSearchParams({ format: 'json', formatversion: '2', ...params });
      const response = await fetch(`${ui.base}/${WIKI}/w/api.php?${query}`);
      return (await response.json()) as Record<string, unknown>;
    }

    async function wikitext(title: string): Promise<string> {
      const r = await api({
        action: 'query',
        prop: 'revisions',
        rvprop: 'content',
        rvslots: 'main',
        titles: title,
      });
      const pages = (r.query as { pages: { revisions?: { slots: { main: { content: string } } }[] }[] })
        .pages;
      return pages[0]?.revisions?.[0]?.slots.main.content ?? '';
    }

    async function queueRow(pageId: number): Promise<Record<string, unknown> | undefined> {
      const r = await api({ action: 'pagetriagelist', page_id: String(pageId) });
      return (r.pagetriagelist as { pages: Record<string, unknown>[] }).pages[0];
    }

    async function signIn(page: Page, name: string) {
      await page.goto(`${ui.base}/ui/${WIKI}/login`);
      await page.locator('input[name="username"]').fill(name);
      await page.locator('input[name="password"]').fill(PASSWORD);
      await page.locator('button[type="submit"]').click();
      await expect.poll(() => page.getByTestId('signed-in-user').textContent()).toBe(name);
    }

    /** Fills the delete tool's explanation. */
    async function fillReason(page: Page, text: string) {
      await page
        .getByTestId('curation-delete-reason')
        .locator('xpath=descendant-or-self::textarea')
        .fill(text);
    }

    /** Submits the delete tool and waits for its confirmation. */
    async function nominate(page: Page) {
      await page.getByTestId('curation-delete-submit').click();
      await expect.poll(() => page.getByTestId('curation-notice').textContent()).toContain('nominated');
    }

    /** Opens the article view; `uselang` because a signed-in user's language preference wins over the browser's. */
    async function openArticle(page: Page, title: string, lang?: string) {
      const path = encodeURIComponent(title.replace(/ /g, '_')).replace(/%2F/g, '/');
      await page.goto(`${ui.base}/ui/${WIKI}/page/${path}${lang ? `?uselang=${lang}` : ''}`);
      await page.getByTestId('article-content').waitFor();
    }

    beforeAll(async () => {
      ui = await startUi('article');
      await ui.t.createUser('Creator', PASSWORD);
      await ui.t.createUser('Reviewer', PASSWORD, ['sysop']);
      await ui.t.createUser('Reader', PASSWORD);
      creatorId = (await ui.t.services.store.users.getByName(WIKI, 'Creator'))!.id;
      const reviewerId = (await ui.t.services.store.users.getByName(WIKI, 'Reviewer'))!.id;
      const reviewer = await ui.t.services.accounts.actorForUser(WIKI, reviewerId);
      for (const [name, text] of Object.entries(SUBSTITUTED))
        await ui.t.services.wikiSources.for(WIKI).edit(reviewer, { title: `Template:${name}`, text });
    });
    afterAll(async () => {
      await ui?.close();
    });

    it('shows a page with a slash in its title, and a clear message for a missing page', async () => {
      await createPage('AC/DC live', 'A band page.\n\nSecond paragraph.');
      const { context, page } = await ui.open();
      await openArticle(page, 'AC/DC live');
      expect(await page.getByTestId('article-title').textContent()).toBe('AC/DC live');
      expect(await page.locator('.mw-parser-output p').count()).toBe(2);
      // Anonymous: page info and a sign-in link, no review tools.
      await page.getByTestId('curation-info').waitFor();
      // One edit, no categories: each count with the plural form its number takes.
      await expect
        .poll(() => page.getByTestId('curation-info').textContent())
        .toMatch(/\d+ bytes · 1 edit · 0 categories · linked from 0 pages/);
      expect(await page.getByTestId('curation-sign-in').count()).toBe(1);
      expect(await page.getByTestId('curation-tool-mark').count()).toBe(0);
      await ui.screenshot(page, 'anonymous');

      await page.goto(`${ui.base}/ui/${WIKI}/page/No_such_page_here`);
      await expect
        .poll(() => page.getByTestId('article-missing').textContent())
        .toContain('No such page here');
      await context.close();
    });

    it('tags a page and marks it reviewed: wikitext, log, queue and the creator notification change', async () => {
      const pageId = await createPage('Tag me', '\nSome text about a company.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Tag me');
      await page.getByTestId('curation-tool-tags').click();
      await page.getByTestId('curation-tag-Orphan').locator('input').check();
      await page.getByTestId('curation-tag-Advert').locator('input').check();
      await page.getByTestId('curation-tags-reviewed').locator('input').check();
      await page
        .getByTestId('curation-tags-note')
        .locator('xpath=descendant-or-self::textarea')
        .fill('Please add sources.');
      await ui.screenshot(page, 'tags-chosen');
      await page.getByTestId('curation-tags-submit').click();
      await expect
        .poll(() => page.getByTestId('curation-notice').textContent())
        .toContain('2 tags were added');

      expect(await wikitext('Tag me')).toBe(
        '{{Multiple issues|\n{{Orphan}}\n{{Advert}}\n}}\nSome text about a company.',
      );
      const log = await api({
        action: 'query',
        list: 'logevents',
        letype: 'pagetriage-curation',
        letitle: 'Tag me',
      });
      const actions = (log.query as { logevents: { action: string; user: string }[] }).logevents.map(
        (e) => e.action,
      );
      expect(actions).toContain('tag');
      expect(actions).toContain('reviewed-article');
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '1', reviewer: 'Reviewer' });
      const notes = await ui.t.services.store.notifications.listForUser(WIKI, creatorId, { limit: 20 });
      const tagged = notes.find(
        (n) => n.eventType === 'pagetriage-add-maintenance-tag' && n.pageTitle === 'Tag_me',
      );
      expect(tagged?.extra).toMatchObject({ note: 'Please add sources.' });
      // skipnotif: the review that came with the tags sends no second notification.
      expect(
        notes.some((n) => n.eventType === 'pagetriage-mark-as-reviewed' && n.pageTitle === 'Tag_me'),
      ).toBe(false);
      // The note went to the creator's talk page as a new section.
      expect(await wikitext('User talk:Creator')).toContain('Please add sources.');
      await page.getByTestId('curation-tool-info').click();
      await expect.poll(() => page.getByTestId('curation-status').textContent()).toContain('by Reviewer');
      await ui.screenshot(page, 'tagged');
      await context.close();
    });

    it('describes each tag and filters the tags as you type when there are more than five', async () => {
      await createPage('Filter tags', 'Some text.');
      await createPage('Filter tags redirect', '#REDIRECT [[Filter tags]]');
      const config = await api({ action: 'query', meta: 'pagetriageconfig' });
      const articleTags = (
        config.query as { pagetriageconfig: { maintenancetags: { tag: string; category: string }[] } }
      ).pagetriageconfig.maintenancetags.filter((t) => t.category !== 'redirects');
      expect(articleTags.length).toBeGreaterThan(5);
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Filter tags');
      await page.getByTestId('curation-tool-tags').click();
      const shownTags = () =>
        page
          .getByTestId('curation-tags')
          .locator('fieldset [data-testid^="curation-tag-"]:not([data-testid="curation-tag-desc"])')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
      const everyTag = articleTags.map((t) => `curation-tag-${t.tag}`).sort();
      // Grouped by category, so compared as sets.
      await expect.poll(async () => (await shownTags()).sort()).toEqual(everyTag);
      expect(await page.getByTestId('curation-tag-Orphan').textContent()).toContain(
        'No other article links to this one.',
      );
      await page.getByTestId('curation-tag-Orphan').locator('input').check();
      const filter = page.getByTestId('curation-tags-filter').locator('xpath=descendant-or-self::input');
      await filter.fill('ADVERT');
      // The chosen tag stays in view; of the others only the one whose label matches.
      await expect.poll(shownTags).toEqual(['curation-tag-Orphan', 'curation-tag-Advert']);
      await filter.fill('no other article links');
      await expect.poll(shownTags).toEqual(['curation-tag-Orphan']);
      await page.getByTestId('curation-tag-Orphan').locator('input').uncheck();
      await filter.fill('zzz');
      await expect.poll(shownTags).toEqual([]);
      expect(await page.getByTestId('curation-tags-no-match').textContent()).toContain(
        'No tag matches "zzz"',
      );
      await ui.screenshot(page, 'tags-filter');
      await filter.fill('');
      await expect.poll(async () => (await shownTags()).sort()).toEqual(everyTag);

      // A redirect has two tags here: no filter.
      await page.goto(`${ui.base}/ui/${WIKI}/page/Filter_tags_redirect?redirect=no`);
      await page.getByTestId('curation-tool-tags').click();
      await page.getByTestId('curation-tag-R from move').waitFor();
      expect(await page.getByTestId('curation-tags-filter').count()).toBe(0);
      await context.close();
    });

    it('marks a page reviewed with a note, then unreviewed', async () => {
      const pageId = await createPage('Mark me', 'A short page.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Mark me');
      await page.getByTestId('curation-tool-mark').click();
      await page
        .getByTestId('curation-mark-note')
        .locator('xpath=descendant-or-self::textarea')
        .fill('Nice start.');
      await page.getByTestId('curation-mark-submit').click();
      await expect
        .poll(() => page.getByTestId('curation-notice').textContent())
        .toContain('marked as reviewed');
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '1' });
      const notes = await ui.t.services.store.notifications.listForUser(WIKI, creatorId, { limit: 20 });
      expect(
        notes.find((n) => n.eventType === 'pagetriage-mark-as-reviewed' && n.pageTitle === 'Mark_me')?.extra,
      ).toMatchObject({ note: 'Nice start.' });
      expect(await wikitext('User talk:Creator')).toContain('Nice start.');

      await page.getByTestId('curation-mark-submit').click();
      await expect.poll(() => page.getByTestId('curation-notice').textContent()).toContain('unreviewed');
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '0' });
      await context.close();
    });

    it('nominates a page for speedy deletion, which unreviews it', async () => {
      const pageId = await createPage('Delete me', 'Buy our product now.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Delete me');
      await page.getByTestId('curation-tool-delete').click();
      // An article is offered the criteria for articles and all pages, not the redirect ones.
      expect(await page.getByTestId('curation-delete-tag-Db-r3').count()).toBe(0);
      await page.getByTestId('curation-delete-tag-Db-a7').locator('input').check();
      await page.getByTestId('curation-delete-tag-Db-g11').locator('input').check();
      await ui.screenshot(page, 'delete');
      await nominate(page);
      expect(await wikitext('Delete me')).toBe('{{Db-multiple|A7|G11}}\nBuy our product now.');
      const log = await api({
        action: 'query',
        list: 'logevents',
        letype: 'pagetriage-curation',
        letitle: 'Delete me',
      });
      expect((log.query as { logevents: { action: string }[] }).logevents.map((e) => e.action)).toContain(
        'delete',
      );
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '0' });
      const notes = await ui.t.services.store.notifications.listForUser(WIKI, creatorId, { limit: 20 });
      expect(
        notes.some((n) => n.eventType === 'pagetriage-add-deletion-tag' && n.pageTitle === 'Delete_me'),
      ).toBe(true);
      await context.close();
    });

    it('opens a deletion discussion for an AfD nomination, which reviews the page', async () => {
      const pageId = await createPage('Discuss me', 'A page of doubtful notability.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Discuss me');
      await page.getByTestId('curation-tool-delete').click();
      await page.getByTestId('curation-delete-kind-xfd').locator('input').check();
      await fillReason(page, 'Not notable.');
      await nominate(page);
      const discussion = 'Wikipedia:Articles for deletion/Discuss me';
      expect(await wikitext('Discuss me')).toBe(
        `{{Article for deletion|page=${discussion}}}\nA page of doubtful notability.`,
      );
      expect(await wikitext(discussion)).toContain('Not notable.');
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '1' });
      await context.close();
    });

    it('reviews a redirect as itself: redirect criteria, no PROD, and RfD wrapping it with a day-log entry', async () => {
      await createPage('Rfd target', 'The page the redirect leads to.');
      const pageId = await createPage('Rfd targte', '#REDIRECT [[Rfd target]]');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await page.goto(`${ui.base}/ui/${WIKI}/page/Rfd_targte?redirect=no`);
      await page.getByTestId('article-content').waitFor();
      expect(await page.getByTestId('article-title').textContent()).toBe('Rfd targte');
      await page.getByTestId('curation-tool-delete').click();
      await page.getByTestId('curation-delete-tag-Db-r3').waitFor();
      expect(await page.getByTestId('curation-delete-tag-Db-a7').count()).toBe(0);
      expect(await page.getByTestId('curation-delete-tag-Db-g11').count()).toBe(1);
      expect(await page.getByTestId('curation-delete-kind-prod').count()).toBe(0);
      await page.getByTestId('curation-delete-kind-xfd').locator('input').check();
      expect(await page.getByTestId('curation-delete-tag-Article for deletion').count()).toBe(0);
      expect(await page.getByTestId('curation-delete-tag-Rfd').locator('input').isChecked()).toBe(true);
      await fillReason(page, 'Implausible typo.');
      await ui.screenshot(page, 'delete-redirect');
      await nominate(page);
      expect(await wikitext('Rfd targte')).toBe('{{Rfd|content=\n#REDIRECT [[Rfd target]]\n}}');
      const logs = await api({
        action: 'query',
        list: 'allpages',
        apnamespace: '4',
        apprefix: 'Redirects for discussion/Log/',
      });
      const [dayLog] = (logs.query as { allpages: { title: string }[] }).allpages;
      // The test wiki calls its project namespace Project: (Wikipedia: is its alias).
      expect(dayLog?.title).toMatch(/^Project:Redirects for discussion\/Log\/\d{4} [A-Z][a-z]+ \d{1,2}$/);
      expect(await wikitext(dayLog!.title)).toContain(
        '==== [[Rfd targte]] → [[Rfd target]] ====\nImplausible typo. [[User:Reviewer|Reviewer]]',
      );
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '1' });
      await context.close();
    });

    it('links the possible issues and the feed chips to the deletion log, the block log and the pages linking here', async () => {
      const wiki = ui.t.services.wikiSources.for(WIKI);
      const actorOf = async (name: string) =>
        ui.t.services.accounts.actorForUser(
          WIKI,
          (await ui.t.services.store.users.getByName(WIKI, name))!.id,
        );
      await ui.t.createUser('Blocked creator', PASSWORD);
      await createPage('Gone again', 'A first version.');
      await wiki.delete(await actorOf('Reviewer'), { title: 'Gone again', reason: 'Copied from elsewhere' });
      const saved = await wiki.edit(await actorOf('Blocked creator'), {
        title: 'Gone again',
        text: 'A second version.',
      });
      await wiki.edit(await actorOf('Blocked creator'), {
        title: 'User:Blocked creator/notes',
        text: 'See [[Gone again]].',
      });
      await wiki.block(await actorOf('Reviewer'), {
        target: 'Blocked creator',
        expiry: null,
        reason: 'Spam only',
      });
      await ui.runJobs();
      expect(await queueRow(saved.pageid)).toMatchObject({ recreated: '1', user_block_status: '1' });

      const { context, page } = await ui.open();
      await openArticle(page, 'Gone again');
      await page.getByTestId('curation-issue-recreated').getByRole('link').click();
      await expect.poll(() => page.getByTestId('log-title').textContent()).toBe('Deletion log');
      const deletions = await api({
        action: 'query',
        list: 'logevents',
        letype: 'delete',
        letitle: 'Gone again',
      });
      await expect
        .poll(() => page.getByTestId('log-entry').count())
        .toBe((deletions.query as { logevents: unknown[] }).logevents.length);
      const deletion = page.getByTestId('log-entry').first();
      expect(await deletion.textContent()).toContain('Reviewer deleted the page Gone again');
      expect(await deletion.getByTestId('log-comment').textContent()).toBe('Copied from elsewhere');
      await ui.screenshot(page, 'deletion-log');

      await page.goBack();
      await page.getByTestId('curation-issue-blocked').getByRole('link').click();
      await expect.poll(() => page.getByTestId('log-title').textContent()).toBe('Block log');
      await expect
        .poll(() => page.getByTestId('log-entry').first().textContent())
        .toContain('Reviewer blocked User:Blocked creator (expires: indefinite)');
      expect(await page.getByTestId('log-entry').count()).toBe(1);

      await page.goBack();
      await page.getByTestId('curation-issue-orphan').getByRole('link').click();
      await expect
        .poll(() => page.getByTestId('links-here-empty').textContent())
        .toContain('No articles link to "Gone again".');
      await page.getByTestId('links-here-show-all').click();
      await expect
        .poll(() => page.getByTestId('links-here-entry').allTextContents())
        .toEqual(['User:Blocked creator/notes']);
      await ui.screenshot(page, 'links-here');

      // The same chips in the feed's row lead to the same places.
      await page.goto(`${ui.base}/ui/${WIKI}/feed`);
      const row = page.getByTestId('feed-row').filter({ hasText: 'Gone again' });
      await row.waitFor();
      expect(await row.getByTestId('feed-problem-recreated').getAttribute('href')).toBe(
        `/ui/${WIKI}/log?type=delete&page=Gone+again`,
      );
      expect(await row.getByTestId('feed-problem-orphan').getAttribute('href')).toBe(
        `/ui/${WIKI}/links-here/Gone_again?namespace=0&hideredirs=1`,
      );
      await row.getByTestId('feed-problem-author-blocked').click();
      await expect.poll(() => page.getByTestId('log-title').textContent()).toBe('Block log');
      await page.getByTestId('log-entry').first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    });

    it('shows the log and the pages linking here in Arabic, right to left', async () => {
      const { context, page } = await ui.open({ locale: 'ar' });
      await page.goto(`${ui.base}/ui/${WIKI}/log?type=delete&uselang=ar`);
      await expect.poll(() => page.getByTestId('log-title').textContent()).toBe('سجل الحذف');
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.goto(
        `${ui.base}/ui/${WIKI}/links-here/No_such_page_here?namespace=0&hideredirs=1&uselang=ar`,
      );
      await expect
        .poll(() => page.getByTestId('links-here-empty').textContent())
        .toContain('لا توجد مقالات تصل إلى');
      expect(await seriousViolations(page)).toEqual([]);
      await ui.screenshot(page, 'links-here-ar');
      await context.close();
    });

    it('minimizes and hides the toolbar, keeps the state in the user option, and reopens it', async () => {
      await createPage('Toolbar state', 'Text.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Toolbar state');
      await page.getByTestId('curation-minimize').click();
      await expect.poll(() => page.getByTestId('curation-tool-info').count()).toBe(0);
      const reviewer = await ui.t.services.store.users.getByName(WIKI, 'Reviewer');
      const option = async () =>
        (await ui.t.services.store.users.getOptions(WIKI, reviewer!.id))['userjs-curationtoolbar'];
      await expect.poll(option).toBe('minimized');
      await page.reload();
      await page.getByTestId('curation-toolbar').waitFor();
      expect(await page.getByTestId('curation-tool-info').count()).toBe(0);
      await page.getByTestId('curation-hide').click();
      await expect.poll(option).toBe('hidden');
      expect(await page.getByTestId('curation-toolbar').count()).toBe(0);
      await page.getByTestId('curation-reopen').click();
      await page.getByTestId('curation-tool-info').waitFor();
      await expect.poll(option).toBe('maximized');
      await context.close();
    });

    it('marks with the M key, but not while typing in a field; N opens the next page of the feed', async () => {
      const older = await createPage('Shortcut older', 'Older page.');
      ui.t.advance(60);
      const pageId = await createPage('Shortcut page', 'Text.');
      const { context, page } = await ui.open();
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Shortcut page');
      await page.getByTestId('curation-tool-tags').click();
      // Typed into a field, M is a letter, not a shortcut.
      await page
        .getByTestId('curation-tags-note')
        .locator('xpath=descendant-or-self::textarea')
        .pressSequentially('mmm');
      expect(await queueRow(pageId)).toMatchObject({ patrol_status: '0' });
      expect(await page.getByTestId('curation-tags').count()).toBe(1);
      await page.locator('body').click({ position: { x: 5, y: 300 } });
      await page.keyboard.press('m');
      await expect.poll(async () => (await queueRow(pageId))?.patrol_status).toBe('1');
      await page.keyboard.press('n');
      await expect.poll(() => page.getByTestId('article-title').textContent()).toBe('Shortcut older');
      expect(await queueRow(older)).toMatchObject({ patrol_status: '0' });
      await context.close();
    });

    it('lays the toolbar out right to left in Arabic', async () => {
      await createPage('Arabic layout', 'نص.');
      const { context, page } = await ui.open({ locale: 'ar' });
      await signIn(page, 'Reviewer');
      await openArticle(page, 'Arabic layout', 'ar');
      await page.getByTestId('curation-toolbar').waitFor();
      expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
      const toolbar = await page.getByTestId('curation-toolbar').boundingBox();
      const content = await page.getByTestId('article-content').boundingBox();
      expect(toolbar!.x + toolbar!.width).toBeLessThanOrEqual(content!.x);
      expect(await page.getByTestId('curation-tool-mark').textContent()).toContain('مراجعة');
      await ui.screenshot(page, 'toolbar-ar');
      await context.close();
    });

    it('has no serious accessibility violations on the article view, in English and Arabic', async () => {
      await createPage('Accessible page', 'Text.\n\nMore text.');
      for (const locale of ['en-US', 'ar']) {
        const { context, page } = await ui.open({ locale });
        await signIn(page, 'Reviewer');
        await openArticle(page, 'Accessible page', locale === 'ar' ? 'ar' : undefined);
        await page.getByTestId('curation-info').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByTestId('curation-tool-tags').click();
        await page.getByTestId('curation-tags').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await page.getByTestId('curation-tool-delete').click();
        await page.getByTestId('curation-delete').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    });

    it('renders a hostile page without running its script or leaving the origin', async () => {
      await createPage(
        'Hostile page',
        [
          '<script>window.__pwned = 1</script>',
          '<img src=x onerror="window.__pwned = 2">',
          '[javascript:window.__pwned=3 click me]',
          '<a href="javascript:window.__pwned=4">link</a>',
          '<div style="background:url(https://evil.example/x.png)" onmouseover="window.__pwned=5">hover</div>',
          '[https://evil.example/ outside]',
        ].join('\n\n'),
      );
      const { context, page } = await ui.open();
      const foreign: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(ui.base) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      const errors: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' && !/Content Security Policy|Refused to/.test(m.text()))
          errors.push(m.text());
      });
      await signIn(page, 'Reader');
      await openArticle(page, 'Hostile page');
      const content = page.getByTestId('article-content');
      await content.hover();
      // No link can run script; the page's own links are clicked. (The external link to
      // evil.example is a link the reader may follow: following it is a navigation they chose.)
      const hrefs = await content
        .locator('a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.filter((h) => /^\s*(javascript|vbscript|data):/i.test(h))).toEqual([]);
      for (const a of await content.locator('a').all()) {
        const href = (await a.getAttribute('href')) ?? '';
        if (!/^(https?:)?\/\//.test(href)) await a.click({ trial: false }).catch(() => {});
      }
      expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
      expect(await content.locator('script, [onerror], [onmouseover]').count()).toBe(0);
      expect(foreign).toEqual([]);
      expect(errors).toEqual([]);
      await ui.screenshot(page, 'hostile');
      await context.close();
    });
  },
);
