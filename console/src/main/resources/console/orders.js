// Purchase and sales orders: list by status with search and paging, create, and the commands
// (receive, ship, return, cancel). Commands answer 202 and the order moves on when stock-adjust
// confirms, so the list polls while an order is in flight and shows the new status without a reload.
import { api, get, query, uuid } from './api.js';
import { t, money, num, dateTime, date } from './i18n.js';
import { h, field, text, decimal, amount, showProblem, clearProblem, banner, notify, errorBox, table, pager, openDialog, statusBadge, busy, allowedFor, problemText, fileLink } from './ui.js';
import { keepQuery } from './nav.js';
import { suggestions } from './lookups.js';
import { linesEditor } from './lines.js';

const KINDS = {
  purchase: {
    path: '/api/purchase-orders', title: 'po.title', create: 'po.new', partner: 'supplierCode', partnerLabel: 'po.supplier',
    partners: 'suppliers', price: 'purchase', done: 'receivedQuantity', doneLabel: 'po.received',
    movements: 'receipts', movementsLabel: 'doc.receipts', documents: [['goods-received-note', 'doc.grn']],
    statuses: ['SUBMITTED', 'PARTIALLY_RECEIVED', 'RECEIVED', 'CANCELLED'],
    pending: [],
    actions: [
      { name: 'receive', label: 'po.receive', when: ['SUBMITTED', 'PARTIALLY_RECEIVED'], path: 'receipts' },
      { name: 'return', label: 'order.return', when: ['PARTIALLY_RECEIVED', 'RECEIVED'], path: 'returns' },
      { name: 'cancel', label: 'order.cancel', when: ['SUBMITTED'], path: 'cancel' },
    ],
  },
  sales: {
    path: '/api/sales-orders', title: 'so.title', create: 'so.new', partner: 'customerCode', partnerLabel: 'so.customer',
    partners: 'customers', price: 'sale', done: 'shippedQuantity', doneLabel: 'so.shipped',
    movements: 'shipments', movementsLabel: 'doc.shipments', documents: [['delivery-note', 'doc.deliveryNote'], ['invoice', 'doc.invoice']],
    statuses: ['PLACED', 'CONFIRMED', 'REJECTED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLING', 'CANCELLED'],
    pending: ['PLACED', 'CANCELLING'],
    actions: [
      { name: 'ship', label: 'so.ship', when: ['CONFIRMED', 'PARTIALLY_SHIPPED'], path: 'shipments' },
      { name: 'return', label: 'order.return', when: ['PARTIALLY_SHIPPED', 'SHIPPED'], path: 'returns' },
      { name: 'cancel', label: 'order.cancel', when: ['PLACED', 'CONFIRMED'], path: 'cancel' },
    ],
  },
};

/** How long after a command the list keeps polling for the confirmation (stock-adjust answers in milliseconds). */
const WATCH_MS = 30000;
const POLL_MS = 1000;

export function render(kindName, main, params) {
  const kind = KINDS[kindName];
  const prefix = `${kindName}-orders`;
  const state = {
    status: params.get('status') || '', q: params.get('q') || '', partner: params.get(kind.partner) || '',
    warehouseCode: params.get('warehouseCode') || '', from: params.get('from') || '', to: params.get('to') || '',
    page: Number(params.get('page') || 0), watchUntil: 0, rows: [], seen: new Map(), loading: false, shown: null,
  };
  const results = h('div', { id: `${prefix}-results` });
  const searchId = `search-${prefix}`;
  const search = h('form', { class: 'toolbar', role: 'search', id: searchId },
    field(searchId, { name: 'status', label: t('common.status'), type: 'select', value: state.status,
      options: [['', t('common.all')], ...kind.statuses.map((s) => [s, t(`status.${s}`)])] }),
    field(searchId, { name: 'q', label: t('common.search'), type: 'search', value: state.q, placeholder: t('order.number') }),
    field(searchId, { name: 'partner', label: t(kind.partnerLabel), value: state.partner, list: suggestions(kind.partners) }),
    field(searchId, { name: 'warehouseCode', label: t('common.warehouse'), value: state.warehouseCode, list: suggestions('warehouses') }),
    field(searchId, { name: 'from', label: t('common.from'), type: 'date', value: state.from }),
    field(searchId, { name: 'to', label: t('common.to'), type: 'date', value: state.to }),
    h('button', { type: 'submit' }, t('common.search')),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', id: `new-${prefix}`, onclick: () => openCreate(kindName, watch), ...allowedFor('POST', kind.path) }, t(kind.create)));
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    ['status', 'q', 'partner', 'warehouseCode', 'from', 'to'].forEach((name) => { state[name] = search.elements[name].value.trim(); });
    state.page = 0;
    load();
  });

  function watch() {
    state.watchUntil = Date.now() + WATCH_MS;
    load();
  }

  async function load({ quiet = false } = {}) {
    if (state.loading) return;
    state.loading = true;
    if (!quiet) {
      keepQuery({ status: state.status, q: state.q, [kind.partner]: state.partner, warehouseCode: state.warehouseCode,
        from: state.from, to: state.to, page: state.page });
    }
    try {
      const page = await get(`${kind.path}${query({ page: state.page, size: 20, status: state.status, q: state.q,
        [kind.partner]: state.partner, warehouseCode: state.warehouseCode, from: state.from, to: state.to })}`);
      announceChanges(page.items);
      state.rows = page.items;
      // A poll that finds nothing new leaves the table alone, so keyboard focus in it is not lost.
      const shown = JSON.stringify(page);
      if (quiet && shown === state.shown) return;
      state.shown = shown;
      results.replaceChildren(listTable(kindName, page.items, watch), pager(page, (n) => { state.page = n; load(); }));
    } catch (error) {
      if (!quiet) results.replaceChildren(errorBox(error));
    } finally {
      state.loading = false;
    }
  }

  /** Says so (in the live region) when an order on screen moves on, e.g. PLACED → CONFIRMED. */
  function announceChanges(items) {
    items.forEach((order) => {
      const before = state.seen.get(order.number);
      if (before && before !== order.status) {
        notify(t('order.confirmed', { number: order.number, status: t(`status.${order.status}`) }),
          order.status === 'REJECTED' ? 'error' : 'success');
      }
      state.seen.set(order.number, order.status);
    });
  }

  const timer = setInterval(() => {
    if (document.hidden) return;
    const inFlight = state.rows.some((order) => kind.pending.includes(order.status));
    if (inFlight || Date.now() < state.watchUntil) load({ quiet: true });
  }, POLL_MS);

  main.append(h('h1', {}, t(kind.title)), h('div', { class: 'panel' }, search), results);
  load();
  return () => clearInterval(timer);
}

function listTable(kindName, orders, watch) {
  const kind = KINDS[kindName];
  const columns = [
    { label: t('order.number'), value: (o) => h('button', { type: 'button', class: 'link nowrap', 'data-action': 'details', onclick: () => openDetails(kindName, o.number) }, o.number) },
    { label: t(kind.partnerLabel), value: (o) => o[kind.partner] },
    { label: t('common.warehouse'), value: (o) => o.warehouseCode },
    { label: t('common.status'), cls: 'status-cell', value: (o) => [statusBadge(o.status),
      o.rejectionReason ? h('div', { class: 'muted rejection' }, t('so.rejection', { reason: o.rejectionReason })) : null,
      kind.pending.includes(o.status) ? h('div', { class: 'muted' }, t('so.watch')) : null] },
    { label: t('common.total'), value: (o) => money(o.totalAmount), num: true },
    kindName === 'purchase' ? { label: t('po.expectedDate'), value: (o) => date(o.expectedDate) } : null,
    { label: t('common.created'), value: (o) => dateTime(o.createdAt), cls: 'nowrap' },
    { label: t('common.actions'), value: (o) => h('div', { class: 'row-actions' }, kind.actions.filter((a) => a.when.includes(o.status))
      .map((a) => h('button', { type: 'button', class: a.name === 'cancel' ? 'danger' : 'secondary', 'data-action': a.name,
        onclick: () => command(kindName, a, o.number, watch), ...allowedFor('POST', `${kind.path}/${o.number}/${a.path}`) }, t(a.label)))) },
  ].filter(Boolean);
  return table(t(kind.title), columns, orders, { rowAttrs: (o) => ({ 'data-key': o.number, 'data-status': o.status }) });
}

function openCreate(kindName, watch) {
  const kind = KINDS[kindName];
  const formId = `form-${kindName}-orders`;
  let idempotencyKey = uuid();
  const lines = linesEditor(formId, { price: kind.price });
  const form = h('form', { id: formId, class: 'grid', novalidate: true },
    h('div', { class: 'wide' }, banner()),
    field(formId, { name: kind.partner, label: t(kind.partnerLabel), required: true, list: suggestions(kind.partners) }),
    field(formId, { name: 'warehouseCode', label: t('common.warehouse'), required: true, list: suggestions('warehouses') }),
    kindName === 'purchase' ? field(formId, { name: 'expectedDate', label: t('po.expectedDate'), type: 'date' }) : null,
    field(formId, { name: 'note', label: t('common.note'), wide: true }),
    kind.price === 'sale' ? h('p', { class: 'wide hint muted' }, t('so.priceHint')) : null,
    lines.element,
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: `${formId}-submit` }, t('common.create'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = { [kind.partner]: text(form.elements[kind.partner].value), warehouseCode: text(form.elements.warehouseCode.value),
      note: text(form.elements.note.value), lines: lines.values() };
    if (kindName === 'purchase') body.expectedDate = text(form.elements.expectedDate.value);
    try {
      const answer = await busy(form.querySelector('button[type=submit]'), () => api('POST', kind.path, { body, idempotencyKey }));
      idempotencyKey = uuid();
      notify(t('common.createdKey', { key: answer.data.number }));
      close();
      watch();
    } catch (error) {
      showProblem(form, error);
    }
  });
  const close = openDialog(t(kind.create), form);
}

/** Receive, ship or return quantities per line (or cancel); each answers 202 and the list then watches. */
async function command(kindName, action, number, watch) {
  const kind = KINDS[kindName];
  const path = `${kind.path}/${encodeURIComponent(number)}/${action.path}`;
  if (action.name === 'cancel') {
    if (!window.confirm(t('order.cancelConfirm', { number }))) return;
    try {
      await api('POST', path, { body: {}, idempotencyKey: uuid() });
      notify(t('order.accepted', { number }), 'info');
    } catch (error) {
      notify(problemText(error), 'error');
    }
    watch();
    return;
  }
  let order;
  try {
    order = await get(`${kind.path}/${encodeURIComponent(number)}`);
  } catch (error) {
    notify(problemText(error), 'error');
    return;
  }
  const returning = action.name === 'return';
  const formId = `form-${action.name}`;
  const outstanding = (line) => Number(line.quantity) - Number(line[kind.done] ?? 0);
  const returnable = (line) => Number(line[kind.done] ?? 0) - Number(line.returnedQuantity ?? 0);
  const inputs = [];
  const rows = order.lines.map((line, i) => {
    const input = h('input', { inputmode: 'decimal', 'data-sku': line.sku, autocomplete: 'off', id: `${formId}-q-${i}`,
      'aria-describedby': `${formId}-q-${i}-error`,
      value: returning ? '' : String(Math.max(0, outstanding(line))), 'aria-label': `${line.sku}: ${t(returning ? 'order.returnNow' : 'po.receiveNow')}` });
    inputs.push(input);
    return h('tr', {},
      h('td', {}, line.sku), h('td', {}, line.productName ?? ''), h('td', { class: 'num' }, num(line.quantity)),
      h('td', { class: 'num' }, num(line[kind.done] ?? 0)), h('td', { class: 'num' }, num(line.returnedQuantity ?? 0)),
      h('td', { class: 'num' }, num(returning ? returnable(line) : outstanding(line))),
      h('td', { class: 'num' }, input, h('span', { class: 'field-error', id: `${formId}-q-${i}-error` })));
  });
  const nowLabel = returning ? t('order.returnNow') : action.name === 'ship' ? t('so.shipNow') : t('po.receiveNow');
  const form = h('form', { id: formId, novalidate: true },
    banner(),
    h('div', { class: 'table-wrap' }, h('table', { class: 'lines' },
      h('thead', {}, h('tr', {}, [t('common.sku'), t('common.product'), t('po.ordered'), t(kind.doneLabel), t('order.returned'),
        returning ? t(kind.doneLabel) : t('po.remaining'), nowLabel].map((label, i) => h('th', { scope: 'col', class: i > 1 ? 'num' : null }, label)))),
      h('tbody', {}, rows))),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: `${formId}-submit` }, t(action.label)),
      action.name === 'ship' ? h('button', { type: 'button', class: 'secondary', id: `${formId}-all`, onclick: () => send(undefined) }, t('so.shipAll')) : null));

  async function send(body) {
    clearProblem(form);
    try {
      await api('POST', path, { body: body ?? {}, idempotencyKey: uuid() });
      notify(t('order.accepted', { number }), 'info');
      close();
      watch();
    } catch (error) {
      showProblem(form, error);
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    // Only lines with a quantity are sent; their inputs are named by their place in the request.
    const lines = [];
    inputs.forEach((input) => {
      const quantity = decimal(input.value);
      input.removeAttribute('data-field');
      if (quantity !== null && Number(quantity) !== 0) {
        input.dataset.field = `lines[${lines.length}].quantity`;
        lines.push({ sku: input.dataset.sku, quantity: amount(input.value) });
      }
    });
    send({ lines });
  });
  const close = openDialog(t(returning ? 'order.returnTitle' : action.name === 'ship' ? 'so.shipTitle' : 'po.receiveTitle', { number }), form);
}

async function openDetails(kindName, number) {
  const kind = KINDS[kindName];
  try {
    const base = `${kind.path}/${encodeURIComponent(number)}`;
    const [order, movements] = await Promise.all([get(base), get(`${base}/${kind.movements}`).catch((error) => error)]);
    openDialog(`${number}`, h('div', {},
      h('p', {}, statusBadge(order.status), ' ', `${t(kind.partnerLabel)}: ${order[kind.partner]} · ${t('common.warehouse')}: ${order.warehouseCode}`,
        order.note ? ` · ${order.note}` : ''),
      order.rejectionReason ? h('p', { class: 'banner error' }, t('so.rejection', { reason: order.rejectionReason })) : null,
      table(t('order.lines'), [
        { label: t('common.sku'), value: (l) => l.sku }, { label: t('common.product'), value: (l) => l.productName ?? '' },
        { label: t('common.quantity'), value: (l) => num(l.quantity), num: true },
        { label: t('common.unitPrice'), value: (l) => money(l.unitPrice), num: true },
        { label: t(kind.doneLabel), value: (l) => num(l[kind.done] ?? 0), num: true },
        { label: t('order.returned'), value: (l) => num(l.returnedQuantity ?? 0), num: true },
        { label: t('common.amount'), value: (l) => money(l.amount), num: true },
      ], order.lines),
      table(t('order.history'), [
        { label: t('inv.time'), value: (c) => dateTime(c.at) },
        { label: t('common.status'), value: (c) => [c.from ? `${t(`status.${c.from}`)} → ` : '', t(`status.${c.to}`)] },
        { label: t('stock.reason'), value: (c) => c.reason ?? '' },
        { label: 'CloudEvent', value: (c) => c.eventType ?? '' },
      ], order.history || []),
      movements instanceof Error ? errorBox(movements) : movementsTable(kind, base, movements)));
  } catch (error) {
    notify(problemText(error), 'error');
  }
}

/** The order's confirmed shipments (receipts), each with links to its printed documents as PDF and HTML. */
function movementsTable(kind, base, movements) {
  return h('div', { id: 'order-movements' }, table(t(kind.movementsLabel), [
    { label: t('order.number'), value: (m) => m.number, cls: 'nowrap' },
    { label: t('inv.time'), value: (m) => dateTime(m.movedAt), cls: 'nowrap' },
    { label: t('order.lines'), value: (m) => m.lines.map((l) => `${l.sku} × ${num(l.quantity)}`).join(', ') },
    kind.movements === 'shipments' ? { label: t('doc.invoiceNumber'), value: (m) => m.invoiceNumber ?? t('doc.notBooked'), cls: 'invoice-number' } : null,
    { label: t('doc.documents'), value: (m) => h('div', { class: 'documents' }, kind.documents.map(([doc, label]) => {
      const path = `${base}/${kind.movements}/${encodeURIComponent(m.number)}/${doc}`;
      return h('span', { class: 'nowrap' }, `${t(label)}: `,
        fileLink('PDF', `${path}?format=pdf`, { 'data-doc': doc, 'data-format': 'pdf' }, `${m.number}-${doc}.pdf`), ' · ',
        fileLink('HTML', `${path}?format=html`, { 'data-doc': doc, 'data-format': 'html' }, `${m.number}-${doc}.html`));
    })) },
  ].filter(Boolean), movements, { rowAttrs: (m) => ({ 'data-key': m.number }), empty: t(`doc.none.${kind.movements}`) }));
}
