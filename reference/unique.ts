// Values a family keeps unique (product, category and brand names, customer
// emails): a second object with the same value is a conflict (409) and
// nothing changes. The contract lets the target choose how values compare:
// here trimmed and case-insensitive, so `Shoes ` and `shoes` are the same name.
import { refuse } from './replies';

/** The form in which unique values are compared. */
export function uniqueForm(value: unknown): string {
  return String(value).trim().toLowerCase();
}

/**
 * 409 when an object other than `self` already has `key` (as `keyOf` forms it).
 * `field` names the unique field in the error body.
 */
export function claimUnique<T extends { id: number }>(
  existing: Iterable<T>,
  keyOf: (o: T) => string,
  key: string,
  field: string,
  self?: number,
): void {
  for (const other of existing) {
    if (other.id !== self && keyOf(other) === key) {
      refuse(409, `Another object (id ${other.id}) already has this ${field}; nothing was changed.`, {
        errors: { [field]: `is already taken by id ${other.id}` },
      });
    }
  }
}
