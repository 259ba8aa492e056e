// A run's transcript as plain text: the attachment a Playwright user opens
// from the HTML or trace viewer next to the test (already redacted).
import type { Exchange, RunResult } from '../engine/result';
import { readableBody } from './readable-body';

export function renderTranscript(r: RunResult): string {
  const parts = r.transcript.map(exchange);
  if (r.omittedExchanges) parts.push(`(${r.omittedExchanges} repeated exchanges omitted)`);
  const checks = r.checks
    .filter((c) => c.outcome !== 'passed')
    .map(
      (c) =>
        `- [${c.step || 'not reached'}] ${c.at} (line ${c.line}) ${c.outcome === 'failed' ? 'failed' : 'not run'}: ${c.message}`,
    );
  return [`${r.status.toUpperCase()}${r.reason ? `: ${r.reason}` : ''}`, ...checks, '', ...parts].join('\n');
}

function exchange(e: Exchange): string {
  const head = (h: Record<string, string>) => Object.entries(h).map(([k, v]) => `${k}: ${v}`);
  const lines = [`--- ${e.step}`, `${e.request.method} ${e.request.url}`, ...head(e.request.headers)];
  if (e.request.body !== undefined) lines.push('', readableBody(e.request.body));
  if (e.response) {
    lines.push('', `<= ${e.response.status} (${e.response.durationMs} ms)`, ...head(e.response.headers));
    if (e.response.body)
      lines.push('', e.response.truncated ? `${e.response.body}\n(body truncated)` : readableBody(e.response.body));
  }
  if (e.error) lines.push('', `<= no response: ${e.error}`);
  return lines.join('\n') + '\n';
}
