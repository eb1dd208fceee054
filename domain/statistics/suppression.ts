// Small-cell suppression for the public figures (措施十三 statistics published to everyone). A cell
// counting one or two contracts would let a reader learn a single contract's amount, so:
// - primary suppression: a cell whose count is 1 or 2 (below MIN_PUBLIC_COUNT) is hidden — its count
//   and its amount;
// - complementary suppression: where the table publishes the total of a row or a column, that line
//   must hide either no cell or at least two, otherwise the hidden cell is the total minus the shown
//   ones. A line with exactly one hidden cell hides one more: the shown cell with the smallest positive
//   count (a zero cell when there is none), repeated until every line holds.
// A table of one line whose only cell is hidden hides its total too. This is the standard line rule,
// not a full audit against every linear combination of published totals; the public tables have at
// most two dimensions with their margins, for which the line rule is the usual practice.

export const MIN_PUBLIC_COUNT = 3;

/** What is hidden in a table of counts (rows × columns). */
export interface Suppression {
  cells: boolean[][];
  /** The row totals that must be hidden (only when a row has a single cell). */
  rowTotals: boolean[];
  /** The column totals that must be hidden (only when a column has a single cell). */
  columnTotals: boolean[];
}

export interface MarginsShown {
  /** Each row's total is published. */
  rowTotals: boolean;
  /** Each column's total is published. */
  columnTotals: boolean;
}

export function isSensitive(count: number): boolean {
  return count > 0 && count < MIN_PUBLIC_COUNT;
}

/** Which cells (and totals) of a table of counts the public may not see. */
export function suppressTable(counts: readonly (readonly number[])[], margins: MarginsShown): Suppression {
  const rows = counts.length;
  const columns = rows === 0 ? 0 : counts[0]!.length;
  const hidden = counts.map((row) => row.map(isSensitive));
  const rowTotals = new Array<boolean>(rows).fill(false);
  const columnTotals = new Array<boolean>(columns).fill(false);

  type Line = { cells: [number, number][]; hideTotal: () => void };
  const lines: Line[] = [];
  if (margins.rowTotals) {
    for (let r = 0; r < rows; r++) {
      lines.push({ cells: range(columns).map((c) => [r, c]), hideTotal: () => (rowTotals[r] = true) });
    }
  }
  if (margins.columnTotals) {
    for (let c = 0; c < columns; c++) {
      lines.push({ cells: range(rows).map((r) => [r, c]), hideTotal: () => (columnTotals[c] = true) });
    }
  }

  // Each pass hides at least one more cell or ends, so the loop ends within rows × columns passes.
  for (let changed = true; changed;) {
    changed = false;
    for (const line of lines) {
      const hiddenInLine = line.cells.filter(([r, c]) => hidden[r]![c]);
      if (hiddenInLine.length !== 1) continue;
      const complement = pickComplement(
        line.cells.filter(([r, c]) => !hidden[r]![c]),
        counts,
      );
      if (complement) {
        hidden[complement[0]]![complement[1]] = true;
        changed = true;
      } else {
        line.hideTotal();
      }
    }
  }
  return { cells: hidden, rowTotals, columnTotals };
}

/** Suppression of a single list of counts published with its grand total. */
export function suppressList(counts: readonly number[]): { cells: boolean[]; totalHidden: boolean } {
  const s = suppressTable(
    counts.map((n) => [n]),
    { rowTotals: false, columnTotals: true },
  );
  return { cells: s.cells.map((row) => row[0]!), totalHidden: s.columnTotals[0] ?? false };
}

function pickComplement(candidates: [number, number][], counts: readonly (readonly number[])[]) {
  let best: [number, number] | undefined;
  let bestKey = Infinity;
  for (const [r, c] of candidates) {
    const n = counts[r]![c]!;
    // Prefer the smallest positive count; zeros only when nothing else is left.
    const key = n > 0 ? n : Number.MAX_SAFE_INTEGER;
    if (key < bestKey) {
      best = [r, c];
      bestKey = key;
    }
  }
  return best;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
