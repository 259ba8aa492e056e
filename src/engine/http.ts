// Sends a request exactly as the scenario wrote it (any method, raw bodies,
// missing headers), never follows redirects, and bounds every wait and every
// body so a hostile or hung target cannot stall the run. Three limits, each
// with its own message: headers within T, no body stall longer than T (an idle
// limit: a body may arrive slowly), and the whole exchange within 2T.
import type { Agent } from 'undici';
import { undici } from '../support/lazy-modules';
import { readCaFile } from '../profile/tls-ca';
import { BadContentEncoding, decodeBody, DecodedTooLarge } from './content-encoding';

export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface IncomingResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  durationMs: number;
}

export interface HttpOptions {
  /**
   * PEM file of a CA to trust (TARGET_TLS_CA_FILE); verification stays on. Read and checked once, when the client
   * is made: a ProfileError naming the variable if it cannot be read or holds no PEM certificate.
   */
  caFile?: string;
  /** Skip certificate verification (TARGET_TLS_INSECURE); only ever explicit. */
  insecure?: boolean;
  timeoutMs?: number;
  /** On the wire and once decoded (Content-Encoding); default 1 MiB. */
  maxBodyBytes?: number;
}

/** The target did not answer in a way that can be judged at all. */
export class TransportError extends Error {
  override name = 'TransportError';
  constructor(
    message: string,
    /** True when the target answered badly (timeout, oversize); false when it could not be reached. */
    readonly targetFault: boolean,
  ) {
    super(message);
  }
}

export class HttpClient {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;

  constructor(opts: HttpOptions = {}) {
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.maxBodyBytes = opts.maxBodyBytes ?? 1024 * 1024;
    this.agent = new (undici().Agent)({
      connect: {
        timeout: Math.min(this.timeoutMs, 10_000),
        rejectUnauthorized: !opts.insecure,
        ...(opts.caFile ? { ca: readCaFile(opts.caFile) } : {}),
      },
      // Both tick on undici's coarse clock (about half a second); the overall cap in send() is a native timer.
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs, // idle: re-armed by every chunk
      maxResponseSize: this.maxBodyBytes,
    });
  }

  async send(req: OutgoingRequest): Promise<IncomingResponse> {
    const started = performance.now();
    const progress: Progress = { timeoutMs: this.timeoutMs };
    try {
      const res = await undici().request(req.url, {
        dispatcher: this.agent,
        method: req.method as 'GET',
        headers: req.headers,
        body: req.body,
        signal: AbortSignal.timeout(this.timeoutMs * 2),
      });
      progress.headers = { status: res.statusCode, afterMs: Math.round(performance.now() - started) };
      const raw = Buffer.from(await res.body.arrayBuffer());
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      // The headers stay as they came (Content-Encoding included): the transcript shows what was sent.
      const body = new TextDecoder().decode(decodeBody(raw, headers['content-encoding'], this.maxBodyBytes));
      return { status: res.statusCode, headers, body, durationMs: Math.round(performance.now() - started) };
    } catch (e) {
      throw explain(e, req, progress);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** Ends every connection now, requests in flight included (they fail). */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

/** How far a response got, for a message that says which limit it hit. */
interface Progress {
  timeoutMs: number;
  headers?: { status: number; afterMs: number };
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ALTNAME|TLS|SSL/;

/** Turns an undici/socket error into one line that says what happened and what to do. */
function explain(e: unknown, req: OutgoingRequest, progress: Progress): TransportError {
  const err = e as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.code ?? err.cause?.code ?? '';
  const where = `${req.method} ${new URL(req.url).origin}`;
  const { timeoutMs, headers } = progress;
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')
    return new TransportError(`${where}: response body exceeds the size cap`, true);
  if (e instanceof DecodedTooLarge)
    return new TransportError(`${where}: response body exceeds the size cap (${e.message})`, true);
  if (e instanceof BadContentEncoding)
    return new TransportError(`${where}: the response body is ${e.message}, as its Content-Encoding says it is`, true);
  if (code === 'UND_ERR_HEADERS_TIMEOUT')
    return new TransportError(`${where}: no response headers within ${timeoutMs} ms`, true);
  if (code === 'UND_ERR_BODY_TIMEOUT')
    return new TransportError(
      `${where}: the response body stalled: no data for ${timeoutMs} ms (status ${headers?.status} came after ${headers?.afterMs} ms)`,
      true,
    );
  if ((e as Error)?.name === 'TimeoutError') {
    // The overall cap (2T): a body trickling in slowly enough never trips the idle limit.
    return new TransportError(
      headers
        ? `${where}: the whole response took longer than the overall cap of ${timeoutMs * 2} ms (status ${headers.status} came after ${headers.afterMs} ms; the body kept trickling in)`
        : `${where}: no response within the overall cap of ${timeoutMs * 2} ms (connecting and waiting for headers took it all)`,
      true,
    );
  }
  if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET')
    return new TransportError(`${where}: the connection was closed before a complete response`, true);
  if (TLS_CODES.test(code)) {
    return new TransportError(
      `${where}: TLS verification failed (${code}); set TARGET_TLS_CA_FILE to the CA that signed the target's certificate, or TARGET_TLS_INSECURE=1 for a throwaway test target`,
      false,
    );
  }
  if (code === 'ECONNREFUSED' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new TransportError(
      `${where}: cannot connect (${code}); is the target running and the base URL in the profile right?`,
      false,
    );
  }
  return new TransportError(`${where}: ${err.message ?? String(e)}${code ? ` (${code})` : ''}`, false);
}
