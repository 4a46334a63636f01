// A horizontal bar chart as hand-made SVG: one bar per entry, labelled, with a text alternative.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** entries: [{label, value, text}] (text: the formatted value). */
export function barChart(title, entries, { alt = false } = {}) {
  const width = 560;
  const row = 30;
  const labelWidth = 150;
  const valueWidth = 120;
  const height = Math.max(1, entries.length) * row + 10;
  const max = Math.max(...entries.map((e) => Number(e.value) || 0), 1);
  const svg = el('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title });
  svg.append(el('title', {}, `${title}: ${entries.map((e) => `${e.label} ${e.text}`).join(', ')}`));
  entries.forEach((e, i) => {
    const y = 5 + i * row;
    const w = Math.max(2, ((Number(e.value) || 0) / max) * (width - labelWidth - valueWidth));
    svg.append(el('text', { x: labelWidth - 8, y: y + 19, 'text-anchor': 'end' }, e.label));
    svg.append(el('rect', { class: alt ? 'bar alt' : 'bar', x: labelWidth, y: y + 4, width: w, height: row - 10, rx: 3 }));
    svg.append(el('text', { x: labelWidth + w + 6, y: y + 19 }, e.text));
  });
  svg.append(el('line', { class: 'axis', x1: labelWidth, y1: 2, x2: labelWidth, y2: height - 2 }));
  return svg;
}
