// A horizontal bar chart as hand-made SVG: one labelled bar per entry, with a text alternative.
// It is drawn at its container's width (and redrawn when that changes), so its text stays
// readable from a phone to a wide screen instead of being scaled with the picture.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const node = document.createElementNS(NS, name);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function draw(svg, title, entries, alt, width) {
  const row = 30;
  const labelWidth = Math.min(150, Math.round(width * 0.3));
  const valueWidth = 110;
  const height = Math.max(1, entries.length) * row + 10;
  const max = Math.max(...entries.map((e) => Number(e.value) || 0), 1);
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  svg.replaceChildren(el('title', {}, `${title}: ${entries.map((e) => `${e.label} ${e.text}`).join(', ')}`));
  entries.forEach((e, i) => {
    const y = 5 + i * row;
    const w = Math.max(2, ((Number(e.value) || 0) / max) * (width - labelWidth - valueWidth));
    svg.append(el('text', { x: labelWidth - 8, y: y + 19, 'text-anchor': 'end' }, e.label));
    svg.append(el('rect', { class: alt ? 'bar alt' : 'bar', x: labelWidth, y: y + 4, width: w, height: row - 10, rx: 3 }));
    svg.append(el('text', { x: labelWidth + w + 6, y: y + 19 }, e.text));
  });
  svg.append(el('line', { class: 'axis', x1: labelWidth, y1: 2, x2: labelWidth, y2: height - 2 }));
}

/** entries: [{label, value, text}] (text: the formatted value). */
export function barChart(title, entries, { alt = false } = {}) {
  const box = document.createElement('div');
  box.className = 'chart-box';
  const svg = el('svg', { role: 'img', 'aria-label': title });
  box.append(svg);
  let drawn = 0;
  const observer = new ResizeObserver(() => {
    if (!box.isConnected) {
      observer.disconnect();
      return;
    }
    const width = Math.max(280, Math.floor(box.clientWidth));
    if (width !== drawn) {
      drawn = width;
      draw(svg, title, entries, alt, width);
    }
  });
  observer.observe(box);
  draw(svg, title, entries, alt, 560);
  return box;
}
