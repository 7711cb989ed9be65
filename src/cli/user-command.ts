import type { Command } from 'commander';
import { configFor, openServices, withServices } from './cli-config.ts';

function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Operator commands for accounts, like MediaWiki's createAndPromote.php and Special:BotPasswords. */
export function registerUserCommand(program: Command): void {
  const user = program.command('user').alias('users').description('manage user accounts');

  user
    .command('recount')
    .description(
      "set every account's edit count to its live and deleted revisions (MediaWiki's initEditCount.php); import does it itself",
    )
    .requiredOption('--wiki <wiki>', 'wiki id')
    .action(async (opts: { wiki: string }, cmd: Command) => {
      await withServices(cmd, async (services) => {
        const { users, changed } = await services.accounts.recountEditCounts(opts.wiki);
        process.stdout.write(
          `${opts.wiki}: recounted the edits of ${users} users; ${changed} counts changed\n`,
        );
      });
    });

  user
    .command('create <name>')
    .description('create an account (optionally in groups such as sysop, patroller, bot)')
    .requiredOption('--password <password>', 'the new password (at least 8 characters)')
    .option('--wiki <wiki>', 'wiki id (default: the default wiki)')
    .option('--groups <groups>', 'comma-separated groups', list, [])
    .action(
      async (name: string, opts: { password: string; wiki?: string; groups: string[] }, cmd: Command) => {
        const config = configFor(cmd);
        const services = await openServices(cmd, config);
        try {
          const wiki = services.wikis.get(opts.wiki ?? config.defaultWiki).info.id;
          const created = await services.accounts.createAccount(wiki, name, opts.password, {
            groups: opts.groups,
          });
          process.stdout.write(
            `created user ${created.name} (id ${created.id}) on ${wiki}` +
              (opts.groups.length ? ` in groups ${opts.groups.join(', ')}` : '') +
              '\n',
          );
        } finally {
          await services.store.close();
        }
      },
    );

  user
    .command('botpassword <name> <appId>')
    .description('create a bot password; log in with "<name>@<appId>" and the printed password')
    .option('--wiki <wiki>', 'wiki id (default: the default wiki)')
    .option('--grants <grants>', 'comma-separated grants', list, [
      'basic',
      'highvolume',
      'editpage',
      'createeditmovepage',
      'patrol',
    ])
    .action(async (name: string, appId: string, opts: { wiki?: string; grants: string[] }, cmd: Command) => {
      const config = configFor(cmd);
      const services = await openServices(cmd, config);
      try {
        const wiki = services.wikis.get(opts.wiki ?? config.defaultWiki).info.id;
        const password = await services.accounts.addBotPassword(wiki, name, appId, opts.grants);
        process.stdout.write(`bot password for ${name}@${appId} on ${wiki}: ${password}\n`);
      } finally {
        await services.store.close();
      }
    });
}
