import type { Command } from 'commander';
import type { AppServices } from '../app-services.ts';
import { settingsOf } from '../core/domain/settings-schema.ts';
import { coreSettingsOf } from '../core/domain/wiki-settings.ts';
import { fail } from '../errors.ts';
import { subsystemSettings } from '../create-services.ts';
import { parseWholeNumber, withServices } from './cli-config.ts';
import { startProgress } from '../core/cli/progress.ts';
import { backfillJobTypes, followedNamespaces, mediaWikiMirror as mirrorOf } from '../create-worker.ts';
import { runBackfill } from './import-command.ts';

/**
 * Per-wiki settings without SQL, as MediaWiki operators set `$wgMainPage`-like values per wiki:
 * `wiki list`, `wiki show W` (JSON), `wiki set W KEY VALUE`, `wiki unset W KEY`. Keys are dotted
 * (`mainPage`, `autoconfirm.minEdits`, `review.namespaces`) and checked against the core's and
 * each subsystem's settings schema before anything is written.
 */
export function registerWikiCommand(program: Command): void {
  const wiki = program.command('wiki').description("list wikis; show and change a wiki's settings");

  wiki
    .command('list')
    .description('the wikis of the database, one a line: id, language, source, site name')
    .action(async (_opts: unknown, cmd: Command) => {
      await withServices(cmd, async (s) => {
        for (const { info } of s.wikis.list())
          process.stdout.write(`${[info.id, info.lang, info.source, info.sitename].join('\t')}\n`);
      });
    });

  wiki
    .command('show <wiki>')
    .description(
      "a wiki's settings in force, stored and from the config file, and each subsystem's report (review: the preset in force, why, and what the wiki lacks of it), as JSON",
    )
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async (s) => {
        process.stdout.write(`${JSON.stringify(await describeWiki(s, id), null, 2)}\n`);
      });
    });

  wiki
    .command('add <wiki>')
    .description(
      "follow a real MediaWiki: registers it from its siteinfo (name, language, namespaces); its pages come with 'wiki backfill'",
    )
    .requiredOption('--mediawiki <api-url>', "the wiki's api.php URL")
    .option(
      '--bot-user <name@app>',
      "a bot password's login name for reading; its password goes in the config file (wikis.<wiki>.mediawiki.botPassword)",
    )
    .option(
      '--backfill-days <n>',
      'days of new pages that backfill brings in (default 30, at most 90)',
      parseWholeNumber,
    )
    .option(
      '--media-repo',
      'the wiki is the media repository (a Commons-like wiki) whose files the followed wikis show',
    )
    .action(
      async (
        id: string,
        opts: { mediawiki: string; botUser?: string; backfillDays?: number; mediaRepo?: boolean },
        cmd: Command,
      ) => {
        await withServices(
          cmd,
          async (s) => {
            const configured = s.config.wikis[id]?.mediawiki as { botPassword?: string } | undefined;
            const { info } = await mirrorOf(s).connect({
              id,
              apiUrl: opts.mediawiki,
              ...(opts.botUser ? { botUser: opts.botUser, botPassword: configured?.botPassword ?? '' } : {}),
              ...(opts.backfillDays !== undefined ? { backfillDays: opts.backfillDays } : {}),
              ...(opts.mediaRepo ? { mediaRepo: true } : {}),
            });
            process.stdout.write(
              `${id}: follows ${opts.mediawiki} (${info.sitename}, ${info.lang}, ${info.namespaces.length} namespaces)\n`,
            );
          },
          { createDatabase: true },
        );
      },
    );

  wiki
    .command('backfill <wiki>')
    .description(
      'bring in the new pages of a followed MediaWiki (its recent page creations of the last days), with their revisions and creators, then into every subsystem; running it again adds only what is new',
    )
    .option('--days <n>', "days back (default: the wiki's mediawiki.backfillDays)", parseWholeNumber)
    .action(async (id: string, opts: { days?: number }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const namespaces = followedNamespaces(s, id);
        const types = backfillJobTypes(s);
        const bar = startProgress(id, 0, 'pages');
        const result = await mirrorOf(s).backfill(id, {
          namespaces,
          ...(opts.days !== undefined ? { days: opts.days } : {}),
          backfillJobTypes: types,
          onProgress: (p) => bar.update(p.pages, p.pages),
        });
        bar.stop();
        for (const o of result.skipped)
          process.stderr.write(`warning: "${o.title}": [${o.code}] ${o.message}\n`);
        process.stdout.write(
          `${id}: ${result.pages} of ${result.listed} new pages brought in, ${result.revisions} revisions, ` +
            `${result.users} users, in ${result.seconds.toFixed(1)} s — ` +
            `${Math.round(result.listed / Math.max(result.seconds, 0.001))} pages/s\n`,
        );
        if (types.length > 0) await runBackfill(s, types);
      });
    });

  wiki
    .command('set <wiki> <key> <value>')
    .description(
      'store a setting (a dotted key such as review.namespaces); the value is JSON unless the setting is text',
    )
    .action(async (id: string, key: string, raw: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const value = parseSettingValue(s, key, raw);
        const { info } = await s.wikis.setSetting(id, key, value, s.clock());
        process.stdout.write(`${id}: ${key} = ${JSON.stringify(value)}\n`);
        if (info.configSettings !== undefined && valueAt(info.configSettings, key) !== undefined)
          process.stderr.write(`wikiqueue: this replaces the config file's wikis.${id}.${key} on ${id}\n`);
      });
    });

  wiki
    .command('unset <wiki> <key>')
    .description("remove a stored setting: the config file's value or the default applies again")
    .action(async (id: string, key: string, _opts: unknown, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const removed = await s.wikis.unsetSetting(id, key, s.clock());
        process.stdout.write(removed ? `${id}: ${key} unset\n` : `${id}: ${key} was not set\n`);
      });
    });
}

/** A command-line value for setting `key`: as typed for a text setting, else JSON. */
function parseSettingValue(s: AppServices, key: string, raw: string): unknown {
  if (s.wikis.settingSchema(key).text) return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch (e) {
    throw fail('invalid-wiki-setting-json', key, raw, (e as Error).message);
  }
}

function valueAt(document: Record<string, unknown>, key: string): unknown {
  let value: unknown = document;
  for (const name of key.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** `wiki show`'s answer. */
async function describeWiki(s: AppServices, id: string): Promise<Record<string, unknown>> {
  const { info } = await s.wikis.load(id);
  const inForce: Record<string, unknown> = { ...coreSettingsOf(info) };
  for (const declaration of subsystemSettings()) inForce[declaration.key] = settingsOf(info, declaration);
  const reports: Record<string, unknown> = {};
  for (const { subsystem, parts } of s.started)
    if (parts.describeWiki) reports[subsystem.name] = await parts.describeWiki(id);
  return {
    id: info.id,
    lang: info.lang,
    sitename: info.sitename,
    source: info.source,
    isMediaRepo: info.isMediaRepo,
    settings: {
      inForce: withoutSecrets(inForce),
      stored: withoutSecrets(info.settings),
      configFile: withoutSecrets(info.configSettings ?? {}),
    },
    ...reports,
  };
}

/** A settings document with its passwords (`mediawiki.botPassword`) shown as set or not, never as text. */
function withoutSecrets(settings: Record<string, unknown>): Record<string, unknown> {
  const mediawiki = settings.mediawiki as Record<string, unknown> | undefined;
  if (!mediawiki || !('botPassword' in mediawiki)) return settings;
  return { ...settings, mediawiki: { ...mediawiki, botPassword: mediawiki.botPassword ? '(set)' : '' } };
}
