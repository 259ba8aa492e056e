// Reads a request body whole, up to a cap; past the cap it keeps draining (so
// the connection stays usable for the 413) but stops buffering.
import type { IncomingMessage } from 'node:http';

export interface Body {
  text: string;
  tooLarge: boolean;
}

export function readBody(req: IncomingMessage, maxBytes: number): Promise<Body> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8'), tooLarge: size > maxBytes }));
    req.on('error', reject);
    // Settles nothing after 'end'; before it, the client went away.
    req.on('close', () => reject(new Error('request closed before its end')));
  });
}
