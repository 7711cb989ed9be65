import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../factories/app.ts';
import { chromiumPath, noBrowserReason } from '../browser.ts';
import { signInAs } from './tasks-signin.ts';
import { seriousViolations, startUi, type UiHarness } from './ui-harness.ts';

const suite = chromiumPath ? describe : describe.skip;

suite(
  `web UI: suggested edits and image suggestions${chromiumPath ? '' : ` [skipped: ${noBrowserReason}]`}`,
  () => {
    let ui: UiHarness;

    beforeAll(async () => {
      ui = await startUi('tasks', { demo: { pages: 20 } });
    });
    afterAll(async () => {
      await ui?.close();
    });

    async function wikitext(title: string): Promise<string> {
      return (await ui.t.services.wikiSources.for('enwiki').getPageText(title))!.text;
    }

    /** The page's `growthexperiments` log entries, as the API lists them. */
    async function taskLog(title: string): Promise<{ user: string }[]> {
      const log = await new ApiClient(ui.t, '/enwiki/w/api.php').get({
        action: 'query',
        list: 'logevents',
        letype: 'growthexperiments',
        letitle: title,
        formatversion: '2',
      });
      return (log.json as { query: { logevents: { user: string }[] } }).query.logevents;
    }

    /** Signs `user` in and opens the first image task: the page, its title and its wikitext before. */
    async function startImageTask(user: string) {
      const { context, page } = await ui.open();
      await signInAs(ui, page, user, 'enwiki', '/enwiki/tasks');
      const title = await openFirstImageTask(page);
      return { context, page, title, before: await wikitext(title) };
    }

    /** Opens the first image task of the feed; returns its title. */
    async function openFirstImageTask(page: Page): Promise<string> {
      const card = page.locator('[data-task-type="image-recommendation"]').first();
      await card.waitFor();
      const title = (await card.locator('.cdx-card__text__title').textContent())!.trim();
      await card.click();
      await page.getByTestId('suggested-image').waitFor();
      return title;
    }

    it('asks a reader who is not signed in to sign in, with a link that returns to the tasks', async () => {
      const { context, page } = await ui.open();
      await page.goto(`${ui.base}/ui/enwiki/tasks`);
      const notice = page.getByTestId('tasks-signin');
      await notice.waitFor();
      const href = await notice.getByRole('link').getAttribute('href');
      expect(decodeURIComponent(href!)).toBe('/ui/enwiki/login?returnto=/enwiki/tasks');
      await ui.screenshot(page, 'signin-notice');
      await context.close();
    });

    it('lists the tasks of the chosen types with the daily limit left, and keeps the choice', async () => {
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'EvaF1984', 'enwiki', '/enwiki/tasks');
      await page.getByTestId('task-list').locator('li').first().waitFor();
      await expect
        .poll(() => page.getByTestId('daily-limit-image-recommendation').textContent())
        .toContain('25 tasks left for today');
      await page.getByTestId('task-types').getByRole('button', { name: 'Add an image', exact: true }).click();
      await expect
        .poll(
          async () =>
            new Set(
              await page
                .locator('[data-task-type]')
                .evaluateAll((els) => els.map((e) => e.getAttribute('data-task-type'))),
            ),
        )
        .toEqual(new Set(['image-recommendation']));
      const shown = await page.locator('[data-task-type] .cdx-card__text__title').allTextContents();
      // The server's own list for the same filter has the same pages.
      const user = await ui.t.services.store.users.getByName('enwiki', 'EvaF1984');
      const options = await ui.t.services.store.users.getOptions('enwiki', user!.id);
      expect(options['growthexperiments-homepage-se-filters']).toBe('["image-recommendation"]');
      await expect.poll(() => page.getByTestId('tasks-count').textContent()).toMatch(/\d+ tasks? match/);
      expect(shown.length).toBeGreaterThan(0);
      await ui.screenshot(page, 'feed-images');
      // A new visit starts from the saved choice.
      await page.reload();
      await page.locator('[data-task-type]').first().waitFor();
      expect(
        await page
          .getByTestId('task-types')
          .getByRole('button', { name: 'Add an image', exact: true })
          .getAttribute('aria-pressed'),
      ).toBe('true');
      await context.close();
    });

    it('filters the tasks by topic as the server does, and keeps the topics as preferences', async () => {
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'SamP1989', 'enwiki', '/enwiki/tasks');
      await page.locator('[data-task-type]').first().waitFor();
      const all = await page.getByTestId('tasks-count').textContent();
      await page.locator('summary', { hasText: 'Topics' }).click();
      await page.getByLabel('Europe', { exact: true }).check();
      await expect.poll(() => page.getByTestId('tasks-count').textContent()).not.toBe(all);
      const server = await page.evaluate(async () => {
        const r = await fetch(
          '/enwiki/w/api.php?action=query&list=growthtasks&gttopics=europe&gtlimit=250&format=json&formatversion=2',
        );
        const body = (await r.json()) as {
          query: { growthtasks: { totalCount: number; suggestions: { title: string }[] } };
        };
        return {
          total: body.query.growthtasks.totalCount,
          titles: body.query.growthtasks.suggestions.map((t) => t.title),
        };
      });
      expect(await page.getByTestId('tasks-count').textContent()).toContain(`${server.total} task`);
      const shown = await page.locator('[data-task-type] .cdx-card__text__title').allTextContents();
      expect(shown.length).toBeGreaterThan(0);
      for (const title of shown) expect(server.titles).toContain(title.trim());
      const user = await ui.t.services.store.users.getByName('enwiki', 'SamP1989');
      const options = await ui.t.services.store.users.getOptions('enwiki', user!.id);
      expect(options['growthexperiments-homepage-se-ores-topic-filters']).toBe('["europe"]');
      await ui.screenshot(page, 'feed-topic');
      await context.close();
    });

    it('shows the start of each article on its task card, as prop=extracts gives it', async () => {
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'EvaF1984', 'enwiki', '/enwiki/tasks');
      const cards = page.locator('[data-task-type]');
      await cards.first().waitFor();
      const shown = await cards.evaluateAll((els) =>
        els.slice(0, 4).map((e) => ({
          title: e.querySelector('.cdx-card__text__title')!.textContent!.trim(),
          extract: e.querySelector('[data-testid="task-extract"]')?.textContent?.trim() ?? null,
        })),
      );
      for (const { title, extract } of shown) {
        const res = await new ApiClient(ui.t, '/enwiki/w/api.php').get({
          action: 'query',
          prop: 'extracts',
          titles: title,
          exintro: '1',
          explaintext: '1',
          exchars: '160',
          formatversion: '2',
        });
        const expected = (res.json as { query: { pages: { extract: string }[] } }).query.pages[0]!.extract;
        expect(expected, title).not.toBe('');
        expect(extract, title).toBe(expected);
        expect(extract).not.toMatch(/\[\[|\{\{|'''|<ref/);
      }
      await ui.screenshot(page, 'feed-extracts');
      await context.close();
    });

    it('asks before skipping an image task; skipping saves nothing and opens the next task', async () => {
      const { context, page, title, before } = await startImageTask('SamP1989');
      const heading = page.getByRole('heading', { level: 1 });
      const headingText = await heading.textContent();

      await page.getByRole('button', { name: 'Skip', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await expect.poll(() => dialog.textContent()).toContain('the image stays suggested');
      await ui.screenshot(page, 'skip-dialog');
      await dialog.getByRole('button', { name: 'Back to the image' }).click();
      await expect.poll(() => dialog.count()).toBe(0);
      expect(await heading.textContent()).toBe(headingText);

      await page.getByRole('button', { name: 'Skip', exact: true }).click();
      await dialog.getByRole('button', { name: 'Skip', exact: true }).click();
      await expect.poll(() => heading.textContent()).not.toBe(headingText);
      expect(await wikitext(title)).toBe(before);
      expect(await taskLog(title)).toEqual([]);
      await context.close();
    });

    it('names and orders the topics as the server does, in the interface language', async () => {
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'EvaF1984', 'enwiki', '/enwiki/tasks');
      await page.goto(`${ui.base}/ui/enwiki/tasks?uselang=de`);
      await page.locator('summary', { hasText: 'Themen' }).click();
      const groups = page.getByTestId('topic-group');
      await groups.first().waitFor();
      const shown = await groups.evaluateAll((els) =>
        els.map((e) => ({
          label: e.querySelector('legend')!.textContent!.trim(),
          topics: [...e.querySelectorAll('label')].map((l) => l.textContent!.trim()),
        })),
      );
      const res = await ui.t.app.inject({ method: 'GET', url: '/tasks/v0/topics/enwiki?uselang=de' });
      const server = res.json() as { groups: { label: string; topics: { label: string }[] }[] };
      expect(shown).toEqual(
        server.groups.map((g) => ({ label: g.label, topics: g.topics.map((t) => t.label) })),
      );
      expect(shown.map((g) => g.label)).toEqual([
        'Kultur',
        'Geschichte und Gesellschaft',
        'Wissenschaft, Technik und Mathematik',
        'Geographie',
      ]);
      expect(shown[3]!.topics.slice(0, 3)).toEqual(['Afrika', 'Asien', 'Europa']);
      await ui.screenshot(page, 'topics-de');
      await context.close();
    });

    it('accepts an image suggestion with a caption: the article gets the image, the log the entry', async () => {
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'FelixF1987', 'enwiki', '/enwiki/tasks');
      const title = await openFirstImageTask(page);
      const file = (await page.getByTestId('suggestion-file').textContent())!.trim();
      expect(await page.getByTestId('suggestion-reason').textContent()).not.toBe('');
      expect(await page.getByTestId('suggestion-license').textContent()).not.toBe('');
      await ui.screenshot(page, 'image-task');
      await page.getByRole('button', { name: 'Yes, add it' }).click();
      const caption = page.locator('textarea[name="caption"]');
      await caption.fill('Map');
      await expect
        .poll(() => page.locator('.cdx-field').textContent())
        .toContain('at least 5 characters (3 so far)');
      await page.getByRole('button', { name: 'Publish' }).click();
      // Too short: nothing was saved.
      expect(await wikitext(title)).not.toContain(file.replace(/ /g, '_'));
      await caption.fill('A view of the region in summer');
      await page.getByRole('button', { name: 'Publish' }).click();
      await expect.poll(() => page.getByTestId('task-outcome').textContent()).toContain('now in the article');
      const text = await wikitext(title);
      expect(text).toMatch(
        new RegExp(
          `\\[\\[File:${file.replace(/[ _]/g, '[ _]').replace(/\./g, '\\.')}\\|thumb\\|A view of the region in summer\\]\\]`,
        ),
      );
      // The result shows the image with its caption; the edit and the log entry are listed.
      expect(await page.getByTestId('result-figure').textContent()).toContain(
        'A view of the region in summer',
      );
      await expect
        .poll(() => page.getByTestId('result-revision').textContent())
        .toContain('newcomer task image suggestion');
      await expect.poll(() => page.getByTestId('result-log').textContent()).toContain('image accepted');
      expect((await taskLog(title)).map((e) => e.user)).toContain('FelixF1987');
      await ui.screenshot(page, 'accepted');
      await context.close();
    });

    it('rejects an image suggestion with reasons: the judgement is logged and the task leaves the list', async () => {
      const { context, page, title, before } = await startImageTask('ClaraC1960');
      await page.getByRole('button', { name: 'No', exact: true }).click();
      await page.getByLabel('The image is not relevant to this article').check();
      await ui.screenshot(page, 'reject-reasons');
      await page.getByRole('button', { name: 'Reject the image' }).click();
      await expect
        .poll(() => page.getByTestId('task-outcome').textContent())
        .toContain('feedback is recorded');
      await expect.poll(() => page.getByTestId('result-log').textContent()).toContain('image rejected');
      expect(await wikitext(title)).toBe(before);
      // The server no longer offers the page as a task.
      await page.goto(`${ui.base}/ui/enwiki/tasks`);
      await page.locator('[data-task-type]').first().waitFor();
      const titles = await page.evaluate(async () => {
        const r = await fetch(
          '/enwiki/w/api.php?action=query&list=growthtasks&gtlimit=250&format=json&formatversion=2',
        );
        const body = (await r.json()) as { query: { growthtasks: { suggestions: { title: string }[] } } };
        return body.query.growthtasks.suggestions.map((s) => s.title);
      });
      expect(titles).not.toContain(title);
      await context.close();
    });

    it('shows a failed submission as a readable message, and the buttons work again', async () => {
      const { context, page, title, before } = await startImageTask('SamP1989');
      await page.getByRole('button', { name: 'No', exact: true }).click();
      await page.getByLabel('The image is of low quality').check();
      // The server goes away for writes: the submission fails.
      await page.route('**/w/api.php', (route) =>
        route.request().method() === 'POST' ? route.abort('connectionrefused') : route.continue(),
      );
      await page.getByRole('button', { name: 'Reject the image' }).click();
      await expect
        .poll(() => page.getByTestId('task-error').textContent())
        .toContain('The server could not be reached');
      expect(await page.getByRole('button', { name: 'Reject the image' }).isEnabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Back', exact: true }).isEnabled()).toBe(true);
      expect(await wikitext(title)).toBe(before);
      await ui.screenshot(page, 'submission-error');
      await context.close();
    });

    it('says when the daily limit of image tasks is reached', async () => {
      // FelixF1987 accepted one image today (above); the wiki now allows one a day.
      await ui.t.services.wikis.setSetting(
        'enwiki',
        'tasks.types.image-recommendation.maxTasksPerDay',
        1,
        ui.t.now(),
      );
      const { context, page } = await ui.open();
      await signInAs(ui, page, 'FelixF1987', 'enwiki', '/enwiki/tasks');
      await expect
        .poll(() => page.getByTestId('daily-limit-image-recommendation').textContent())
        .toContain("you have reached today's limit");
      const gates = await page.evaluate(async () => {
        const r = await fetch('/enwiki/w/api.php?action=query&list=growthtasks&format=json&formatversion=2');
        const body = (await r.json()) as {
          query: { growthtasks: { qualityGateConfig: Record<string, unknown> } };
        };
        return body.query.growthtasks.qualityGateConfig;
      });
      expect(gates['image-recommendation']).toEqual({ dailyLimit: true, dailyCount: 1 });
      await ui.screenshot(page, 'daily-limit');
      await ui.t.services.wikis.setSetting(
        'enwiki',
        'tasks.types.image-recommendation.maxTasksPerDay',
        25,
        ui.t.now(),
      );
      await context.close();
    });

    it('lays out suggested edits and the image task right to left in Arabic', async () => {
      const { context, page } = await ui.open({ locale: 'ar' });
      await signInAs(ui, page, 'HollowFalcon59', 'enwiki', '/enwiki/tasks');
      // The demo users prefer English; `uselang` wins over the preference.
      await page.goto(`${ui.base}/ui/enwiki/tasks?uselang=ar`);
      await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
      await page.getByRole('heading', { name: 'تعديلات مقترحة' }).waitFor();
      const heading = await page.getByRole('heading', { level: 1 }).boundingBox();
      // The heading starts at the right edge.
      expect(heading!.x + heading!.width).toBeGreaterThan(1000);
      await page.locator('[data-task-type]').first().waitFor();
      await ui.screenshot(page, 'feed-ar');
      await openFirstImageTask(page);
      const article = await page.locator('.wq-image-task__article').boundingBox();
      const suggestion = await page.locator('.wq-image-task__suggestion').boundingBox();
      // The article comes first, on the right; the suggestion to its left.
      expect(article!.x).toBeGreaterThan(suggestion!.x);
      await ui.screenshot(page, 'image-task-ar');
      await context.close();
    });

    it('has no serious accessibility violations on suggested edits and the image task, in English and Arabic', async () => {
      for (const locale of ['en-US', 'ar']) {
        const { context, page } = await ui.open({ locale });
        await signInAs(ui, page, 'RapidWillow', 'enwiki', '/enwiki/tasks');
        if (locale === 'ar') await page.goto(`${ui.base}/ui/enwiki/tasks?uselang=ar`);
        await page.locator('[data-task-type]').first().waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await openFirstImageTask(page);
        expect(await seriousViolations(page)).toEqual([]);
        await page.locator('.wq-task-actions button').first().click();
        await page.getByTestId('caption').waitFor();
        expect(await seriousViolations(page)).toEqual([]);
        await context.close();
      }
    });
  },
);
