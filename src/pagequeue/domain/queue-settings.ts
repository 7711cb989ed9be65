import { setting, type SettingSchema } from '../../core/domain/settings-schema.ts';
import { MAX_LIMIT } from './queue-cursor.ts';

/** Per-wiki settings of the page queue (`wikiqueue wiki set W pagequeue.leaseMinutes 10`). */
export interface PageQueueSettings {
  /** Whether the wiki has a page queue. */
  enabled: boolean;
  /** What orders the queue: inbound links from content pages, or imported page views. */
  importance: 'links' | 'views';
  /** How long pages handed to a contributor are kept from others. */
  leaseMinutes: number;
  /** Leases one contributor keeps at most (the most recent): at least what one list hands out. */
  maxLeases: number;
  /**
   * Live leases of anonymous apps from one client address at most (their client ids cost nothing
   * to make); accounts are bound by `maxLeases` and the rate limit.
   */
  maxLeasesPerAddress: number;
  /** How long a page a contributor skipped is kept from that contributor. */
  skipHours: number;
  /** The width of the candidates' "medium" rendition, in pixels. */
  candidateWidth: number;
  /**
   * The pageview dumps' domain codes counted for this wiki; empty: the wiki's language on the
   * desktop and mobile sites of a Wikipedia (`en`, `en.m`).
   */
  pageviewDomains: string[];
}

export const pageQueueSettingsSchema: SettingSchema<PageQueueSettings> = setting.object<PageQueueSettings>({
  enabled: setting.boolean(true),
  importance: setting.oneOf('links', ['links', 'views'] as const),
  leaseMinutes: setting.number(5, { min: 0, max: 24 * 60, integer: true }),
  maxLeases: setting.number(100, { min: MAX_LIMIT, max: 1000, integer: true }),
  maxLeasesPerAddress: setting.number(500, { min: MAX_LIMIT, max: 100_000, integer: true }),
  skipHours: setting.number(24, { min: 0, max: 24 * 365, integer: true }),
  candidateWidth: setting.number(640, { min: 20, max: 4096, integer: true }),
  pageviewDomains: setting.list(setting.string(''), []),
});

/** The pageview domain codes of a wiki in language `lang` under these settings. */
export function pageviewDomainsOf(settings: PageQueueSettings, lang: string): Set<string> {
  return new Set(settings.pageviewDomains.length > 0 ? settings.pageviewDomains : [lang, `${lang}.m`]);
}
