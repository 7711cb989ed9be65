import { fail, type WikiqueueError } from '../../errors.ts';
import { NS_MEDIAWIKI, NS_USER } from './namespaces.ts';
import { userNameToDbKey } from './user-names.ts';

/**
 * What a user may do to a title beyond holding the action's right: MediaWiki's PermissionManager
 * checks of namespace protection (checkSpecialsAndNSPermissions), site and user config pages
 * (checkSiteConfigPermissions, checkUserConfigPermissions) and protection levels
 * (checkPageRestrictions, checkActionPermissions' create protection). One home for these rules:
 * the wiki source refuses writes with them, and prop=info's intestactions answers with them.
 */

/** Who acts: the name (own user pages) and the rights. */
export interface PermissionHolder {
  name: string;
  rights: ReadonlySet<string>;
}

/** The title's namespace and DB key, and (when the page exists) its stored content model. */
export interface PermissionTitle {
  namespace: number;
  dbKey: string;
}

/**
 * The actions these checks tell apart: `move-target` is the title a page is moved to
 * (MovePage checks `move`/`edit` on the source and `move-target`/`edit` on the target).
 */
export type PageAction = 'edit' | 'create' | 'move' | 'move-target' | 'delete' | 'undelete' | 'protect';

/** $wgNamespaceProtection's default: the MediaWiki namespace needs this right for every change. */
export const INTERFACE_RIGHT = 'editinterface';

/**
 * $wgRestrictionLevels and the right each level stands for: `sysop` is checked as `editprotected`
 * and `autoconfirmed` as `editsemiprotected` (PermissionManager's backwards-compatible aliases);
 * any other level names its right.
 */
export const RESTRICTION_LEVEL_RIGHTS: Readonly<Record<string, string>> = {
  autoconfirmed: 'editsemiprotected',
  sysop: 'editprotected',
};

/** The right a protection level (page protection or create protection) requires. */
export function restrictionLevelRight(level: string): string {
  return RESTRICTION_LEVEL_RIGHTS[level] ?? level;
}

/** Whether `rights` pass a protection at `level`. */
export function passesRestrictionLevel(rights: ReadonlySet<string>, level: string): boolean {
  return rights.has(restrictionLevelRight(level));
}

type ConfigKind = 'css' | 'json' | 'js';

/**
 * Title::isSite/UserCss/Json/JsConfigPage: the content model, or for safety the title's suffix,
 * makes a page CSS, JSON or JavaScript.
 */
function configKind(title: PermissionTitle, contentModel: string | undefined): ConfigKind | null {
  if (contentModel === 'css' || title.dbKey.endsWith('.css')) return 'css';
  if (contentModel === 'json' || title.dbKey.endsWith('.json')) return 'json';
  if (contentModel === 'javascript' || title.dbKey.endsWith('.js')) return 'js';
  return null;
}

/**
 * The first refusal (a catalogued error to throw) of the title-based checks for `action`, or null. In MediaWiki's order:
 * - the MediaWiki namespace needs `editinterface` (`protectednamespace-interface`);
 * - site CSS/JSON/JS pages there need `editsitecss`/`editsitejson`/`editsitejs`
 *   (`sitecssprotected`, `sitejsonprotected`, `sitejsprotected`);
 * - a user's own CSS/JSON/JS subpages need `editmyusercss`/`editmyuserjson`/`editmyuserjs` or the
 *   right over everyone's (`mycustomcssprotected`…); someone else's need `editusercss`/
 *   `edituserjson`/`edituserjs` (`customcssprotected`…), except to delete them (MediaWiki lets
 *   whoever may delete remove abusive subpages).
 * `create` runs none of these (MediaWiki checks `edit` as well wherever it checks `create`).
 */
export function titlePermissionError(
  who: PermissionHolder,
  action: PageAction,
  title: PermissionTitle,
  contentModel?: string,
): WikiqueueError | null {
  if (action === 'create') return null;
  if (title.namespace === NS_MEDIAWIKI) {
    if (!who.rights.has(INTERFACE_RIGHT)) return fail('protectednamespace-interface');
    const kind = configKind(title, contentModel);
    if (kind === 'css' && !who.rights.has('editsitecss')) return fail('sitecssprotected');
    if (kind === 'json' && !who.rights.has('editsitejson')) return fail('sitejsonprotected');
    if (kind === 'js' && !who.rights.has('editsitejs')) return fail('sitejsprotected');
    return null;
  }
  if (title.namespace !== NS_USER || !title.dbKey.includes('/')) return null;
  const kind = configKind(title, contentModel);
  if (kind === null) return null;
  const own = title.dbKey.startsWith(`${userNameToDbKey(who.name)}/`);
  if (own) {
    if (kind === 'css' && !hasAny(who, 'editmyusercss', 'editusercss')) return fail('mycustomcssprotected');
    if (kind === 'json' && !hasAny(who, 'editmyuserjson', 'edituserjson'))
      return fail('mycustomjsonprotected');
    if (kind === 'js' && !hasAny(who, 'editmyuserjs', 'edituserjs')) return fail('mycustomjsprotected');
    return null;
  }
  if (action === 'delete') return null;
  if (kind === 'css' && !who.rights.has('editusercss')) return fail('customcssprotected');
  if (kind === 'json' && !who.rights.has('edituserjson')) return fail('customjsonprotected');
  if (kind === 'js' && !who.rights.has('edituserjs')) return fail('customjsprotected');
  return null;
}

function hasAny(who: PermissionHolder, ...rights: string[]): boolean {
  return rights.some((r) => who.rights.has(r));
}
