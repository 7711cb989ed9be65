/**
 * User groups, rights, grants and the implicit-group rules, as MediaWiki core defines them by default
 * (MainConfigSchema: GroupPermissions, GrantPermissions, ImplicitGroups, AutoConfirmCount/Age,
 * LearnerEdits/MemberSince, ExperiencedUserEdits/MemberSince), plus the community groups Wikimedia
 * wikis use for the review queues.
 *
 * Deviations from core defaults, each on purpose:
 * - `writeapi` (dropped from core in 1.40) stays on `*`, `user`, `bot` and the `basic` grant: older
 *   clients still look for it in meta=userinfo.
 * - `purge` stays on `user` (core dropped it when purging became a POST for everyone).
 * - `sysop` also has `deleterevision` and `deletelogentry`, as on Wikimedia wikis (core gives them
 *   to `suppress` only).
 * - `bureaucrat` has `userrights` (core does too); who may add or remove which group
 *   ($wgAddGroups/$wgRemoveGroups) is not modelled: `userrights` allows every assignable group.
 * - Community groups: `patroller` (patrol), `autopatrolled` (autopatrol), `rollbacker` (rollback)
 *   and `copyviobot` (`pagetriage-copyvio`, review-queue-reference.md §2.5).
 */
export const GROUP_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  '*': [
    'createaccount',
    'read',
    'edit',
    'createpage',
    'createtalk',
    'writeapi',
    'viewmyprivateinfo',
    'editmyprivateinfo',
    'editmyoptions',
  ],
  user: [
    'move',
    'move-subpages',
    'move-rootuserpages',
    'move-categorypages',
    'movefile',
    'read',
    'edit',
    'createpage',
    'createtalk',
    'writeapi',
    'upload',
    'reupload',
    'reupload-shared',
    'minoredit',
    'purge',
    'editmyusercss',
    'editmyuserjson',
    'editmyuserjs',
    'editmyuserjsredirect',
    'sendemail',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'viewmywatchlist',
    'editmywatchlist',
  ],
  autoconfirmed: ['autoconfirmed', 'editsemiprotected'],
  bot: [
    'bot',
    'autoconfirmed',
    'editsemiprotected',
    'nominornewtalk',
    'autopatrol',
    'suppressredirect',
    'apihighlimits',
    'writeapi',
  ],
  sysop: [
    'block',
    'createaccount',
    'delete',
    'bigdelete',
    'deletedhistory',
    'deletedtext',
    'undelete',
    'editinterface',
    'editsitejson',
    'edituserjson',
    'import',
    'importupload',
    'move',
    'move-subpages',
    'move-rootuserpages',
    'move-categorypages',
    'patrol',
    'autopatrol',
    'protect',
    'editprotected',
    'rollback',
    'upload',
    'reupload',
    'reupload-shared',
    'unwatchedpages',
    'autoconfirmed',
    'editsemiprotected',
    'ipblock-exempt',
    'blockemail',
    'markbotedits',
    'apihighlimits',
    'browsearchive',
    'noratelimit',
    'movefile',
    'unblockself',
    'suppressredirect',
    'mergehistory',
    'managechangetags',
    'deletechangetags',
    'deleterevision',
    'deletelogentry',
  ],
  'interface-admin': [
    'editinterface',
    'editsitecss',
    'editsitejson',
    'editsitejs',
    'editusercss',
    'edituserjson',
    'edituserjs',
  ],
  bureaucrat: ['userrights', 'noratelimit', 'renameuser'],
  suppress: [
    'hideuser',
    'suppressrevision',
    'viewsuppressed',
    'suppressionlog',
    'deleterevision',
    'deletelogentry',
  ],
  patroller: ['patrol'],
  autopatrolled: ['autopatrol'],
  rollbacker: ['rollback'],
  copyviobot: ['pagetriage-copyvio'],
};

/** Groups nobody is put in explicitly: everyone is in `*`, accounts in `user`, some in `autoconfirmed`. */
export const IMPLICIT_GROUPS: readonly string[] = ['*', 'user', 'autoconfirmed'];

/** Groups that action=userrights (and the CLI) may add or remove. */
export const ASSIGNABLE_GROUPS: readonly string[] = Object.keys(GROUP_PERMISSIONS).filter(
  (g) => !IMPLICIT_GROUPS.includes(g),
);

export function isAssignableGroup(group: string): boolean {
  return ASSIGNABLE_GROUPS.includes(group);
}

/** Every right any group has, sorted (meta=siteinfo&siprop=rightsinfo, paraminfo). */
export const ALL_RIGHTS: readonly string[] = [...new Set(Object.values(GROUP_PERMISSIONS).flat())].sort();

/** The union of the rights of `groups`; unknown groups contribute nothing. */
export function rightsForGroups(groups: Iterable<string>): Set<string> {
  const rights = new Set<string>();
  for (const g of groups) for (const r of GROUP_PERMISSIONS[g] ?? []) rights.add(r);
  return rights;
}

/**
 * Bot-password grants (core GrantPermissions). `basic` is a hidden grant every bot password has.
 * PageTriage adds `pagetriage-copyvio` to `highvolume` (review-queue-reference.md §2.5).
 */
export const GRANT_PERMISSIONS: Readonly<Record<string, readonly string[]>> = {
  basic: [
    'autocreateaccount',
    'autoconfirmed',
    'autopatrol',
    'editsemiprotected',
    'ipblock-exempt',
    'nominornewtalk',
    'patrolmarks',
    'read',
    'unwatchedpages',
    'writeapi',
  ],
  highvolume: ['bot', 'apihighlimits', 'noratelimit', 'markbotedits', 'pagetriage-copyvio'],
  import: ['import', 'importupload'],
  editpage: ['edit', 'minoredit', 'applychangetags', 'changetags', 'editcontentmodel', 'pagelang'],
  editprotected: ['edit', 'minoredit', 'applychangetags', 'changetags', 'editcontentmodel', 'editprotected'],
  editmycssjs: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'editmyusercss',
    'editmyuserjson',
    'editmyuserjs',
  ],
  editmyoptions: ['editmyoptions', 'editmyuserjson'],
  editinterface: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'editinterface',
    'edituserjson',
    'editsitejson',
  ],
  editsiteconfig: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'editinterface',
    'edituserjson',
    'editsitejson',
    'editusercss',
    'edituserjs',
    'editsitecss',
    'editsitejs',
  ],
  createeditmovepage: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'createpage',
    'createtalk',
    'delete-redirect',
    'move',
    'move-rootuserpages',
    'move-subpages',
    'move-categorypages',
    'suppressredirect',
  ],
  uploadfile: ['upload', 'reupload-own'],
  uploadeditmovefile: [
    'upload',
    'reupload-own',
    'reupload',
    'reupload-shared',
    'upload_by_url',
    'movefile',
    'suppressredirect',
  ],
  patrol: ['patrol'],
  rollback: ['rollback'],
  blockusers: ['block', 'blockemail'],
  viewdeleted: ['browsearchive', 'deletedhistory', 'deletedtext'],
  viewrestrictedlogs: ['suppressionlog'],
  delete: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'browsearchive',
    'deletedhistory',
    'deletedtext',
    'delete',
    'bigdelete',
    'deletelogentry',
    'deleterevision',
    'undelete',
  ],
  oversight: ['suppressrevision', 'viewsuppressed'],
  protect: [
    'edit',
    'minoredit',
    'applychangetags',
    'changetags',
    'editcontentmodel',
    'editprotected',
    'protect',
  ],
  viewmywatchlist: ['viewmywatchlist'],
  editmywatchlist: ['editmywatchlist'],
  sendemail: ['sendemail'],
  createaccount: ['createaccount'],
  privateinfo: ['viewmyprivateinfo'],
  mergehistory: ['mergehistory'],
};

export function isKnownGrant(grant: string): boolean {
  return Object.hasOwn(GRANT_PERMISSIONS, grant);
}

/** The rights a bot password with `grants` may use (the hidden `basic` grant included). */
export function rightsForGrants(grants: Iterable<string>): Set<string> {
  const rights = new Set<string>(GRANT_PERMISSIONS.basic);
  for (const g of grants) for (const r of GRANT_PERMISSIONS[g] ?? []) rights.add(r);
  return rights;
}

/** What the implicit-group and experience rules look at. `registration` null: not recorded. */
export interface UserStats {
  editCount: number;
  registration: number | null;
}

export interface AutoconfirmSettings {
  minEdits: number;
  minAgeSeconds: number;
}

/**
 * Core's defaults are 0 edits / 0 seconds; we default to what English Wikipedia uses (10 edits,
 * 4 days). Per wiki in the core setting `autoconfirm` (wiki-settings.ts).
 */
export const DEFAULT_AUTOCONFIRM: Readonly<AutoconfirmSettings> = Object.freeze({
  minEdits: 10,
  minAgeSeconds: 4 * 86400,
});

/**
 * Core's `$wgAutopromote['autoconfirmed']`: at least minEdits edits AND registered at least
 * minAgeSeconds ago. An account without a recorded registration passes the age test (core: "Accounts
 * created by earlier versions of the software … will always be considered to pass the age test").
 */
export function isAutoconfirmed(
  user: UserStats,
  now: number,
  settings: AutoconfirmSettings = DEFAULT_AUTOCONFIRM,
): boolean {
  if (user.editCount < settings.minEdits) return false;
  return user.registration === null || now - user.registration >= settings.minAgeSeconds;
}

/**
 * The implicit groups of a visitor (`null`) or an account: `*`, then `user`, then `autoconfirmed`
 * when the account passes isAutoconfirmed. Core's UserGroupManager::getUserImplicitGroups order.
 */
export function implicitGroups(
  user: UserStats | null,
  now: number,
  settings: AutoconfirmSettings = DEFAULT_AUTOCONFIRM,
): string[] {
  if (user === null) return ['*'];
  return isAutoconfirmed(user, now, settings) ? ['*', 'user', 'autoconfirmed'] : ['*', 'user'];
}

export interface ExperienceSettings {
  learnerEdits: number;
  learnerAgeDays: number;
  experiencedEdits: number;
  experiencedAgeDays: number;
}

/** Core's $wgLearnerEdits, $wgLearnerMemberSince, $wgExperiencedUserEdits, $wgExperiencedUserMemberSince. */
export const DEFAULT_EXPERIENCE: Readonly<ExperienceSettings> = Object.freeze({
  learnerEdits: 10,
  learnerAgeDays: 4,
  experiencedEdits: 500,
  experiencedAgeDays: 30,
});

export type ExperienceLevel = 'anonymous' | 'newcomer' | 'learner' | 'experienced';

/**
 * Core's User::getExperienceLevel (review-queue-reference.md §1, `user_experience`), with
 * 'anonymous' for visitors (`null`) where core returns false:
 * - newcomer: fewer than learnerEdits edits, or registered less than learnerAgeDays ago;
 * - experienced: MORE than experiencedEdits edits (core compares strictly) and registered at least
 *   experiencedAgeDays ago;
 * - learner: everyone else.
 * A missing registration counts as registered exactly experiencedAgeDays ago, as core does for very
 * old accounts ("treat them as old enough to be 'experienced'").
 */
export function experienceLevel(
  user: UserStats | null,
  now: number,
  settings: ExperienceSettings = DEFAULT_EXPERIENCE,
): ExperienceLevel {
  if (user === null) return 'anonymous';
  const learnerSince = now - settings.learnerAgeDays * 86400;
  const experiencedSince = now - settings.experiencedAgeDays * 86400;
  const registration = user.registration ?? experiencedSince;
  if (user.editCount < settings.learnerEdits || registration > learnerSince) return 'newcomer';
  if (user.editCount > settings.experiencedEdits && registration <= experiencedSince) return 'experienced';
  return 'learner';
}
