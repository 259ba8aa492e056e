// A verdict's transcript as plain text: the attachment a Playwright user opens
// from the HTML or trace viewer next to the test (already redacted).
import type { Exchange, Verdict } from '../engine/verdict';

export function renderTranscript(v: Verdict): string {
  const parts = v.transcript.map(exchange);
  if (v.omittedExchanges) parts.push(`(${v.omittedExchanges} repeated exchanges omitted)`);
  const failures = v.failures.map((f) => `- [${f.step}] ${f.message}`);
  return [`${v.status.toUpperCase()}${v.reason ? `: ${v.reason}` : ''}`, ...failures, '', ...parts].join('\n');
}

function exchange(e: Exchange): string {
  const head = (h: Record<string, string>) => Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  const lines = [`--- ${e.step}`, `${e.request.method} ${e.request.url}`, ...head(e.request.headers)];
  if (e.request.body !== undefined) lines.push('', e.request.body);
  if (e.response) {
    lines.push('', `<= ${e.response.status} (${e.response.durationMs} ms)`, ...head(e.response.headers));
    if (e.response.body) lines.push('', e.response.body + (e.response.truncated ? '\n(body truncated)' : ''));
  }
  if (e.error) lines.push('', `<= no response: ${e.error}`);
  return lines.join('\n') + '\n';
}
