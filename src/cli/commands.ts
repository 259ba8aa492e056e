// The options each command accepts, in one table: the parser reads it, and the
// help test checks each command's help against it, so the two cannot drift.
import type { OptionSpec } from './args';

export interface CommandOptions extends OptionSpec {
  /** Options that take a value, by their primary names. */
  valued: readonly string[];
}

/** `--env-file` is kept as another name for `--profile` (but through npx on Node 20, Node takes it for itself). */
const PROFILE_ALIAS = { 'env-file': 'profile' };

export const COMMANDS = {
  run: {
    valued: ['profile', 'output', 'deviations', 'sign-key'],
    aliases: PROFILE_ALIAS,
    flags: ['strict', 'json'],
  },
  merge: { valued: ['output', 'sign-key'], flags: ['strict'] },
  sweep: { valued: ['profile', 'run-id'], aliases: PROFILE_ALIAS, flags: ['dry-run'] },
  verify: { valued: ['public-key'] },
  reference: { valued: ['port', 'http-port', 'env-out'] },
  lint: { valued: [] },
} as const satisfies Record<string, CommandOptions>;

export type CommandName = keyof typeof COMMANDS;

export const isCommand = (name: string | undefined): name is CommandName =>
  name !== undefined && Object.hasOwn(COMMANDS, name);

/** Every option name a command accepts (`--profile`, `--env-file`, `--strict`…), aliases and flags included. */
export function optionNames(command: CommandName): string[] {
  const spec: CommandOptions = COMMANDS[command];
  return [...spec.valued, ...Object.keys(spec.aliases ?? {}), ...(spec.flags ?? [])].map((n) => `--${n}`);
}
