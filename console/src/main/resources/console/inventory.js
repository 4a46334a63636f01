// Inventory reads: levels per warehouse, the movement ledger of a SKU, low stock and valuation.
import { get, query } from './api.js';
import { t, money, num, cost, dateTime } from './i18n.js';
import { h, field, errorBox, table, pager, badge } from './ui.js';
import { keepQuery } from './nav.js';
import { suggestions } from './lookups.js';
import { tabs } from './tabs.js';
import { barChart } from './chart.js';

const TYPES = ['RECEIPT', 'ISSUE', 'RESERVE', 'RELEASE', 'ADJUSTMENT_IN', 'ADJUSTMENT_OUT', 'TRANSFER_IN', 'TRANSFER_OUT',
  'STOCKTAKE_GAIN', 'STOCKTAKE_LOSS', 'RETURN_IN', 'RETURN_OUT'];

export function render(main, params) {
  const tab = params.get('tab') || 'levels';
  main.append(h('h1', {}, t('inv.title')), tabs('/inventory', tab,
    [['levels', t('inv.levels')], ['ledger', t('inv.ledger')], ['low-stock', t('inv.lowStock')], ['valuation', t('inv.valuation')]]));
  const screen = { levels, ledger, 'low-stock': lowStock, valuation }[tab] || levels;
  screen(main, params);
}

const ledgerLink = (sku) => h('a', { href: `/inventory?tab=ledger&sku=${encodeURIComponent(sku)}`, 'data-link': true }, sku);

function rowsTable(caption, rows) {
  return table(caption, [
    { label: t('common.sku'), value: (r) => ledgerLink(r.sku) },
    { label: t('common.product'), value: (r) => r.productName ?? '' },
    { label: t('f.category'), value: (r) => r.category ?? '' },
    { label: t('common.warehouse'), value: (r) => r.warehouseCode },
    { label: t('inv.onHand'), value: (r) => num(r.onHand), num: true, cls: 'on-hand' },
    { label: t('inv.reserved'), value: (r) => num(r.reserved), num: true, cls: 'reserved' },
    { label: t('inv.available'), value: (r) => num(r.available), num: true, cls: 'available' },
    { label: t('inv.averageCost'), value: (r) => cost(r.averageCost), num: true },
    { label: t('inv.value'), value: (r) => money(r.value), num: true },
    { label: t('f.reorderPoint'), value: (r) => [num(r.reorderPoint), ' ', r.belowReorderPoint ? badge(t('inv.low'), 'bad') : null], num: true },
  ], rows, { rowAttrs: (r) => ({ 'data-key': `${r.sku}@${r.warehouseCode}` }) });
}

/** A search form over {@code names} whose submit reloads {@code results}; state kept in the address. */
function searchScreen(main, params, tab, specs, fetchPage, show) {
  const state = Object.fromEntries(specs.map((s) => [s.name, params.get(s.name) || '']));
  state.page = Number(params.get('page') || 0);
  const formId = `search-${tab}`;
  const results = h('div', { id: `${tab}-results` });
  const form = h('form', { class: 'toolbar', role: 'search', id: formId },
    specs.map((s) => field(formId, { ...s, value: s.type === 'checkbox' ? state[s.name] === 'true' : state[s.name] })),
    h('button', { type: 'submit' }, t('inv.show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    specs.forEach((s) => {
      const input = form.elements[s.name];
      state[s.name] = s.type === 'checkbox' ? (input.checked ? 'true' : '') : input.value.trim();
    });
    state.page = 0;
    load();
  });
  async function load() {
    keepQuery({ tab, ...state });
    try {
      const shown = await fetchPage(state);
      if (!shown) {
        results.replaceChildren();
        return;
      }
      results.replaceChildren(...show(shown, state), shown.totalPages !== undefined
        ? pager(shown, (n) => { state.page = n; load(); }) : '');
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  }
  main.append(h('div', { class: 'panel' }, form), results);
  load();
}

function levels(main, params) {
  searchScreen(main, params, 'levels', [
    { name: 'q', label: t('common.search'), type: 'search', placeholder: t('common.searchHint') },
    { name: 'warehouseCode', label: t('common.warehouse'), list: suggestions('warehouses') },
    { name: 'category', label: t('f.category') },
    { name: 'belowReorder', label: t('inv.belowReorder'), type: 'checkbox' },
  ], (s) => get(`/api/inventory${query({ page: s.page, size: 20, q: s.q, warehouseCode: s.warehouseCode, category: s.category,
    belowReorder: s.belowReorder })}`), (page) => [rowsTable(t('inv.levels'), page.items)]);
}

function ledger(main, params) {
  searchScreen(main, params, 'ledger', [
    { name: 'sku', label: t('common.sku'), required: true, list: suggestions('products') },
    { name: 'warehouseCode', label: t('common.warehouse'), list: suggestions('warehouses') },
    { name: 'type', label: t('inv.type'), type: 'select', options: [['', t('common.all')], ...TYPES.map((m) => [m, t(`move.${m}`)])] },
    { name: 'from', label: t('common.from'), type: 'date' },
    { name: 'to', label: t('common.to'), type: 'date' },
  ], async (s) => {
    if (!s.sku) return { items: [], hint: true };
    const sku = encodeURIComponent(s.sku);
    const [summary, page] = await Promise.all([get(`/api/inventory/${sku}`),
      get(`/api/inventory/${sku}/movements${query({ page: s.page, size: 50, warehouseCode: s.warehouseCode, type: s.type,
        from: s.from, to: s.to })}`)]);
    return { ...page, summary };
  }, (page) => {
    if (page.hint) return [h('p', { class: 'banner info' }, t('inv.skuRequired'))];
    const s = page.summary;
    return [
      h('div', { class: 'cards', id: 'ledger-summary' },
        card(t('inv.onHand'), `${num(s.onHand)} ${s.unit ?? ''}`, s.productName, 'on-hand'),
        card(t('inv.reserved'), num(s.reserved), '', 'reserved'),
        card(t('inv.available'), num(s.available), '', 'available'),
        card(t('inv.value'), money(s.value), `${t('inv.averageCost')} ${cost(s.averageCost)}`, 'value')),
      table(`${t('inv.ledger')} · ${s.sku}`, [
        { label: t('inv.time'), value: (m) => dateTime(m.createdAt), cls: 'nowrap' },
        { label: t('common.warehouse'), value: (m) => m.warehouseCode },
        { label: t('inv.type'), value: (m) => t(`move.${m.movementType}`), cls: 'movement-type nowrap' },
        { label: t('common.quantity'), value: (m) => signed(m.quantity), num: true },
        { label: t('inv.reserved'), value: (m) => signed(m.reservedDelta), num: true },
        { label: t('stock.unitCost'), value: (m) => cost(m.unitCost), num: true },
        { label: t('inv.balanceAfter'), value: (m) => num(m.balanceAfter), num: true },
        { label: t('inv.reservedAfter'), value: (m) => num(m.reservedAfter), num: true },
        { label: t('inv.averageCostAfter'), value: (m) => cost(m.averageCostAfter), num: true },
        { label: t('inv.reference'), value: (m) => [m.referenceNumber ?? '', m.reason ? ` (${t(`reason.${m.reason}`)})` : ''] },
      ], page.items, { rowAttrs: (m) => ({ 'data-type': m.movementType }) }),
    ];
  });
}

function signed(value) {
  const n = Number(value);
  if (!n) return num(value);
  return h('span', { class: n > 0 ? 'positive' : 'negative' }, `${n > 0 ? '+' : ''}${num(value)}`);
}

export function card(label, value, sub, id) {
  return h('div', { class: 'card', 'data-card': id }, h('div', { class: 'label' }, label), h('div', { class: 'value' }, value),
    sub ? h('div', { class: 'sub' }, sub) : null);
}

function lowStock(main, params) {
  searchScreen(main, params, 'low-stock', [
    { name: 'warehouseCode', label: t('common.warehouse'), list: suggestions('warehouses') },
  ], (s) => get(`/api/inventory/low-stock${query({ page: s.page, size: 20, warehouseCode: s.warehouseCode })}`),
  (page) => [rowsTable(t('inv.lowStock'), page.items)]);
}

function valuation(main, params) {
  searchScreen(main, params, 'valuation', [
    { name: 'warehouseCode', label: t('common.warehouse'), list: suggestions('warehouses') },
  ], (s) => get(`/api/inventory/valuation${query({ warehouseCode: s.warehouseCode })}`), (v) => [
    h('div', { class: 'cards' }, card(t('inv.value'), money(v.totalValue), '', 'total-value'), card(t('inv.onHand'), num(v.totalOnHand), '', 'total-on-hand')),
    h('div', { class: 'panel chart' }, h('h2', {}, t('inv.valueByWarehouse')),
      barChart(t('inv.valueByWarehouse'), v.warehouses.map((w) => ({ label: w.warehouseCode, value: w.value, text: money(w.value) })))),
    table(t('inv.valuation'), [
      { label: t('common.warehouse'), value: (w) => w.warehouseCode },
      { label: t('inv.skus'), value: (w) => num(w.skus), num: true },
      { label: t('inv.onHand'), value: (w) => num(w.onHand), num: true },
      { label: t('inv.value'), value: (w) => money(w.value), num: true },
    ], v.warehouses),
  ]);
}
