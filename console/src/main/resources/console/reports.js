// The six reports of the reports function: each with its parameters (period and grouping, a day, a
// window of days), its JSON answer as a table with the totals, and the same report as a CSV file.
import { get, query } from './api.js';
import { t, money, num, cost, date, dateTime } from './i18n.js';
import { h, field, table, fileLink, banner, showProblem, clearProblem } from './ui.js';
import { keepQuery } from './nav.js';
import { suggestions } from './lookups.js';
import { tabs } from './tabs.js';

const PERIOD = [
  { name: 'from', label: 'common.from', type: 'date' },
  { name: 'to', label: 'common.to', type: 'date' },
];
const group = (...values) => ({ name: 'groupBy', label: 'rep.groupBy', type: 'select', values });
const text = (key, label) => ({ key, label, show: (v) => v ?? '' });
const number = (key, label) => ({ key, label, show: num, num: true });
const cash = (key, label) => ({ key, label, show: money, num: true });

const REPORTS = {
  sales: {
    params: [...PERIOD, group('day', 'month', 'product', 'customer', 'warehouse')],
    columns: [text('key', 'rep.key'), text('name', 'f.name'), number('orders', 'rep.orders'), number('quantity', 'common.quantity'),
      cash('revenue', 'rep.revenue')],
  },
  purchases: {
    params: [...PERIOD, group('supplier', 'product')],
    columns: [text('key', 'rep.key'), text('name', 'f.name'), number('orders', 'rep.orders'), number('quantity', 'common.quantity'),
      cash('amount', 'common.amount')],
  },
  'gross-profit': {
    params: [...PERIOD, group('product', 'order')],
    columns: [text('key', 'rep.key'), text('name', 'f.name'), number('quantity', 'common.quantity'), cash('revenue', 'rep.revenue'),
      cash('cost', 'rep.cost'), cash('profit', 'rep.profit'), { key: 'marginPercent', label: 'rep.margin', num: true,
        show: (v) => (v === null || v === undefined ? '' : `${num(v)} %`) }],
  },
  'inventory-valuation': {
    params: [{ name: 'asOf', label: 'fin.asOf', type: 'date' }, { name: 'warehouseCode', label: 'common.warehouse', list: 'warehouses' }],
    columns: [text('sku', 'common.sku'), text('name', 'f.name'), text('warehouseCode', 'common.warehouse'), number('onHand', 'inv.onHand'),
      cash('value', 'inv.value'), { key: 'averageCost', label: 'inv.averageCost', show: cost, num: true }],
    total: (r) => ({ sku: t('common.total'), onHand: r.totalOnHand, value: r.totalValue }),
  },
  'inventory-turnover': {
    params: PERIOD,
    columns: [text('sku', 'common.sku'), text('name', 'f.name'), cash('openingValue', 'rep.openingValue'),
      cash('closingValue', 'rep.closingValue'), cash('averageValue', 'rep.averageValue'), cash('costOfGoodsSold', 'rep.cogs'),
      number('turnover', 'rep.turnover'), number('daysOfInventory', 'rep.daysOfInventory')],
  },
  'slow-moving': {
    params: [{ name: 'asOf', label: 'fin.asOf', type: 'date' }, { name: 'days', label: 'rep.days', inputmode: 'numeric', placeholder: '90' },
      { name: 'coverDays', label: 'rep.coverDays', inputmode: 'numeric', placeholder: '180' }],
    columns: [text('sku', 'common.sku'), text('name', 'f.name'), { key: 'status', label: 'common.status', show: (v) => (v ? t(`rep.status.${v}`) : '') },
      number('onHand', 'inv.onHand'), cash('value', 'inv.value'), number('issuedQuantity', 'rep.issued'),
      { key: 'lastIssueAt', label: 'rep.lastIssue', show: dateTime }, number('daysOfCover', 'rep.daysOfCover')],
    total: (r) => ({ sku: t('common.total'), value: r.totalValue }),
  },
};

export function render(main, params) {
  const name = REPORTS[params.get('tab')] ? params.get('tab') : 'sales';
  const report = REPORTS[name];
  const path = `/api/reports/${name}`;
  const state = Object.fromEntries(report.params.map((p) => [p.name, params.get(p.name) || '']));
  const formId = 'search-report';
  const results = h('div', { id: 'report-results' });
  const download = h('span', { class: 'download' });
  const form = h('form', { class: 'toolbar', role: 'search', id: formId },
    report.params.map((p) => field(formId, {
      name: p.name, label: t(p.label), type: p.type, inputmode: p.inputmode, placeholder: p.placeholder, value: state[p.name],
      list: p.list ? suggestions(p.list) : undefined,
      options: p.values ? [['', t('rep.default')], ...p.values.map((v) => [v, t(`rep.by.${v}`)])] : undefined,
    })),
    h('button', { type: 'submit', id: `${formId}-submit` }, t('inv.show')),
    h('span', { class: 'spacer' }), download);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    report.params.forEach((p) => { state[p.name] = form.elements[p.name].value.trim(); });
    load();
  });

  let latest = 0;
  async function load() {
    // Only the last request's answer is shown (an earlier, slower one must not replace it).
    const mine = ++latest;
    keepQuery({ tab: name, ...state });
    download.replaceChildren(fileLink(t('rep.csv'), `${path}${query({ ...state, format: 'csv' })}`,
      { id: 'report-csv', class: 'button secondary', 'data-report': name }, `${name}.csv`));
    clearProblem(form);
    try {
      const answer = await get(`${path}${query(state)}`);
      if (mine === latest) results.replaceChildren(reportTable(name, report, answer));
    } catch (error) {
      if (mine !== latest) return;
      // A bad parameter (days=x, a period too long) is named at its field, the rest above the table.
      const problem = banner();
      results.replaceChildren(problem);
      showProblem(form, error, { banner: problem });
    }
  }

  main.append(h('h1', {}, t('rep.title')),
    tabs('/reports', name, Object.keys(REPORTS).map((n) => [n, t(`rep.${n}`)])),
    h('div', { class: 'panel' }, form), results);
  load();
}

function reportTable(name, report, answer) {
  const total = report.total ? report.total(answer) : answer.total && { ...answer.total, key: t('common.total'), sku: t('common.total') };
  const rows = [...answer.rows, ...(total ? [{ ...total, isTotal: true }] : [])];
  const period = answer.from ? `${date(answer.from)} – ${date(answer.to)}` : date(answer.asOf);
  const columns = report.columns.map((c) => ({
    label: c.key === 'key' && answer.groupBy ? t(`rep.by.${answer.groupBy.toLowerCase()}`) : t(c.label),
    num: c.num, cls: c.key, value: (r) => c.show(r[c.key]),
  }));
  return table(`${t(`rep.${name}`)} · ${period}`, columns, rows, {
    rowAttrs: (r) => (r.isTotal ? { class: 'total', 'data-key': 'TOTAL' } : { 'data-key': r.key ?? (r.warehouseCode ? `${r.sku}@${r.warehouseCode}` : r.sku) }),
  });
}
