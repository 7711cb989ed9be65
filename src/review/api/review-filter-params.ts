import type { ReviewPreset } from '../domain/preset.ts';
import {
  ORES_CLASSES,
  ORES_ISSUES,
  stateFilter,
  typeCondition,
  type OresClass,
  type OresIssue,
  type QueueFilter,
} from '../domain/queue-filter.ts';
import { isIpAddress, normalizeUserName } from '../../core/domain/user-names.ts';
import { sanitizeIp } from '../../core/domain/ip-addresses.ts';
import type { ParamSpecs, ParamValues } from '../../core/http/action-api/module.ts';

/** The ORES parameter of each article-quality class (review-queue-reference.md §2 "Common filters"). */
const CLASS_PARAMS: Record<OresClass, string> = {
  stub: 'show_predicted_class_stub',
  start: 'show_predicted_class_start',
  c: 'show_predicted_class_c',
  b: 'show_predicted_class_b',
  good: 'show_predicted_class_good',
  featured: 'show_predicted_class_featured',
};

const ISSUE_PARAMS: Record<OresIssue, string> = {
  vandalism: 'show_predicted_issues_vandalism',
  spam: 'show_predicted_issues_spam',
  attack: 'show_predicted_issues_attack',
  none: 'show_predicted_issues_none',
  copyvio: 'show_predicted_issues_copyvio',
};

const flag = (description: string) => ({ type: 'boolean' as const, description });

/**
 * The filter parameters pagetriagelist and pagetriagestats share (§2 "Common filters"), with
 * PageTriage's names and types: booleans count when present, whatever their value.
 */
export const commonFilterParams: ParamSpecs = {
  showbots: flag('Whether to include only pages created by bots.'),
  showautopatrolled: flag('Whether to include only pages created by users with the autopatrol right.'),
  showredirs: flag('Whether to include redirects.'),
  showothers: flag('Whether to include pages that are neither redirects nor nominated for deletion.'),
  showreviewed: flag('Whether to include reviewed pages.'),
  showunreviewed: flag('Whether to include unreviewed pages.'),
  showdeleted: flag('Whether to include pages nominated for deletion.'),
  namespace: {
    type: 'integer',
    description: 'What namespace to pull pages from (default 0; an untracked one means 0).',
  },
  afc_state: {
    type: 'integer',
    description:
      'Whether to include only drafts in this AfC state (1 unsubmitted, 2 pending, 3 under review, 4 declined).',
  },
  no_category: flag('Whether to include only pages with no category.'),
  unreferenced: flag('Whether to include only pages with no references.'),
  no_inbound_links: flag('Whether to include only pages with no inbound links.'),
  recreated: flag('Whether to include only pages that were deleted before.'),
  non_autoconfirmed_users: flag('Whether to include only pages created by non-autoconfirmed users.'),
  learners: flag('Whether to include only pages created by learners.'),
  blocked_users: flag('Whether to include only pages created by blocked users.'),
  username: { type: 'user', description: 'Include only pages created by this user.' },
  keyword: {
    type: 'string',
    description: 'Include only pages whose snippet contains this text (case-sensitive).',
  },
  date_range_from: { type: 'timestamp', description: 'Include only pages created at or after this time.' },
  date_range_to: { type: 'timestamp', description: 'Include only pages created at or before this time.' },
  ...Object.fromEntries(
    ORES_CLASSES.map((c) => [
      CLASS_PARAMS[c],
      flag(`Include pages predicted to be of class ${c} (needs quality predictions).`),
    ]),
  ),
  ...Object.fromEntries(
    ORES_ISSUES.map((i) => [
      ISSUE_PARAMS[i],
      flag(`Include pages predicted to have the issue ${i} (needs quality predictions or copyvio).`),
    ]),
  ),
};

export interface FilterOptions {
  /** pagetriagestats: no state flag at all means "unreviewed" (§2.2 filteredarticle). */
  defaultToUnreviewed?: boolean;
  /** pagetriagelist drops `keyword` when the preset disables keyword search; stats keeps it (§2.1). */
  keywordSearch?: boolean;
}

/**
 * Builds the QueueFilter of the common filter parameters.
 *
 * - `namespace` outside the tracked namespaces silently becomes 0 (§2.1);
 * - empty `username` / `keyword` mean "all" (T394100, T380822);
 * - article-quality classes apply only with `enableOres`; selecting all of them is no filter;
 * - issue options apply with `enableOres`. `copyvio` and `none` also apply with `enableCopyvio`
 *   alone: the reference ignores the copyvio filter without ORES (§11 probable bugs).
 */
export function filterFromParams(
  params: ParamValues,
  preset: ReviewPreset,
  opts: FilterOptions = {},
): QueueFilter {
  const on = (name: string) => params[name] === true;
  const requested = typeof params.namespace === 'number' ? params.namespace : 0;
  const tracked = preset.namespaces.includes(requested) || preset.draftNamespace === requested;
  const showReviewed = on('showreviewed');
  const showUnreviewed = on('showunreviewed') || (opts.defaultToUnreviewed === true && !showReviewed);
  const keyword = typeof params.keyword === 'string' && params.keyword !== '' ? params.keyword : undefined;
  const username = userName(params.username);
  return {
    namespace: tracked ? requested : 0,
    state: stateFilter(showReviewed, showUnreviewed),
    autopatrolledCreators: on('showautopatrolled'),
    type: typeCondition(on('showredirs'), on('showdeleted'), on('showothers')),
    ...(typeof params.date_range_from === 'number' ? { createdFrom: params.date_range_from } : {}),
    ...(typeof params.date_range_to === 'number' ? { createdTo: params.date_range_to } : {}),
    noCategory: on('no_category'),
    unreferenced: on('unreferenced'),
    noInboundLinks: on('no_inbound_links'),
    recreated: on('recreated'),
    nonAutoconfirmed: on('non_autoconfirmed_users'),
    learners: on('learners'),
    blockedUsers: on('blocked_users'),
    bots: on('showbots'),
    ...(username !== undefined ? { username } : {}),
    ...(keyword !== undefined && opts.keywordSearch !== false ? { keyword } : {}),
    ...(typeof params.afc_state === 'number' && params.afc_state > 0 ? { afcState: params.afc_state } : {}),
    ores: oresFilter(params, preset),
  };
}

function oresFilter(params: ParamValues, preset: ReviewPreset): QueueFilter['ores'] {
  const classes = preset.enableOres ? ORES_CLASSES.filter((c) => params[CLASS_PARAMS[c]] === true) : [];
  const issuesAllowed: readonly OresIssue[] = preset.enableOres
    ? ORES_ISSUES
    : preset.enableCopyvio
      ? ['copyvio', 'none']
      : [];
  const issues = issuesAllowed.filter((i) => params[ISSUE_PARAMS[i]] === true);
  const classFilter = classes.length === 0 || classes.length === ORES_CLASSES.length ? null : classes;
  const issueFilter = issues.length === 0 ? null : issues;
  return classFilter || issueFilter ? { classes: classFilter, issues: issueFilter } : null;
}

function userName(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const v = value.trim();
  if (isIpAddress(v)) return sanitizeIp(v);
  return normalizeUserName(v) ?? v.replace(/_/g, ' ');
}
