// One chart: ECharts loaded on first use (echarts-setup.ts, its own chunk), resized with its box so it
// fits a phone's width. Clicking a bar, point or slice calls onPick with its index, so a chart
// drills down the same way as the table beside it. The table stays the accessible form of the data.
import { Skeleton } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

type ECharts = ReturnType<(typeof import('./echarts-setup.js'))['echarts']['init']>;

export function Chart({
  option,
  label,
  height = 280,
  onPick,
}: {
  option: EChartsCoreOption;
  /** What the chart shows, for assistive technology (the table beside it holds the figures). */
  label: string;
  height?: number;
  onPick?: (dataIndex: number) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void import('./echarts-setup.js').then(({ echarts }) => {
      if (disposed || !box.current) return;
      const c = echarts.init(box.current, undefined, { renderer: 'svg' });
      c.on('click', (p) => {
        if (typeof p.dataIndex === 'number') pick.current?.(p.dataIndex);
      });
      chart.current = c;
      observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current);
      setReady(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (ready) chart.current?.setOption(option, { notMerge: true });
  }, [ready, option]);

  return (
    <div style={{ position: 'relative', width: '100%', height }}>
      <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
      {!ready && <Skeleton active style={{ position: 'absolute', inset: 0 }} />}
    </div>
  );
}
