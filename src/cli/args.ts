// A small, strict option parser: unknown options are usage errors (exit 2),
// never silently ignored; so are empty values and options given twice.
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

export interface OptionSpec {
  /** Other names for valued options, e.g. `{ 'env-file': 'profile' }`; a value given under an alias is stored under its primary name. */
  aliases?: Readonly<Record<string, string>>;
  /** Options that take no value. */
  flags?: readonly string[];
}

/** `valued`: the options, by their primary names; each takes a value. */
export function parseArgs(argv: string[], valued: readonly string[], spec: OptionSpec = {}): Parsed {
  const aliases = spec.aliases ?? {};
  const flagNames = spec.flags ?? [];
  const options: Record<string, string> = {};
  const given: Record<string, string> = {};
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
    const primary = aliases[name] ?? name;
    if (!valued.includes(primary)) throw new UsageError(`unknown option --${name}${known(valued, aliases, flagNames)}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    // An unset shell variable (--profile "$PROFILE") expands to nothing; say so rather than read "" as a path.
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
  return { options, flags, positionals, rest: [] };
}

/** " (options: --profile or --env-file, --output, --dry-run)": every accepted name, aliases beside their option. */
function known(valued: readonly string[], aliases: Readonly<Record<string, string>>, flags: readonly string[]): string {
  const names = [
    ...valued.map((v) =>
      [v, ...Object.keys(aliases).filter((a) => aliases[a] === v)].map((n) => `--${n}`).join(' or '),
    ),
    ...flags.map((f) => `--${f}`),
  ];
  return names.length ? ` (options: ${names.join(', ')})` : '';
}

export function portOption(value: string | undefined, name: string): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--${name} must be a port number from 0 to 65535, not "${value}"`);
  return n;
}
