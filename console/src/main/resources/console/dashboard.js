// The day at a glance: orders today, items below their reorder point, stock value, recent activity
// (the latest order changes) and two charts. Each figure loads on its own, so one failing read
// does not blank the others.
import { get, query } from './api.js';
import { t, money, num, dateTime } from './i18n.js';
import { h, errorBox, statusBadge } from './ui.js';
import { card } from './inventory.js';
import { barChart } from './chart.js';

function today() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function slot(id, promise, show) {
  const box = h('div', { id, class: 'slot' }, h('div', { class: 'card muted' }, t('common.loading')));
  promise.then((value) => box.replaceChildren(show(value))).catch((error) => box.replaceChildren(errorBox(error)));
  return box;
}

export function render(main) {
  const day = today();
  const sales = get(`/api/sales-orders${query({ from: day, to: day, size: 1 })}`);
  const purchases = get(`/api/purchase-orders${query({ from: day, to: day, size: 1 })}`);
  const low = get('/api/inventory/low-stock?size=1');
  const valuation = get('/api/inventory/valuation');
  const recentSales = get('/api/sales-orders?size=200');
  const recentPurchases = get('/api/purchase-orders?size=10');

  main.append(h('h1', {}, t('dash.title')),
    h('div', { class: 'cards' },
      slot('kpi-sales', sales, (p) => card(t('dash.salesToday'), num(p.totalItems), day, 'sales-today')),
      slot('kpi-purchases', purchases, (p) => card(t('dash.purchasesToday'), num(p.totalItems), day, 'purchases-today')),
      slot('kpi-low', low, (p) => card(t('dash.lowStock'), num(p.totalItems), '', 'low-stock')),
      slot('kpi-value', valuation, (v) => card(t('dash.stockValue'), money(v.totalValue), t('dash.onHand', { n: num(v.totalOnHand) }), 'stock-value'))),
    h('div', { class: 'two' },
      slot('chart-value', valuation, (v) => h('div', { class: 'panel chart' }, h('h2', {}, t('inv.valueByWarehouse')),
        v.warehouses.length ? barChart(t('inv.valueByWarehouse'), v.warehouses.map((w) => ({ label: w.warehouseCode, value: w.value, text: money(w.value) })))
          : h('p', { class: 'muted' }, t('common.none')))),
      slot('chart-status', recentSales, (p) => {
        const counts = new Map();
        p.items.forEach((o) => counts.set(o.status, (counts.get(o.status) || 0) + 1));
        const entries = [...counts.entries()].map(([status, n]) => ({ label: t(`status.${status}`), value: n, text: num(n) }));
        return h('div', { class: 'panel chart' }, h('h2', {}, t('dash.salesByStatus')),
          entries.length ? barChart(t('dash.salesByStatus'), entries, { alt: true }) : h('p', { class: 'muted' }, t('common.none')));
      })),
    slot('recent', Promise.all([recentSales, recentPurchases]), ([s, p]) => {
      const events = [...s.items.slice(0, 10).map((o) => ({ ...o, href: '/sales-orders', partner: o.customerCode })),
        ...p.items.map((o) => ({ ...o, href: '/purchase-orders', partner: o.supplierCode }))]
        .sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt))).slice(0, 10);
      return h('div', { class: 'panel' }, h('h2', {}, t('dash.recent')), events.length === 0 ? h('p', { class: 'muted' }, t('common.none'))
        : h('ul', { class: 'events' }, events.map((o) => h('li', {},
          h('span', {}, h('a', { href: `${o.href}?q=${encodeURIComponent(o.number)}`, 'data-link': true }, o.number), ' ', statusBadge(o.status),
            ' ', h('span', { class: 'muted' }, `${o.partner} · ${money(o.totalAmount)}`)),
          h('time', { datetime: o.updatedAt }, dateTime(o.updatedAt))))));
    }));
}
