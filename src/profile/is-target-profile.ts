// A ./.env is picked up as the target profile when nothing else names one, but
// a ./.env is just as often another tool's: one that names no TARGET_* variable
// at all is not a profile, and is left alone rather than refused.
import { readFileSync } from 'node:fs';

/** The note said when ./.env is passed over. */
export const NOT_A_PROFILE_NOTE = './.env has no TARGET_* variable; ignored (it is not a target profile)';

/**
 * Whether a dotenv file names any TARGET_* variable on a line of its own (commented lines do not count). A line
 * that starts with one but is malformed still counts, so reading the profile says what is wrong with it; so does
 * a file that cannot be read.
 */
export function isTargetProfile(file: string): boolean {
  try {
    return /^[ \t]*(?:export[ \t]+)?TARGET_\w/m.test(readFileSync(file, 'utf8'));
  } catch {
    return true;
  }
}
