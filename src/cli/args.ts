// A small, strict option parser: unknown options are usage errors (exit 2),
// never silently ignored.
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Parsed {
  options: Record<string, string>;
  positionals: string[];
  /** Everything after `--`, passed through untouched. */
  rest: string[];
}

export function parseArgs(argv: string[], valued: readonly string[]): Parsed {
  const options: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { options, positionals, rest: argv.slice(i + 1) };
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (!valued.includes(name))
      throw new UsageError(
        `unknown option --${name}${valued.length ? ` (options: ${valued.map((v) => `--${v}`).join(', ')})` : ''}`,
      );
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options[name] = value;
  }
  return { options, positionals, rest: [] };
}

export function portOption(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}
