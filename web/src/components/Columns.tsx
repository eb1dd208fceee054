// Columns: a responsive grid for the public pages, laid out by CSS grid (the .jb-grid rule in index.html)
// instead of antd's Row/Col: antd's grid styles are one 87 KB <style> (every span, offset, push and
// pull at every breakpoint) that each server-rendered page carried in its <head> for a handful of
// columns, parsed and matched on a phone before the first paint. Widths per breakpoint are antd's
// (sm 576, md 768, lg 992, xl 1200 px); a width without a value takes the next smaller one's.
import type { CSSProperties, ReactNode } from 'react';

/** Equal columns (a count), or columns in proportion (antd's spans: [7, 17]). */
type Columns = number | readonly number[];

const template = (c: Columns) =>
  typeof c === 'number' ? `repeat(${c}, minmax(0, 1fr))` : c.map((n) => `minmax(0, ${n}fr)`).join(' ');

export function Columns(props: {
  xs?: Columns;
  sm?: Columns;
  md?: Columns;
  lg?: Columns;
  xl?: Columns;
  /** Column and row gaps in px (antd's `gutter`). */
  gap?: readonly [number, number];
  align?: CSSProperties['alignItems'];
  style?: CSSProperties;
  children: ReactNode;
}) {
  const { gap = [16, 16] } = props;
  const vars: Record<string, string> = {};
  for (const bp of ['xs', 'sm', 'md', 'lg', 'xl'] as const) {
    const c = props[bp];
    if (c !== undefined) vars[`--jb-${bp}`] = template(c);
  }
  return (
    <div
      className="jb-grid"
      style={{ ...vars, columnGap: gap[0], rowGap: gap[1], alignItems: props.align, ...props.style } as CSSProperties}
    >
      {props.children}
    </div>
  );
}
