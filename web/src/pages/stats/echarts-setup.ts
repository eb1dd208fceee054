// ECharts 6, tree-shaken to what the statistics pages draw (bars, lines, pies), loaded only when a
// chart is first shown (Chart.tsx imports this module dynamically), so no other page carries it.
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// SVG: crisp at any zoom, and the figures stay in the page's text for screen readers' neighbours.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
