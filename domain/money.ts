// How money reads, everywhere (pages, notifications, error messages): one rule so the same amount
// never appears in two shapes. Amounts are integer 分; the text is exact — nothing is rounded away.
//   ≥ 1 万元: "180 万元", "1.000001 万元" (万元 with trailing zeros trimmed, up to six decimals = 1 分)
//   < 1 万元: "9,999.50 元", "0.05 元" (元 with two decimals)

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000;

/** The unit a figure is shown and typed in. */
export type MoneyUnit = 'wan' | 'yuan';

export const MONEY_UNIT_LABELS: Record<MoneyUnit, string> = { wan: '万元', yuan: '元' };

const FEN_PER_UNIT: Record<MoneyUnit, number> = { wan: FEN_PER_WAN, yuan: FEN_PER_YUAN };

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * An integer amount of 分 as a decimal number of `unit`, exact: 12_345_600 分 in 万元 → "12.3456".
 * `minDecimals` pads (元 shows two), trailing zeros beyond it are trimmed.
 */
export function fenToUnitText(fen: number, unit: MoneyUnit, minDecimals = 0, grouping = true): string {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount of 分: ${fen}`);
  const per = FEN_PER_UNIT[unit];
  const places = String(per).length - 1;
  const whole = Math.floor(fen / per);
  let frac = String(fen % per).padStart(places, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  const wholeText = grouping ? groupThousands(String(whole)) : String(whole);
  return frac ? `${wholeText}.${frac}` : wholeText;
}

/** The unit an amount reads in: 万元 from 1 万 upward, 元 below. */
export function displayUnit(fen: number): MoneyUnit {
  return fen >= FEN_PER_WAN ? 'wan' : 'yuan';
}

/** 分 → "180 万元" / "9,999.50 元"; `empty` for no amount (a negotiable price). */
export function formatFen(fen: number | null | undefined, empty = '面议'): string {
  if (fen === null || fen === undefined) return empty;
  const unit = displayUnit(fen);
  return `${fenToUnitText(fen, unit, unit === 'yuan' ? 2 : 0)} ${MONEY_UNIT_LABELS[unit]}`;
}

/**
 * The unit an input for steps of `stepFen` is typed in: 万元 when every step is a whole number of
 * 万元 (a bid increment of 10,000 元 is typed "1", "2"…), 元 otherwise.
 */
export function inputUnitForStep(stepFen: number): MoneyUnit {
  return stepFen > 0 && stepFen % FEN_PER_WAN === 0 ? 'wan' : 'yuan';
}

/**
 * A typed decimal in `unit` → integer 分, exactly (string arithmetic, no float error), or null when
 * it is not a non-negative number with at most as many decimals as the unit has 分 places.
 */
export function parseUnitText(text: string, unit: MoneyUnit): number | null {
  const m = /^\s*(\d+)(?:\.(\d*))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m) return null;
  const per = FEN_PER_UNIT[unit];
  const places = String(per).length - 1;
  const frac = m[2] ?? '';
  if (frac.length > places) return null;
  const fen = Number(m[1]) * per + Number(frac.padEnd(places, '0') || '0');
  return Number.isSafeInteger(fen) ? fen : null;
}
