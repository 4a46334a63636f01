// Products, warehouses, suppliers and customers: one screen shape configured per resource — search
// and paging, create, edit with If-Match (a stale edit says so), deactivate / activate, CSV import
// with a report per row.
import { api, get, query, uuid, ApiError } from './api.js';
import { t, money, num } from './i18n.js';
import { h, field, amount, text, showProblem, clearProblem, banner, notify, errorBox, table, pager, openDialog, badge, busy, allowedFor, problemText } from './ui.js';
import { keepQuery } from './nav.js';
import { suggestions, forget } from './lookups.js';
import { parseCsv } from './csv.js';

const partnerFields = [
  { name: 'code', required: true, key: true }, { name: 'name', required: true }, { name: 'contact' },
  { name: 'phone', inputmode: 'tel' }, { name: 'email', type: 'email' }, { name: 'address', wide: true },
];

const RESOURCES = {
  products: {
    path: '/api/products', key: 'sku', serverImport: true,
    fields: [
      { name: 'sku', required: true, key: true }, { name: 'name', required: true }, { name: 'unit', required: true, placeholder: 'pcs' },
      { name: 'barcode' }, { name: 'category' },
      { name: 'purchasePrice', decimal: true }, { name: 'salePrice', decimal: true },
      { name: 'reorderPoint', decimal: true }, { name: 'reorderQuantity', decimal: true },
      { name: 'preferredSupplierCode', list: 'suppliers' },
    ],
    columns: [
      ['sku', (p) => p.sku], ['name', (p) => p.name], ['unit', (p) => p.unit], ['category', (p) => p.category ?? ''],
      ['purchasePrice', (p) => money(p.purchasePrice), true], ['salePrice', (p) => money(p.salePrice), true],
      ['reorderPoint', (p) => num(p.reorderPoint), true], ['preferredSupplierCode', (p) => p.preferredSupplierCode ?? ''],
    ],
    filters: ['category'],
  },
  warehouses: {
    path: '/api/warehouses', key: 'code',
    fields: [{ name: 'code', required: true, key: true }, { name: 'name', required: true }, { name: 'address', wide: true }],
    columns: [['code', (w) => w.code], ['name', (w) => w.name], ['address', (w) => w.address ?? '']],
    filters: [],
  },
  suppliers: { path: '/api/suppliers', key: 'code', fields: partnerFields, columns: partnerColumns(), filters: [] },
  customers: { path: '/api/customers', key: 'code', fields: partnerFields, columns: partnerColumns(), filters: [] },
};

function partnerColumns() {
  return [['code', (p) => p.code], ['name', (p) => p.name], ['contact', (p) => p.contact ?? ''], ['phone', (p) => p.phone ?? ''],
    ['email', (p) => p.email ?? '']];
}

export function render(kind, main, params) {
  const res = RESOURCES[kind];
  const state = {
    q: params.get('q') || '', active: activeParam(params.get('active')), page: Number(params.get('page') || 0),
    category: params.get('category') || '',
  };
  const results = h('div', { id: `${kind}-results` });
  const searchId = `search-${kind}`;
  const search = h('form', { class: 'toolbar', role: 'search', id: searchId },
    field(searchId, { name: 'q', label: t('common.search'), type: 'search', value: state.q, placeholder: t('common.searchHint') }),
    res.filters.includes('category') ? field(searchId, { name: 'category', label: t('f.category'), value: state.category }) : null,
    field(searchId, { name: 'active', label: t('common.status'), type: 'select', value: state.active,
      options: [['true', t('common.active')], ['false', t('common.inactive')], ['', t('common.all')]] }),
    h('button', { type: 'submit' }, t('common.search')),
    h('span', { class: 'spacer' }),
    h('button', { type: 'button', id: `new-${kind}`, onclick: () => openEditor(kind, null, load), ...allowedFor('POST', res.path) }, t(`${kind}.new`)),
    h('button', { type: 'button', class: 'secondary', id: `import-${kind}`, onclick: () => openImport(kind, load),
      ...allowedFor('POST', res.serverImport ? `${res.path}/import` : res.path) }, t('common.import')));
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = search.elements.q.value.trim();
    state.active = search.elements.active.value;
    state.category = search.elements.category ? search.elements.category.value.trim() : '';
    state.page = 0;
    load();
  });

  async function load() {
    keepQuery({ q: state.q, active: state.active === 'true' ? '' : state.active || 'all', category: state.category, page: state.page });
    try {
      const page = await get(`${res.path}${query({ page: state.page, size: 20, q: state.q, active: state.active, category: state.category, sort: 'name' })}`);
      const columns = res.columns.map(([name, value, isNum]) => ({ label: t(`f.${name}`), value, num: isNum }));
      columns.push({ label: t('f.active'), value: (row) => (row.active ? badge(t('common.active'), 'ok') : badge(t('common.inactive'), 'muted')) });
      columns.push({ label: t('common.actions'), value: (row) => rowActions(kind, row, load) });
      results.replaceChildren(
        table(t(`${kind}.title`), columns, page.items, {
          rowAttrs: (row) => ({ 'data-key': row[res.key], class: row.active ? null : 'inactive' }),
        }),
        pager(page, (n) => { state.page = n; load(); }));
    } catch (error) {
      results.replaceChildren(errorBox(error));
    }
  }

  main.append(h('h1', {}, t(`${kind}.title`)), h('div', { class: 'panel' }, search), results);
  load();
}

/** The address says nothing for active entries (the default), 'all' for all, 'false' for inactive ones. */
function activeParam(value) {
  if (value === null) return 'true';
  return value === 'all' ? '' : value;
}

function rowActions(kind, row, reload) {
  const res = RESOURCES[kind];
  const key = row[res.key];
  const toggle = async (button) => {
    try {
      await busy(button, () => api('POST', `${res.path}/${encodeURIComponent(key)}/${row.active ? 'deactivate' : 'activate'}`,
        { ifMatch: `"${row.version}"` }));
      forget(kind);
      notify(t('common.saved', { key }));
    } catch (error) {
      notify(error.status === 412 ? t('error.stale') : problemText(error), 'error');
    }
    reload();
  };
  return h('div', { class: 'row-actions' },
    h('button', { type: 'button', class: 'secondary', 'data-action': 'edit', onclick: () => openEditor(kind, key, reload),
      ...allowedFor('PUT', `${res.path}/${key}`) }, t('common.edit')),
    h('button', { type: 'button', class: row.active ? 'danger' : 'secondary', 'data-action': row.active ? 'deactivate' : 'activate',
      onclick: (event) => toggle(event.currentTarget), ...allowedFor('POST', `${res.path}/${key}/deactivate`) },
    row.active ? t('common.deactivate') : t('common.activate')));
}

/** The create or edit form in a dialog. Editing loads the entry with its ETag and sends If-Match. */
async function openEditor(kind, key, reload) {
  const res = RESOURCES[kind];
  const formId = `form-${kind}`;
  let etag = null;
  let idempotencyKey = uuid();
  const problem = banner();
  const form = h('form', { id: formId, class: 'grid', novalidate: true },
    h('div', { class: 'wide' }, problem),
    res.fields.map((f) => field(formId, {
      name: f.name, label: t(`f.${f.name}`), required: f.required, type: f.type, inputmode: f.decimal ? 'decimal' : f.inputmode,
      list: f.list ? suggestions(f.list) : undefined, placeholder: f.placeholder, wide: f.wide, readonly: key && f.key,
    })),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: `${formId}-submit` }, key ? t('common.save') : t('common.create')),
      key ? h('button', { type: 'button', class: 'secondary', id: `${formId}-reload`, onclick: () => fill() }, t('common.reload')) : null));

  async function fill() {
    clearProblem(form);
    try {
      const answer = await api('GET', `${res.path}/${encodeURIComponent(key)}`);
      etag = answer.etag;
      res.fields.forEach((f) => { form.elements[f.name].value = answer.data[f.name] ?? ''; });
    } catch (error) {
      showProblem(form, error);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    res.fields.forEach((f) => {
      const value = form.elements[f.name].value;
      body[f.name] = f.decimal ? amount(value) : text(value);
    });
    clearProblem(form);
    try {
      const submit = form.querySelector('button[type=submit]');
      if (key) {
        await busy(submit, () => api('PUT', `${res.path}/${encodeURIComponent(key)}`, { body, ifMatch: etag }));
        notify(t('common.saved', { key }));
      } else {
        const answer = await busy(submit, () => api('POST', res.path, { body, idempotencyKey }));
        idempotencyKey = uuid();
        notify(t('common.createdKey', { key: answer.data[res.key] }));
      }
      forget(kind);
      close();
      reload();
    } catch (error) {
      showProblem(form, error);
      if (error.status === 412) problem.append(h('button', { type: 'button', class: 'secondary', onclick: () => fill() }, t('common.reload')));
    }
  });
  const close = openDialog(key ? t(`${kind}.edit`, { key }) : t(`${kind}.new`), form);
  if (key) await fill();
}

/**
 * CSV import. Products go to the server's import (one report for the file); warehouses and
 * partners have no import endpoint, so each row is created on its own and reported the same way.
 */
function openImport(kind, reload) {
  const res = RESOURCES[kind];
  const formId = `import-form-${kind}`;
  const report = h('div', { id: `${formId}-report` });
  const problem = banner();
  const columns = res.fields.map((f) => f.name).join(', ');
  const form = h('form', { id: formId, class: 'grid' },
    h('div', { class: 'wide' }, problem),
    h('p', { class: 'wide hint muted' }, t('import.hint', { columns })),
    field(formId, { name: 'file', label: t('import.file'), type: 'file', accept: '.csv,text/csv' }),
    res.serverImport ? field(formId, { name: 'mode', label: t('import.mode'), type: 'select',
      options: [['create', t('import.create')], ['upsert', t('import.upsert')]] }) : null,
    field(formId, { name: 'csv', label: t('import.text'), type: 'textarea', wide: true, rows: 6 }),
    h('div', { class: 'buttons' }, h('button', { type: 'submit' }, t('import.run'))),
    h('div', { class: 'wide' }, report));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const file = form.elements.file.files[0];
    const csv = file ? await file.text() : form.elements.csv.value;
    try {
      const result = await busy(form.querySelector('button[type=submit]'), () => (res.serverImport
        ? api('POST', `/api/products/import${query({ mode: form.elements.mode.value })}`, { body: csv, idempotencyKey: uuid() }).then((r) => r.data)
        : importRows(res, csv)));
      report.replaceChildren(importReport(result));
      forget(kind);
      reload();
    } catch (error) {
      showProblem(form, error);
    }
  });
  openDialog(`${t('import.title')} · ${t(`${kind}.title`)}`, form);
}

async function importRows(res, csv) {
  const [header = [], ...rows] = parseCsv(csv);
  const names = header.map((name) => name.trim());
  const report = { totalRows: rows.length, created: 0, updated: 0, failed: 0, rows: [] };
  for (const [index, cells] of rows.entries()) {
    const body = {};
    names.forEach((name, i) => { body[name] = text(cells[i]); });
    try {
      await api('POST', res.path, { body, idempotencyKey: uuid() });
      report.created += 1;
      report.rows.push({ row: index + 1, sku: body[res.key], outcome: 'CREATED', errors: [] });
    } catch (error) {
      if (!(error instanceof ApiError) || error.status === 0) throw error;
      report.failed += 1;
      const errors = error.fieldErrors.length ? error.fieldErrors : [{ field: '', message: error.problem.detail || error.problem.title }];
      report.rows.push({ row: index + 1, sku: body[res.key], outcome: 'FAILED', errors });
    }
  }
  return report;
}

function importReport(result) {
  const kind = { CREATED: 'ok', UPDATED: 'info', FAILED: 'bad' };
  return h('div', {},
    h('p', { class: `banner ${result.failed ? 'warning' : 'success'}`, role: 'status' },
      t('import.summary', { total: result.totalRows, created: result.created, updated: result.updated, failed: result.failed })),
    table(null, [
      { label: t('import.row'), value: (r) => r.row, num: true },
      { label: t('f.code'), value: (r) => r.sku ?? '' },
      { label: t('import.outcome'), value: (r) => badge(t(`outcome.${r.outcome}`), kind[r.outcome]) },
      { label: t('import.errors'), value: (r) => r.errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ') },
    ], result.rows, { rowAttrs: (r) => ({ 'data-row': r.row }) }));
}
