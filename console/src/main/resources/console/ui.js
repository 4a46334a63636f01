// Small DOM helpers shared by every screen: elements, labelled fields with their error slots,
// problem+json display, tables, paging, dialogs and notices.
import { t } from './i18n.js';
import { can, requiredRoles, session } from './auth.js';
import { download } from './api.js';

/** h('button', {class: 'x', onclick: f}, 'text', child, ...): an element; null children are skipped. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = value;
    else if (key === 'value') el.value = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

let ids = 0;
export const nextId = (prefix) => `${prefix}-${++ids}`;

/**
 * A labelled input with a hint and an error slot; the input carries data-field (the JSON path the
 * server names in errors[].field) and is described by both. spec: {name, label, type, options,
 * required, hint, list, value, wide, inputmode, placeholder, field}.
 */
export function field(formId, spec) {
  const id = `${formId}-${spec.id || spec.name}`.replace(/[^\w-]/g, '_');
  const described = [`${id}-error`, spec.hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  let input;
  const common = {
    id, name: spec.name, 'data-field': spec.field || spec.name, 'aria-describedby': described,
    required: spec.required, autocomplete: 'off',
  };
  if (spec.type === 'select') {
    input = h('select', common, spec.options.map(([value, label]) => h('option', { value }, label)));
    if (spec.value !== undefined) input.value = spec.value;
  } else if (spec.type === 'textarea') {
    input = h('textarea', { ...common, rows: spec.rows || 4 });
    if (spec.value !== undefined && spec.value !== null) input.value = spec.value;
  } else if (spec.type === 'checkbox') {
    input = h('input', { ...common, type: 'checkbox', checked: spec.value ? true : undefined });
  } else {
    input = h('input', {
      ...common, type: spec.type || 'text', list: spec.list, inputmode: spec.inputmode, placeholder: spec.placeholder,
      value: spec.value ?? undefined, accept: spec.accept, readonly: spec.readonly,
    });
  }
  const cls = ['field', spec.wide ? 'wide' : null, spec.type === 'checkbox' ? 'check' : null].filter(Boolean).join(' ');
  const label = h('label', { for: id }, spec.label);
  return h('div', { class: cls },
    spec.type === 'checkbox' ? [input, label] : [label, input],
    spec.hint ? h('span', { class: 'hint', id: `${id}-hint` }, spec.hint) : null,
    h('span', { class: 'field-error', id: `${id}-error` }));
}

/** A decimal typed by a person as a decimal string ("2,5" → "2.5"), or null when empty. */
export function decimal(value) {
  const s = String(value ?? '').trim().replace(/\s/g, '').replace('，', ',');
  if (!s) return null;
  // Accept a decimal comma where no dot is given (e.g. "2,5").
  return s.includes('.') ? s.replace(/,/g, '') : s.replace(',', '.');
}

const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A decimal typed by a person as the API's JSON takes it: a JSON number with exactly the digits typed
 * (JSON.rawJSON where the browser has it, else a Number), null when empty, and the text itself when it is
 * no number at all, so that the server names the field ("must be a number") as for any other bad value.
 */
export function amount(value) {
  const s = decimal(value);
  if (s === null || !NUMBER.test(s)) return s;
  if (typeof JSON.rawJSON === 'function') {
    try {
      return JSON.rawJSON(s);
    } catch {
      // e.g. "007" or "2.": not how JSON spells a number; the Number below reads it
    }
  }
  return Number(s);
}

export const text = (value) => {
  const s = String(value ?? '').trim();
  return s === '' ? null : s;
};

/** The banner at the top of a form, and the field errors next to their fields. */
export function showProblem(form, error, { banner } = {}) {
  clearProblem(form);
  const box = banner || form.querySelector('.banner.form-problem');
  const unplaced = [];
  for (const fe of error.fieldErrors || []) {
    const input = form.querySelector(`[data-field="${CSS.escape(fe.field)}"]`);
    if (input) {
      input.setAttribute('aria-invalid', 'true');
      const slot = document.getElementById(`${input.id}-error`);
      if (slot) slot.textContent = slot.textContent ? `${slot.textContent}; ${fe.message}` : fe.message;
    } else {
      unplaced.push(`${fe.field}: ${fe.message}`);
    }
  }
  if (box) {
    box.className = 'banner form-problem error';
    box.replaceChildren(...problemParts(error, unplaced));
  }
  // Focus the first marked field in reading order, else the banner, so a keyboard user lands on the problem.
  const marked = form.querySelector('[aria-invalid="true"]');
  if (marked) marked.focus();
  else if (box) box.focus();
}

export function clearProblem(form) {
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  form.querySelectorAll('.field-error').forEach((el) => { el.textContent = ''; });
  const box = form.querySelector('.banner.form-problem');
  if (box) box.replaceChildren();
}

/** What an error says to a clerk: the problem's title and detail, or what a status means. */
export function problemParts(error, extra = []) {
  const p = error.problem || {};
  if (error.status === 0) return [h('p', {}, t('error.network'))];
  if (error.status === 412) return [h('p', { class: 'stale' }, t('error.stale'))];
  if (error.status === 401) return [h('p', {}, t('auth.401'))];
  if (error.status === 403) return [h('p', { class: 'forbidden' }, forbidden(error))];
  const parts = [h('p', {}, h('strong', {}, p.title || t('error.generic', { status: error.status })))];
  const fieldOnly = (error.fieldErrors || []).length > 0;
  if (fieldOnly) parts.push(h('p', {}, t('error.fix')));
  else if (p.detail) parts.push(h('p', { class: 'detail' }, p.detail));
  if (extra.length) parts.push(h('ul', {}, extra.map((e) => h('li', {}, e))));
  return parts;
}

/**
 * What a 403 says: the roles that would do (the problem's requiredRoles) and the ones the user has, or,
 * without requiredRoles (e.g. a token without a tenant), the server's detail.
 */
export function forbidden(error) {
  const p = error.problem || {};
  const roles = Array.isArray(p.requiredRoles) ? p.requiredRoles : [];
  const mine = session()?.roles || [];
  if (roles.length) return t('auth.403roles', { roles: roles.join(', '), mine: mine.join(', ') || '—' });
  return p.detail ? `${t('auth.403')} (${p.detail})` : t('auth.403');
}

/** A short text for an error (for notices): the 403 message, or the problem's detail or title. */
export function problemText(error) {
  if (error.status === 403) return forbidden(error);
  if (error.status === 401) return t('auth.401');
  if (error.status === 0) return t('error.network');
  return error.problem?.detail || error.message;
}

/**
 * Attributes for a button whose action is {@code method} {@code path}: none when the signed-in user's
 * roles allow it, else disabled with a tooltip naming the roles that would (the server decides anyway).
 */
export function allowedFor(method, path) {
  if (can(method, path)) return {};
  const roles = requiredRoles(method, path).join(', ');
  return { disabled: true, title: t('auth.needs', { roles }), 'data-required-roles': roles, 'aria-disabled': 'true' };
}

export function banner(kind = '') {
  return h('div', { class: `banner form-problem ${kind}`, tabindex: '-1', role: 'alert' });
}

/** Shows a short message in the live region at the top of the page. */
export function notify(message, kind = 'success') {
  const box = document.getElementById('notice');
  const item = h('div', { class: kind }, message);
  box.replaceChildren(item);
  clearTimeout(notify.timer);
  notify.timer = setTimeout(() => { if (item.isConnected) item.remove(); }, 8000);
}

export function errorBox(error) {
  return h('div', { class: 'banner error', role: 'alert' }, problemParts(error));
}

/**
 * A table. columns: [{label, value(row) → node|string, num}]; rowAttrs(row) adds attributes to a row.
 */
export function table(caption, columns, rows, { rowAttrs, empty } = {}) {
  const head = h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)));
  const body = rows.length === 0
    ? [h('tr', {}, h('td', { class: 'empty', colspan: columns.length }, empty || t('common.none')))]
    : rows.map((row) => h('tr', rowAttrs ? rowAttrs(row) : {}, columns.map((c) => h('td', { class: [c.num ? 'num' : null, c.cls].filter(Boolean).join(' ') || null }, c.value(row)))));
  return h('div', { class: 'table-wrap' }, h('table', {}, caption ? h('caption', {}, caption) : null, h('thead', {}, head), h('tbody', {}, body)));
}

/** "Page 2 of 5 · 93 items" with previous and next buttons; onPage(n) loads page n (from 0). */
export function pager(page, onPage) {
  const pages = Math.max(1, page.totalPages || 1);
  return h('div', { class: 'pager', role: 'navigation', 'aria-label': 'pagination' },
    h('button', { type: 'button', class: 'secondary', disabled: page.page <= 0, onclick: () => onPage(page.page - 1) }, t('common.prev')),
    h('span', { 'aria-live': 'polite' }, t('common.page', { page: page.page + 1, pages })),
    h('button', { type: 'button', class: 'secondary', disabled: page.page + 1 >= pages, onclick: () => onPage(page.page + 1) }, t('common.next')),
    h('span', { class: 'count' }, t('common.items', { n: page.totalItems })));
}

/** Opens the shared modal dialog with {@code content}; answers a function that closes it. */
export function openDialog(title, content, { onClose } = {}) {
  const dialog = document.getElementById('modal');
  const close = () => { if (dialog.open) dialog.close(); };
  dialog.replaceChildren(
    h('div', { class: 'dialog-head' }, h('h2', { id: 'modal-title' }, title),
      h('button', { type: 'button', class: 'secondary', onclick: close, 'aria-label': t('common.close') }, '×')),
    h('div', { class: 'dialog-body' }, content));
  dialog.onclose = () => onClose && onClose();
  if (!dialog.open) dialog.showModal();
  const first = dialog.querySelector('.dialog-body input:not([type=hidden]):not([readonly]), .dialog-body select, .dialog-body textarea');
  if (first) first.focus();
  return close;
}

export function badge(label, kind) {
  return h('span', { class: `badge ${kind}` }, label);
}

const STATUS_KIND = {
  SUBMITTED: 'info', PARTIALLY_RECEIVED: 'warn', RECEIVED: 'ok', CANCELLED: 'muted', PLACED: 'info', CONFIRMED: 'ok',
  REJECTED: 'bad', PARTIALLY_SHIPPED: 'warn', SHIPPED: 'ok', CANCELLING: 'warn',
};

export function statusBadge(status) {
  return h('span', { class: `badge ${STATUS_KIND[status] || 'muted'} status`, 'data-status': status }, t(`status.${status}`));
}

/** A form's submit button that shows it is busy while {@code work} runs. */
export async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/** A <datalist> of codes for an input's suggestions, filled once from a list endpoint. */
export function datalist(id, items) {
  const existing = document.getElementById(id);
  const list = existing || h('datalist', { id });
  list.replaceChildren(...items.map(([value, label]) => h('option', { value }, label)));
  if (!existing) document.body.append(list);
  return id;
}

/**
 * A link to a file of the API (a CSV report, a printed document). Its address is the real one, but a click
 * fetches it with the signed-in user's token (a plain link would carry none) and saves the answer under the
 * server's file name; an error answer is shown as a notice. attrs: extra attributes (id, class, data-*).
 */
export function fileLink(label, path, attrs = {}, fallback = 'download') {
  return h('a', { href: path, ...attrs, onclick: (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    saveFile(path, fallback);
  } }, label);
}

export async function saveFile(path, fallback) {
  try {
    const { blob, fileName } = await download(path, fallback);
    const url = URL.createObjectURL(blob);
    const a = h('a', { href: url, download: fileName, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    return fileName;
  } catch (error) {
    notify(problemText(error), 'error');
    return null;
  }
}
