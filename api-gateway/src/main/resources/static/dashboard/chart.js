// Stacked bars of GET /stats/jobs: jobs created per bucket, split by the status they have now.
import { el, svg } from './dom.js';

const WIDTH = 960;
const HEIGHT = 220;
const LEFT = 36;
const BOTTOM = 22;
const TOP = 8;

export function drawChart(container, legend, stats) {
  const series = stats.series;
  const top = Math.max(1, ...series.map((slot) => total(slot.counts)));
  const scale = niceMax(top);
  const plotHeight = HEIGHT - BOTTOM - TOP;
  const slotWidth = (WIDTH - LEFT) / series.length;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'chart-svg', role: 'img',
    'aria-label': 'jobs per ' + stats.bucket + ' by status',
  });
  for (const tick of [0, scale / 2, scale]) {
    const y = TOP + plotHeight - (tick / scale) * plotHeight;
    chart.append(svg('line', { x1: LEFT, x2: WIDTH, y1: y, y2: y, class: 'grid' }));
    chart.append(svg('text', { x: LEFT - 6, y: y + 4, class: 'axis', 'text-anchor': 'end' },
      String(tick)));
  }
  const labelEvery = Math.ceil(series.length / 8);
  series.forEach((slot, index) => {
    const x = LEFT + index * slotWidth;
    let y = TOP + plotHeight;
    for (const status of stats.statuses) {
      const count = slot.counts[status] || 0;
      if (count > 0) {
        const height = (count / scale) * plotHeight;
        y -= height;
        const bar = svg('rect', {
          x: x + slotWidth * 0.1, y, width: Math.max(1, slotWidth * 0.8), height,
          class: 'bar s-' + status, 'data-status': status, 'data-count': count,
        });
        bar.append(svg('title', {}, `${label(slot.start, stats.bucket)}: ${count} ${status}`));
        chart.append(bar);
      }
    }
    if (index % labelEvery === 0) {
      chart.append(svg('text', { x: x + slotWidth / 2, y: HEIGHT - 6, class: 'axis',
        'text-anchor': 'middle' }, label(slot.start, stats.bucket)));
    }
  });
  container.replaceChildren(chart);

  const totals = {};
  for (const status of stats.statuses) {
    totals[status] = series.reduce((sum, slot) => sum + (slot.counts[status] || 0), 0);
  }
  legend.replaceChildren(...stats.statuses.map((status) =>
    el('li', { 'data-status': status }, el('span', { class: 'swatch s-' + status }),
      `${status} ${totals[status]}`)));
}

function total(counts) {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

function niceMax(value) {
  const step = 10 ** Math.floor(Math.log10(value));
  for (const factor of [1, 2, 4, 5, 10]) {
    if (factor * step >= value && (factor * step) % 2 === 0) {
      return factor * step;
    }
  }
  return 10 * step;
}

function label(iso, bucket) {
  return bucket === 'day' ? iso.slice(5, 10) : iso.slice(11, 16);
}
