// The one money input: the form holds integer 分, the user types a decimal in the unit shown beside
// the box (万元 by default; a bid is typed in the unit of its increment). Conversion is exact
// (domain/money.ts), so 1.000001 万元 is 1,000,001 分 and nothing is rounded on the way.
import { Input } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import { fenToUnitText, formatFen, MONEY_UNIT_LABELS, parseUnitText, type MoneyUnit } from '../../../domain/money.js';

export interface MoneyInputProps {
  /** Integer 分, or null when empty; NaN while the typed text is not an amount. */
  value?: number | null;
  onChange?: (fen: number | null) => void;
  unit?: MoneyUnit;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  style?: CSSProperties;
  'aria-label'?: string;
  'aria-describedby'?: string;
  onPressEnter?: () => void;
}

function textOf(fen: number | null | undefined, unit: MoneyUnit): string {
  return fen === null || fen === undefined || !Number.isSafeInteger(fen) || fen < 0
    ? ''
    : fenToUnitText(fen, unit, 0, false);
}

export function MoneyInput({ value, onChange, unit = 'wan', style, ...rest }: MoneyInputProps) {
  const [text, setText] = useState(() => textOf(value, unit));

  // A value set from outside (a reset, a prefill, the next minimum bid) replaces the text, unless
  // it is what the text already says ("1.50" stays as typed while it means 1.5).
  useEffect(() => {
    if (value === undefined || Number.isNaN(value)) return;
    setText((t) => (parseUnitText(t, unit) === value ? t : textOf(value, unit)));
  }, [value, unit]);

  const invalid = text.trim() !== '' && parseUnitText(text, unit) === null;
  return (
    <Input
      {...rest}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      status={invalid ? 'error' : undefined}
      aria-invalid={invalid || undefined}
      suffix={MONEY_UNIT_LABELS[unit]}
      style={{ width: 200, ...style }}
      onChange={(e) => {
        const next = e.target.value;
        setText(next);
        onChange?.(next.trim() === '' ? null : (parseUnitText(next, unit) ?? Number.NaN));
      }}
    />
  );
}

/**
 * Form rules for a MoneyInput field: required (when asked), a well-formed amount in the unit,
 * and at least `minFen`.
 */
export function moneyRules(label: string, opts: { required?: boolean; minFen?: number; unit?: MoneyUnit } = {}) {
  const unit = opts.unit ?? 'wan';
  return [
    ...(opts.required ? [{ required: true, message: `请填写${label}` }] : []),
    {
      validator: (_: unknown, v: number | null | undefined) => {
        if (v === null || v === undefined) return Promise.resolve();
        if (Number.isNaN(v)) {
          const places = unit === 'wan' ? '六' : '两';
          return Promise.reject(new Error(`${label}请填写以${MONEY_UNIT_LABELS[unit]}计的数字，最多${places}位小数`));
        }
        if (opts.minFen !== undefined && v < opts.minFen) {
          return Promise.reject(new Error(`${label}不能低于 ${formatFen(opts.minFen)}`));
        }
        return Promise.resolve();
      },
    },
  ];
}
