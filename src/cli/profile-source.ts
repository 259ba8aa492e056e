// Where a command's target profile comes from: the file given (--profile),
// else the environment's TARGET_* variables, else ./.env; real environment
// variables win over a file's.
import { existsSync } from 'node:fs';
import { mergeProfile, readProfileFile } from '../profile/profile-file';

export interface ResolvedProfile {
  values: Record<string, string>;
  source: string;
}

export function resolveProfile(file: string | undefined): ResolvedProfile | undefined {
  if (file) return { values: mergeProfile(readProfileFile(file), process.env), source: file };
  if (process.env.TARGET_BASE_URL) return { values: mergeProfile({}, process.env), source: 'environment' };
  if (existsSync('.env')) return { values: mergeProfile(readProfileFile('.env'), process.env), source: '.env' };
  return undefined;
}
