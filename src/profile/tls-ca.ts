// The CA a profile trusts (TARGET_TLS_CA_FILE), read and checked in one place:
// a file that is not a PEM certificate is named as such up front, instead of
// every request failing TLS verification with advice to set the variable that
// is already set. Its content is never quoted: a wrong file may be a key.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ProfileError } from './profile-error';

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The file's bytes, once every certificate in it parses; a ProfileError naming TARGET_TLS_CA_FILE otherwise. */
export function readCaFile(file: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (e) {
    throw new ProfileError(
      `TARGET_TLS_CA_FILE ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): set it to the PEM file of the CA that signed the target's certificate`,
    );
  }
  const blocks = pem.toString('latin1').match(PEM_CERTIFICATE) ?? [];
  if (blocks.length === 0) {
    throw new ProfileError(
      `TARGET_TLS_CA_FILE ${file} is not a PEM certificate (no -----BEGIN CERTIFICATE----- block); a DER file converts with: openssl x509 -inform der -in FILE -out ca.pem`,
    );
  }
  blocks.forEach((block, i) => {
    try {
      new X509Certificate(block);
    } catch (e) {
      throw new ProfileError(
        `TARGET_TLS_CA_FILE ${file}: certificate ${i + 1} of ${blocks.length} does not parse (${(e as Error).message}); export the CA certificate again`,
      );
    }
  });
  return pem;
}
