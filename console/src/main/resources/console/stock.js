// Stock work: manual adjustments, transfers between warehouses, and stocktakes (a count sheet of
// a warehouse's stock → the variances the posting books as gains and losses).
import { api, get, query, uuid } from './api.js';
import { t, money, num, cost } from './i18n.js';
import { h, field, text, decimal, amount, showProblem, clearProblem, banner, notify, table, busy, allowedFor } from './ui.js';
import { suggestions } from './lookups.js';
import { linesEditor } from './lines.js';
import { tabs } from './tabs.js';

const REASONS = ['FOUND', 'DAMAGE', 'LOSS', 'CORRECTION', 'SAMPLE', 'EXPIRED', 'OPENING_BALANCE'];

export function render(main, params) {
  const tab = params.get('tab') || 'adjustments';
  main.append(h('h1', {}, t('stock.title')),
    tabs('/stock', tab, [['adjustments', t('stock.adjustments')], ['transfers', t('stock.transfers')], ['stocktakes', t('stock.stocktakes')]]));
  const panel = h('div', { class: 'panel' });
  main.append(panel);
  ({ adjustments, transfers, stocktakes }[tab] || adjustments)(panel);
}

function movementsTable(caption, movements) {
  return table(caption, [
    { label: t('common.sku'), value: (m) => m.sku },
    { label: t('common.warehouse'), value: (m) => m.warehouseCode },
    { label: t('inv.type'), value: (m) => t(`move.${m.movementType}`) },
    { label: t('common.quantity'), value: (m) => num(m.quantity), num: true },
    { label: t('stock.unitCost'), value: (m) => cost(m.unitCost), num: true },
    { label: t('inv.balanceAfter'), value: (m) => num(m.balanceAfter), num: true },
    { label: t('inv.averageCostAfter'), value: (m) => cost(m.averageCostAfter), num: true },
    { label: t('inv.reference'), value: (m) => m.referenceNumber ?? '' },
  ], movements);
}

/** A form that posts once per Idempotency-Key (a double click repeats the first answer). */
function postingForm(formId, children, post) {
  let key = uuid();
  const result = h('div', { id: `${formId}-result`, 'aria-live': 'polite' });
  const form = h('form', { id: formId, class: 'grid', novalidate: true }, h('div', { class: 'wide' }, banner()), children);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    try {
      const shown = await busy(form.querySelector('button[type=submit]'), () => post(form, key));
      key = uuid();
      result.replaceChildren(shown);
    } catch (error) {
      showProblem(form, error);
    }
  });
  return h('div', {}, form, result);
}

function adjustments(panel) {
  const formId = 'form-adjustment';
  panel.append(h('h2', {}, t('stock.adjust')), postingForm(formId, [
    field(formId, { name: 'warehouseCode', label: t('common.warehouse'), required: true, list: suggestions('warehouses') }),
    field(formId, { name: 'sku', label: t('common.sku'), required: true, list: suggestions('products') }),
    field(formId, { name: 'quantity', label: t('common.quantity'), required: true, inputmode: 'decimal', hint: t('stock.quantityHint') }),
    field(formId, { name: 'reason', label: t('stock.reason'), type: 'select', options: REASONS.map((r) => [r, t(`reason.${r}`)]) }),
    field(formId, { name: 'unitCost', label: t('stock.unitCost'), inputmode: 'decimal', hint: t('stock.unitCostHint') }),
    field(formId, { name: 'note', label: t('common.note'), wide: true }),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: `${formId}-submit`, ...allowedFor('POST', '/api/stock/adjustments') }, t('stock.adjust'))),
  ], async (form, key) => {
    const e = form.elements;
    const body = { warehouseCode: text(e.warehouseCode.value), sku: text(e.sku.value), quantity: amount(e.quantity.value),
      reason: e.reason.value, unitCost: amount(e.unitCost.value), note: text(e.note.value) };
    const movement = (await api('POST', '/api/stock/adjustments', { body, idempotencyKey: key })).data;
    notify(t('common.createdKey', { key: movement.referenceNumber }));
    return movementsTable(t('stock.result', { number: movement.referenceNumber }), [movement]);
  }));
}

function transfers(panel) {
  const formId = 'form-transfer';
  const lines = linesEditor(formId);
  panel.append(h('h2', {}, t('stock.transfers')), postingForm(formId, [
    field(formId, { name: 'fromWarehouseCode', label: t('stock.fromWarehouse'), required: true, list: suggestions('warehouses') }),
    field(formId, { name: 'toWarehouseCode', label: t('stock.toWarehouse'), required: true, list: suggestions('warehouses') }),
    field(formId, { name: 'note', label: t('common.note') }),
    lines.element,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: `${formId}-submit`, ...allowedFor('POST', '/api/stock/transfers') }, t('stock.transfer'))),
  ], async (form, key) => {
    const e = form.elements;
    const body = { fromWarehouseCode: text(e.fromWarehouseCode.value), toWarehouseCode: text(e.toWarehouseCode.value),
      note: text(e.note.value), lines: lines.values() };
    const result = (await api('POST', '/api/stock/transfers', { body, idempotencyKey: key })).data;
    notify(t('common.createdKey', { key: result.number }));
    return movementsTable(t('stock.result', { number: result.number }), result.movements);
  }));
}

/** The count sheet lists the warehouse's stock with its book quantity; empty counts are not posted. */
function stocktakes(panel) {
  const formId = 'form-stocktake';
  const sheet = h('div', { class: 'wide', id: `${formId}-sheet` });
  let counts = [];
  const load = async (form) => {
    const warehouseCode = text(form.elements.warehouseCode.value);
    if (!warehouseCode) return;
    clearProblem(form);
    try {
      const page = await get(`/api/inventory${query({ warehouseCode, size: 200, includeEmpty: true })}`);
      counts = page.items.map((row, i) => ({ row, i, input: h('input', { inputmode: 'decimal', 'data-sku': row.sku, autocomplete: 'off',
        id: `${formId}-count-${i}`, 'aria-describedby': `${formId}-count-${i}-error`, 'aria-label': `${row.sku}: ${t('stock.counted')}` }) }));
      sheet.replaceChildren(h('p', { class: 'hint muted' }, t('stock.sheetHint')), table(t('stock.stocktakes'), [
        { label: t('common.sku'), value: (c) => c.row.sku }, { label: t('common.product'), value: (c) => c.row.productName ?? '' },
        { label: t('stock.book'), value: (c) => num(c.row.onHand), num: true },
        { label: t('stock.counted'), value: (c) => [c.input, h('span', { class: 'field-error', id: `${formId}-count-${c.i}-error` })], num: true },
      ], counts));
    } catch (error) {
      showProblem(form, error);
    }
  };
  const wrapper = postingForm(formId, [
    field(formId, { name: 'warehouseCode', label: t('common.warehouse'), required: true, list: suggestions('warehouses') }),
    field(formId, { name: 'note', label: t('common.note') }),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', id: `${formId}-load`, onclick: (event) => load(event.currentTarget.form) }, t('stock.loadSheet')),
      h('button', { type: 'submit', id: `${formId}-submit`, ...allowedFor('POST', '/api/stocktakes') }, t('stock.post'))),
    sheet,
  ], async (form, key) => {
    const lines = [];
    counts.forEach(({ input }) => {
      const counted = decimal(input.value);
      input.removeAttribute('data-field');
      if (counted !== null) {
        input.dataset.field = `lines[${lines.length}].countedQuantity`;
        lines.push({ sku: input.dataset.sku, countedQuantity: amount(input.value) });
      }
    });
    const body = { warehouseCode: text(form.elements.warehouseCode.value), note: text(form.elements.note.value), lines };
    const result = (await api('POST', '/api/stocktakes', { body, idempotencyKey: key })).data;
    notify(t('common.createdKey', { key: result.number }));
    return table(t('stock.result', { number: result.number }), [
      { label: t('common.sku'), value: (v) => v.sku },
      { label: t('stock.book'), value: (v) => num(v.systemQuantity), num: true },
      { label: t('stock.counted'), value: (v) => num(v.countedQuantity), num: true },
      { label: t('stock.variance'), num: true, value: (v) => h('span', { class: Number(v.variance) > 0 ? 'positive' : Number(v.variance) < 0 ? 'negative' : null },
        `${num(v.variance)}${Number(v.variance) > 0 ? ` ${t('stock.gain')}` : Number(v.variance) < 0 ? ` ${t('stock.loss')}` : ''}`) },
      { label: t('stock.unitCost'), value: (v) => cost(v.unitCost), num: true },
      { label: t('stock.valueDelta'), value: (v) => money(v.valueDelta), num: true },
    ], result.variances);
  });
  panel.append(h('h2', {}, t('stock.stocktakes')), wrapper);
}
