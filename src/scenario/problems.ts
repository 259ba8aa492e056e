// Problems found in scenario files, each pinned to file, line and column so an
// editor or CI log can jump straight to it.
import { relative } from 'node:path';
import type { Document, LineCounter, Node } from 'yaml';
import { yaml } from '../support/lazy-modules';

export interface Problem {
  file: string;
  /** 0 when the problem is the path itself (a missing folder, a symlink loop), not a line in it. */
  line: number;
  column: number;
  /** Dotted key path, e.g. `request.method` or `setup[1].capture`. */
  at: string;
  message: string;
}

export function formatProblem(p: Problem): string {
  const where = p.at ? ` ${p.at}:` : '';
  return `${p.line ? `${p.file}:${p.line}:${p.column}` : p.file}:${where} ${p.message}`;
}

/** A path as problems show it: relative to the working directory, as a user would type it. */
export function shownPath(abs: string): string {
  return relative(process.cwd(), abs) || abs;
}

/** A problem with a path rather than a line of a file. */
export function pathProblem(file: string, message: string): Problem {
  return { file, line: 0, column: 0, at: '', message };
}

export class ScenarioFileError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioFileError';
  }
}

export type PathPart = string | number;

/** `setup[1].capture`, `expect.headers.match.Allow`; keys that are not plain names in brackets: `equals["/data/id"]`. */
export function dotted(path: readonly PathPart[]): string {
  return path.reduce<string>((s, p) => {
    if (typeof p === 'number') return `${s}[${p}]`;
    if (!/^[A-Za-z_$][\w$]*$/.test(p)) return `${s}[${JSON.stringify(p)}]`;
    return s ? `${s}.${p}` : p;
  }, '');
}

/** Finds line and column of a key path in a parsed YAML document (the key itself when `key` is set). */
export class Locator {
  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  problem(path: readonly PathPart[], message: string, key?: string): Problem {
    const offset = this.offsetOf(path, key);
    const { line, col } = this.lines.linePos(offset);
    const at = dotted(key === undefined ? path : [...path, key]);
    return { file: this.file, line, column: col, at, message };
  }

  /** The line of a key path (of its key, for a block; of the value, for a scalar). */
  lineOf(path: readonly PathPart[]): number {
    return this.lines.linePos(this.offsetOf(path)).line;
  }

  private offsetOf(path: readonly PathPart[], key?: string): number {
    const { isMap, isNode, isPair, isScalar, isSeq } = yaml();
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node);
    for (const part of key === undefined ? path : [...path, key]) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(part));
        if (!pair) break;
        if (part === key && isNode(pair.key)) return rangeStart(pair.key);
        offset = rangeStart(pair.key);
        node = pair.value;
      } else if (isSeq(node) && typeof part === 'number' && node.items[part] !== undefined) {
        node = node.items[part];
        offset = rangeStart(node);
      } else break;
      // A scalar is pointed at itself; a block (map, list) at its key, where a reader looks.
      if (isScalar(node)) offset = rangeStart(node);
    }
    return offset;
  }
}

function rangeStart(node: unknown): number {
  return yaml().isNode(node) && (node as Node).range ? (node as Node).range![0] : 0;
}
