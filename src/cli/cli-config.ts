import { InvalidArgumentError, type Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../config.ts';

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
