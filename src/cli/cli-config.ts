import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../config.ts';
import type { AppServices } from '../app-services.ts';
import { createServices } from '../create-services.ts';

/** The config for a command: environment and config file, then the global and the command's options. */
export function configFor(cmd: Command, extra: ConfigOverrides = {}): Readonly<Config> {
  const o = cmd.optsWithGlobals<{ dataDir?: string; databaseUrl?: string; logLevel?: string }>();
  return loadConfig({
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    ...(o.logLevel ? { logLevel: o.logLevel as Config['logLevel'] } : {}),
    ...extra,
  });
}

export function parseWholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number');
  return Number(value);
}

/** Opens the services for a command's options, runs `work`, and closes the store whatever happens. */
export async function withServices<T>(cmd: Command, work: (services: AppServices) => Promise<T>): Promise<T> {
  const services = await createServices({ config: configFor(cmd) });
  try {
    return await work(services);
  } finally {
    await services.store.close();
  }
}
