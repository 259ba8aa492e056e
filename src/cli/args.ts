// A small, strict option parser: unknown, empty and repeated options are usage
// errors (exit 2), never silently ignored or silently overridden.
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface Parsed {
  options: Record<string, string>;
  positionals: string[];
  /** Everything after `--`, passed through untouched. */
  rest: string[];
}

/**
 * `valued`: the options, by their primary names; each takes a value. `aliases`: other names for them, e.g.
 * `{ 'env-file': 'profile' }`; a value given under an alias is stored under its primary name.
 */
export function parseArgs(
  argv: string[],
  valued: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): Parsed {
  const options: Record<string, string> = {};
  const given: Record<string, string> = {};
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') return { options, positionals, rest: argv.slice(i + 1) };
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const primary = aliases[name] ?? name;
    if (!valued.includes(primary)) throw new UsageError(`unknown option --${name}${known(valued, aliases)}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    // An unset shell variable (--env-file "$PROFILE") expands to nothing; say so rather than read "" as a path.
    if (!value.trim())
      throw new UsageError(
        `--${name} has an empty value: give it one; if it came from a shell variable, that variable is unset or empty`,
      );
    if (given[primary] !== undefined) {
      const also = given[primary] === name ? '' : ` (also as --${given[primary]})`;
      throw new UsageError(`--${name} is given twice${also}: give it once`);
    }
    given[primary] = name;
    options[primary] = value;
  }
  return { options, positionals, rest: [] };
}

/** " (options: --profile or --env-file, --output)": every accepted name, aliases beside their option. */
function known(valued: readonly string[], aliases: Readonly<Record<string, string>>): string {
  if (!valued.length) return '';
  const names = valued.map((v) =>
    [v, ...Object.keys(aliases).filter((a) => aliases[a] === v)].map((n) => `--${n}`).join(' or '),
  );
  return ` (options: ${names.join(', ')})`;
}

export function portOption(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}
