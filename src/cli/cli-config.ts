import { InvalidArgumentError, type Command } from 'commander';
import { configFileFor, loadConfig, type Config, type ConfigOverrides } from '../config.ts';
import type { AppServices } from '../app-services.ts';
import { describeDatabase } from '../core/store/open-store.ts';
import { createServices } from '../create-services.ts';

interface GlobalOptions {
  config?: string;
  dataDir?: string;
  databaseUrl?: string;
  logLevel?: string;
}

/**
 * The config for a command: built-in defaults, the config file (`--config`, else
 * WIKIQUEUE_CONFIG, else `./wikiqueue.config.json`, as `serve` reads it), the environment, then
 * the global and the command's options.
 */
export function configFor(cmd: Command, extra: ConfigOverrides = {}): Readonly<Config> {
  const o = cmd.optsWithGlobals<GlobalOptions>();
  return loadConfig(
    {
      ...(o.dataDir ? { dataDir: o.dataDir } : {}),
      ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
      ...(o.logLevel ? { logLevel: o.logLevel as Config['logLevel'] } : {}),
      ...extra,
    },
    undefined,
    undefined,
    o.config,
  );
}

export function parseWholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

export interface OpenOptions {
  /**
   * Whether the command may create the database (serve, demo, import). Every other command works
   * on the server's database and refuses with `no-database` when it is not there.
   */
  createDatabase?: boolean;
}

/**
 * Opens the services for a command with `config`, after saying on stderr which database (and
 * config file) it uses: stdout stays the command's own output.
 */
export async function openServices(
  cmd: Command,
  config: Readonly<Config>,
  opts: OpenOptions = {},
): Promise<AppServices> {
  const file = configFileFor(undefined, undefined, cmd.optsWithGlobals<GlobalOptions>().config);
  process.stderr.write(
    `wikiqueue: database ${describeDatabase(config.databaseUrl)}` +
      ` (config ${file ?? 'none: no wikiqueue.config.json here'})\n`,
  );
  return createServices({ config, createDatabase: opts.createDatabase ?? false });
}

/**
 * Opens the services for a command's options (on an existing database unless `opts` says
 * otherwise), runs `work`, and closes the store whatever happens.
 */
export async function withServices<T>(
  cmd: Command,
  work: (services: AppServices) => Promise<T>,
  opts: OpenOptions = {},
): Promise<T> {
  const services = await openServices(cmd, configFor(cmd), opts);
  try {
    return await work(services);
  } finally {
    await services.store.close();
  }
}
