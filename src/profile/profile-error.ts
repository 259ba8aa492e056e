// A target profile that cannot be used as it is: the CLI exits 2 with the
// message, which names the file or variable and the fix, never a secret.
export class ProfileError extends Error {
  override name = 'ProfileError';
}
