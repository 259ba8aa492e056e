// Where a command's target profile comes from: the file given (--profile),
// else the environment's TARGET_* variables, else ./.env when it names a
// TARGET_* variable; real environment variables win over a file's.
import { existsSync } from 'node:fs';
import { isTargetProfile, NOT_A_PROFILE_NOTE } from '../profile/is-target-profile';
import { mergeProfile, readProfileFile } from '../profile/profile-file';

export interface ResolvedProfile {
  values: Record<string, string>;
  source: string;
}

export function resolveProfile(file: string | undefined): ResolvedProfile | undefined {
  if (file) return { values: mergeProfile(readProfileFile(file), process.env), source: file };
  if (process.env.TARGET_BASE_URL) return { values: mergeProfile({}, process.env), source: 'environment' };
  if (!existsSync('.env')) return undefined;
  // Another tool's ./.env must not stop the default run; a file named on purpose is checked in full instead.
  if (!isTargetProfile('.env')) {
    process.stderr.write(`conformance: note: ${NOT_A_PROFILE_NOTE}\n`);
    return undefined;
  }
  return { values: mergeProfile(readProfileFile('.env'), process.env), source: '.env' };
}
