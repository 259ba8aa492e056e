// A small, strict option parser: unknown options are usage errors (exit 2),
// never silently ignored.
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Parsed {
  options: Record<string, string>;
  /** Options without a value (`--dry-run`) that were given. */
  flags: Set<string>;
  positionals: string[];
  /** Everything after `--`, passed through untouched. */
  rest: string[];
}

export function parseArgs(argv: string[], valued: readonly string[], flagNames: readonly string[] = []): Parsed {
  const options: Record<string, string> = {};
  const flags = new Set<string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { options, flags, positionals, rest: argv.slice(i + 1) };
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flagNames.includes(name) && inline === undefined) {
      flags.add(name);
      continue;
    }
    if (!valued.includes(name)) {
      const known = [...valued, ...flagNames].map((v) => `--${v}`).join(', ');
      throw new UsageError(`unknown option --${name}${known ? ` (options: ${known})` : ''}`);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return { options, flags, positionals, rest: [] };
}

export function portOption(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}
