// The conformance matrix: the table's rows down, the resource families
// across; each cell holds the scenarios of that row on that family and their
// verdict. Store-level scenarios (no family) have a column of their own.
import { FAMILY_NAMES, type FamilyName } from '../contract/families';
import { TABLE } from '../contract/table';
import { summarize } from './build';
import type { ConformanceReport, Counts, Verdict } from './model';

/** A column: a family, or the store as a whole. */
export type MatrixColumn = FamilyName | 'store';

export interface MatrixCell extends Counts {
  verdict: Verdict;
  ids: string[];
}

export interface ConformanceMatrix {
  columns: MatrixColumn[];
  rows: { code: number; cells: Partial<Record<MatrixColumn, MatrixCell>> }[];
}

export function conformanceMatrix(report: Pick<ConformanceReport, 'scenarios'>): ConformanceMatrix {
  const columnOf = (s: { resource?: FamilyName }): MatrixColumn => s.resource ?? 'store';
  const present = new Set(report.scenarios.map(columnOf));
  const columns = [...FAMILY_NAMES, 'store' as const].filter((c) => present.has(c));
  const rows = TABLE.map((row) => {
    const cells: Partial<Record<MatrixColumn, MatrixCell>> = {};
    for (const column of columns) {
      const list = report.scenarios.filter((s) => s.code === row.code && columnOf(s) === column);
      if (list.length) cells[column] = { ...summarize(list), ids: list.map((s) => s.id) };
    }
    return { code: row.code, cells };
  });
  return { columns, rows };
}
