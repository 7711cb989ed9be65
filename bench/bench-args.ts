/**
 * A bench's command-line flag reader: `flag(name)` is the value after `name` in `args` (undefined
 * when the flag is absent; a flag given last without a value is an error).
 */
export function flagReader(args: readonly string[]): (name: string) => string | undefined {
  return (name) => {
    const at = args.indexOf(name);
    if (at === -1) return undefined;
    const value = args[at + 1];
    if (value === undefined) throw new Error(`${name} needs a value`);
    return value;
  };
}
