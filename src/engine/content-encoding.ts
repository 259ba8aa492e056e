// A body the target compressed (Content-Encoding: gzip, deflate, br) is
// judged as what it means, decoded under the same size cap as the bytes on the
// wire: a small compressed body must not inflate past it (a "zip bomb").
// Codings zlib does not know (zstd, compress) leave the body as it came.
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync, type ZlibOptions } from 'node:zlib';

type Decoder = (body: Buffer, opts: ZlibOptions) => Buffer;

const DECODERS: Readonly<Record<string, Decoder>> = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  // RFC 9110 deflate is zlib-wrapped; some servers send it raw.
  deflate: (body, opts) => {
    try {
      return inflateSync(body, opts);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'Z_DATA_ERROR') throw e;
      return inflateRawSync(body, opts);
    }
  },
  br: brotliDecompressSync,
};

/** The decoded body would be larger than the cap. */
export class DecodedTooLarge extends Error {
  override name = 'DecodedTooLarge';
}

/** The body is not what its Content-Encoding says. */
export class BadContentEncoding extends Error {
  override name = 'BadContentEncoding';
}

/** `body` with every coding of `contentEncoding` undone, last applied first; at most `maxBytes` out. */
export function decodeBody(body: Buffer, contentEncoding: string | undefined, maxBytes: number): Buffer {
  if (!contentEncoding || body.length === 0) return body;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
    .reverse();
  if (!codings.every((c) => c in DECODERS)) return body;
  let out = body;
  for (const coding of codings) {
    try {
      out = DECODERS[coding](out, { maxOutputLength: maxBytes });
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'ERR_BUFFER_TOO_LARGE')
        throw new DecodedTooLarge(`over ${maxBytes} bytes once decoded from ${coding}`);
      throw new BadContentEncoding(`not valid ${coding} (${err.code ?? err.message})`);
    }
  }
  return out;
}
