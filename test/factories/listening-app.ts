import { buildTestApp, TEST_WIKI, type TestApp } from './app.ts';

/** An account a client library logs in as, with its bot password `Name@tests` and its grants. */
export interface BotAccount {
  name: string;
  groups?: string[];
  grants: string[];
}

export interface ListeningApp {
  t: TestApp;
  /** `http://127.0.0.1:PORT/w/api.php` */
  apiUrl: string;
  /** The bot password of each account, by name. */
  passwords: Record<string, string>;
}

/**
 * The test app listening on a free local port, for the real client libraries (mwn, m3api) that
 * speak HTTP, with the given accounts and one bot password (app `tests`) each.
 */
export async function listeningAppWithBots(accounts: BotAccount[]): Promise<ListeningApp> {
  const t = await buildTestApp();
  const passwords: Record<string, string> = {};
  for (const { name, groups = [], grants } of accounts) {
    await t.createUser(name, 'main account password', groups);
    passwords[name] = await t.services.accounts.addBotPassword(TEST_WIKI, name, 'tests', grants);
  }
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  return { t, apiUrl: `${address}/w/api.php`, passwords };
}
