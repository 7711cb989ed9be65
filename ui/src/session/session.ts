import { reactive } from 'vue';
import { apiFor } from './site.ts';
import { isLanguage, setLanguage, type Language } from '../i18n/i18n.ts';

export interface SessionUser {
  id: number;
  name: string;
  groups: string[];
  rights: string[];
  options: Record<string, unknown>;
  unreadNotifications: number;
}

/**
 * Who is signed in on the wiki the interface shows. Sessions are per wiki, as the server keeps
 * them (one `wikiqueue_session` cookie): signing in on one wiki signs out of another.
 */
export const session = reactive({
  wiki: '',
  user: null as SessionUser | null,
  loaded: false,
});

const STORED_LANGUAGE = 'wikiqueue-language';

export function storedLanguage(): string | null {
  try {
    return localStorage.getItem(STORED_LANGUAGE);
  } catch {
    return null;
  }
}

/**
 * Reads the session's user (meta=userinfo) on `wiki`; a signed-in user's language preference wins.
 * When the wiki cannot say (unknown wiki, server unreachable), nobody is signed in.
 */
export async function loadSession(wiki: string): Promise<void> {
  let result: Record<string, unknown>;
  try {
    result = await apiFor(wiki).get({
      action: 'query',
      meta: 'userinfo',
      uiprop: ['groups', 'rights', 'options', 'unreadcount'],
    });
  } catch {
    Object.assign(session, { wiki, user: null, loaded: true });
    return;
  }
  const info = (result.query as { userinfo: Record<string, unknown> }).userinfo;
  session.wiki = wiki;
  session.user =
    info.anon === true || !info.id
      ? null
      : {
          id: Number(info.id),
          name: String(info.name),
          groups: (info.groups as string[] | undefined) ?? [],
          rights: (info.rights as string[] | undefined) ?? [],
          options: (info.options as Record<string, unknown> | undefined) ?? {},
          unreadNotifications: Number(info.unreadcount ?? 0),
        };
  session.loaded = true;
  const preferred = session.user?.options.language;
  if (isLanguage(preferred) && !new URLSearchParams(location.search).has('uselang'))
    await setLanguage(preferred);
}

export function hasRight(right: string): boolean {
  return session.user?.rights.includes(right) ?? false;
}

/** The language picked in the interface: saved as the user's preference, or in this browser. */
export async function chooseLanguage(lang: Language): Promise<void> {
  await setLanguage(lang);
  try {
    localStorage.setItem(STORED_LANGUAGE, lang);
  } catch {
    // Storage may be off (private mode): the choice lasts this page.
  }
  if (session.user) {
    await apiFor(session.wiki).post({ action: 'options', change: `language=${lang}` }, 'csrf');
    session.user.options.language = lang;
  }
}

export type AuthResult = { ok: true } | { ok: false; code: string; message: string };

function authOutcome(result: Record<string, unknown>, key: string): AuthResult {
  const outcome = result[key] as { status: string; message?: string; messagecode?: string };
  if (outcome.status === 'PASS') return { ok: true };
  return { ok: false, code: outcome.messagecode ?? 'unknown', message: outcome.message ?? '' };
}

/** Signs in with action=clientlogin; the throttle and wrong passwords come back as FAIL. */
export async function signIn(wiki: string, username: string, password: string): Promise<AuthResult> {
  const api = apiFor(wiki);
  api.resetTokens();
  const result = await api.post(
    { action: 'clientlogin', username, password, loginreturnurl: location.origin },
    'login',
  );
  const outcome = authOutcome(result, 'clientlogin');
  if (outcome.ok) {
    api.resetTokens();
    await loadSession(wiki);
  }
  return outcome;
}

/** Creates an account (action=createaccount), then signs in with it. */
export async function createAccount(
  wiki: string,
  username: string,
  password: string,
  retype: string,
): Promise<AuthResult> {
  const api = apiFor(wiki);
  const result = await api.post(
    { action: 'createaccount', username, password, retype, createreturnurl: location.origin },
    'createaccount',
  );
  const outcome = authOutcome(result, 'createaccount');
  if (!outcome.ok) return outcome;
  return signIn(wiki, username, password);
}

export async function signOut(): Promise<void> {
  const api = apiFor(session.wiki);
  await api.post({ action: 'logout' }, 'csrf');
  api.resetTokens();
  session.user = null;
}
