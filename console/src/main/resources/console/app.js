// The console's shell: navigation (history routing; the server answers index.html for every
// screen's path), the language switch, who is signed in, the sign-in screen and the settings panel.
import { settings, saveSettings } from './settings.js';
import { t, translatePage, dateTime } from './i18n.js';
import { h, field, notify, banner, showProblem, clearProblem } from './ui.js';
import { ApiError, get } from './api.js';
import { decode, session, signIn, signOut, token } from './auth.js';
import * as dashboard from './dashboard.js';
import * as masterdata from './masterdata.js';
import * as orders from './orders.js';
import * as stock from './stock.js';
import * as inventory from './inventory.js';
import * as finance from './finance.js';
import * as reports from './reports.js';
import { taxSection } from './tax.js';

const ROUTES = {
  '/': ['dashboard', (main, q) => dashboard.render(main, q)],
  '/products': ['products', (main, q) => masterdata.render('products', main, q)],
  '/warehouses': ['warehouses', (main, q) => masterdata.render('warehouses', main, q)],
  '/suppliers': ['suppliers', (main, q) => masterdata.render('suppliers', main, q)],
  '/customers': ['customers', (main, q) => masterdata.render('customers', main, q)],
  '/purchase-orders': ['purchase-orders', (main, q) => orders.render('purchase', main, q)],
  '/sales-orders': ['sales-orders', (main, q) => orders.render('sales', main, q)],
  '/stock': ['stock', (main, q) => stock.render(main, q)],
  '/inventory': ['inventory', (main, q) => inventory.render(main, q)],
  '/finance': ['finance', (main, q) => finance.render(main, q)],
  '/reports': ['reports', (main, q) => reports.render(main, q)],
};

let cleanup = null;

/** Goes to {@code href} (a path with an optional query) without reloading the page. */
export function navigate(href, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  route();
}

function route() {
  if (cleanup) cleanup();
  cleanup = null;
  const path = location.pathname.replace(/\/+$/, '') || '/';
  const [name, render] = ROUTES[path] || ROUTES['/'];
  renderNav(name);
  const main = document.getElementById('main');
  main.replaceChildren();
  document.title = `${t(`nav.${name}`)} · ${t('app.title')}`;
  cleanup = render(main, new URLSearchParams(location.search)) || null;
}

function renderNav(active) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...Object.entries(ROUTES).map(([path, [name]]) =>
    h('a', { href: path, 'data-link': true, 'aria-current': name === active ? 'page' : null }, t(`nav.${name}`))));
  document.getElementById('open-settings').textContent = t('settings.open');
  renderAccount();
}

/** Who is signed in (from the token's payload: sub, tenant, roles) and sign-out; else a sign-in button. */
function renderAccount() {
  const box = document.getElementById('account');
  const s = session();
  if (!s) {
    box.replaceChildren(h('button', { type: 'button', id: 'sign-in', class: 'secondary', onclick: () => showSignIn() }, t('signin.open')));
    return;
  }
  const roles = s.roles.map((r) => t(`role.${r}`)).join(', ') || '—';
  box.replaceChildren(
    h('span', { id: 'who', class: 'who', title: t('signin.who', { sub: s.sub, tenant: s.tenant, roles }) },
      h('span', { class: 'who-sub', id: 'who-sub' }, s.sub || '—'), ' · ',
      h('span', { class: 'who-tenant', id: 'who-tenant' }, s.tenant || '—'), ' · ',
      h('span', { class: 'who-roles', id: 'who-roles', 'data-roles': s.roles.join(',') }, roles)),
    h('button', { type: 'button', id: 'sign-out', class: 'secondary', onclick: () => {
      signOut();
      notify(t('signin.signedOut'), 'info');
      showSignIn();
    } }, t('signin.signOut')));
}

/**
 * The sign-in screen, in place of the current screen (whose address stays, so signing in returns to it):
 * paste a token, or, where the local launcher offers them, take a development token. {@code reason}
 * says why (e.g. an expired token).
 */
export function showSignIn(reason) {
  if (cleanup) cleanup();
  cleanup = null;
  ['modal', 'settings'].forEach((id) => { const d = document.getElementById(id); if (d.open) d.close(); });
  renderNav(null);
  document.title = `${t('signin.title')} · ${t('app.title')}`;
  const main = document.getElementById('main');
  const form = h('form', { id: 'signin-form', class: 'grid', novalidate: true },
    field('signin', { name: 'token', label: t('signin.token'), type: 'textarea', wide: true, rows: 4, hint: t('signin.tokenHint') }),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: 'signin-submit' }, t('signin.submit'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearProblem(form);
    const value = form.elements.token.value.trim().replace(/^Bearer\s+/i, '');
    const claims = decode(value);
    const refuse = (message) => showProblem(form, new ApiError(400, { errors: [{ field: 'token', message }] }));
    if (!claims) return refuse(t('signin.notJwt'));
    if (typeof claims.exp === 'number' && claims.exp * 1000 <= Date.now()) {
      return refuse(t('signin.expiredAt', { time: dateTime(claims.exp * 1000) }));
    }
    if (!claims.tenant) return refuse(t('signin.noTenant'));
    return enter(value);
  });
  const dev = h('section', { id: 'devtoken', class: 'panel', hidden: true, 'aria-labelledby': 'devtoken-title' });
  main.replaceChildren(h('section', { id: 'signin', class: 'signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, t('signin.title')),
    reason ? h('div', { class: 'banner error', role: 'alert', id: 'signin-reason' }, reason) : null,
    h('div', { class: 'panel' }, h('p', {}, t('signin.intro')), form),
    dev));
  offerDevToken(dev);
  form.elements.token.focus();
}

/** Stores the token, asks the API once whether it takes it (a 401 brings the sign-in screen back), then shows the screen. */
async function enter(value) {
  signIn(value);
  try {
    await get('/api/warehouses?size=1');
  } catch (error) {
    if (error.status === 401) return;
  }
  const s = session();
  notify(t('signin.welcome', { sub: s.sub, tenant: s.tenant }));
  route();
}

/** The "use development token" form, shown only when the front door answers GET /local/dev-token (bin/psi-local). */
async function offerDevToken(section) {
  let offer = null;
  try {
    const response = await fetch('/local/dev-token', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (response.ok && (response.headers.get('Content-Type') || '').startsWith('application/json')) offer = await response.json();
  } catch {
    offer = null;
  }
  if (!offer || offer.offered !== true || !section.isConnected) return;
  const formId = 'devtoken';
  const problem = banner();
  const roles = (Array.isArray(offer.roles) ? offer.roles : []).map(String);
  const form = h('form', { id: `${formId}-form`, class: 'grid', novalidate: true },
    h('div', { class: 'wide' }, problem),
    field(formId, { name: 'tenant', label: t('settings.tenant'), value: settings().tenant || 'demo', required: true }),
    h('fieldset', { class: 'wide roles', id: `${formId}-roles` }, h('legend', {}, t('signin.roles')),
      roles.map((role) => field(formId, { name: `role-${role}`, id: `role-${role}`, label: t(`role.${role}`), type: 'checkbox', value: role === 'admin' }))),
    h('div', { class: 'buttons' }, h('button', { type: 'submit', id: `${formId}-submit` }, t('signin.devUse'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = { tenant: form.elements.tenant.value.trim(), roles: roles.filter((r) => form.elements[`role-${r}`].checked) };
    try {
      const response = await fetch('/local/dev-token', { method: 'POST', cache: 'no-store',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
      const data = await response.json().catch(() => ({}));
      if (!response.ok || !data.token) throw new ApiError(response.status, data);
      enter(data.token);
    } catch (error) {
      showProblem(form, error instanceof ApiError ? error : new ApiError(0, { detail: error.message }));
    }
  });
  section.replaceChildren(h('h2', { id: 'devtoken-title' }, t('signin.devTitle')),
    h('p', { class: 'hint muted' }, t('signin.devHint')), form);
  section.hidden = false;
}

/** Settings: currency and, while nobody is signed in with a token, the tenant of the API's local mode; the tenant's tax settings. */
export function openSettings() {
  const dialog = document.getElementById('settings');
  const s = settings();
  const signedIn = session();
  const form = h('form', { id: 'settings-form', class: 'grid', method: 'dialog' },
    signedIn
      ? h('p', { class: 'wide', id: 'set-tenant-from-token' }, t('settings.tenantFromToken', { tenant: signedIn.tenant }))
      : field('set', { name: 'tenant', label: t('settings.tenant'), value: s.tenant, hint: t('settings.tenantHint'), required: true }),
    field('set', { name: 'currency', label: t('settings.currency'), type: 'select', value: s.currency,
      options: ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'].map((c) => [c, c]) }),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'set-save' }, t('settings.save')),
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('settings.cancel'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const changes = { currency: form.elements.currency.value };
    if (form.elements.tenant) changes.tenant = form.elements.tenant.value.trim();
    saveSettings(changes);
    dialog.close();
    notify(t('settings.saved'));
    route();
  });
  dialog.replaceChildren(
    h('div', { class: 'dialog-head' }, h('h2', { id: 'settings-title' }, t('settings.title'))),
    h('div', { class: 'dialog-body' }, form, taxSection()));
  if (!dialog.open) dialog.showModal();
  (form.elements.tenant || form.elements.currency).focus();
}

function start() {
  const lang = document.getElementById('lang');
  lang.value = settings().lang;
  lang.addEventListener('change', () => {
    saveSettings({ lang: lang.value });
    translatePage();
    if (document.getElementById('signin')) showSignIn();
    else route();
  });
  document.getElementById('open-settings').addEventListener('click', () => openSettings());
  // Internal links change the screen without a reload; modified clicks keep their browser meaning.
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[data-link]');
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(link.getAttribute('href'));
    document.getElementById('main').focus();
  });
  window.addEventListener('popstate', route);
  // A 401: no token yet, or the token expired or was not accepted. Answers to requests sent under
  // another session (e.g. still in flight when the user signed in again) are not this session's.
  window.addEventListener('psi:auth', (event) => {
    const sent = event.detail.token || '';
    if (sent !== token()) return;
    if (sent) signOut();
    const shown = document.getElementById('signin-reason');
    const reason = sent ? t('signin.expired') : t('signin.required');
    if (document.getElementById('signin') && shown && shown.textContent === reason) return;
    showSignIn(reason);
  });
  translatePage();
  route();
}

start();
