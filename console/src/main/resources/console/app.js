// The console's shell: navigation (history routing; the server answers index.html for every
// screen's path), the language switch and the sign-in / settings panel.
import { settings, saveSettings } from './settings.js';
import { t, translatePage } from './i18n.js';
import { h, field, notify } from './ui.js';
import * as dashboard from './dashboard.js';
import * as masterdata from './masterdata.js';
import * as orders from './orders.js';
import * as stock from './stock.js';
import * as inventory from './inventory.js';

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
  document.getElementById('open-settings').textContent = t('settings.open', { tenant: settings().tenant || '—' });
}

/** The sign-in panel: tenant, optional bearer token, currency. {@code reason} explains a 401/403. */
export function openSettings(reason) {
  const dialog = document.getElementById('settings');
  const s = settings();
  const form = h('form', { id: 'settings-form', class: 'grid', method: 'dialog' },
    reason ? h('div', { class: 'banner error wide', role: 'alert', id: 'auth-reason' }, reason) : null,
    field('set', { name: 'tenant', label: t('settings.tenant'), value: s.tenant, hint: t('settings.tenantHint'), required: true }),
    field('set', { name: 'currency', label: t('settings.currency'), type: 'select', value: s.currency,
      options: ['CNY', 'USD', 'EUR', 'HKD', 'JPY', 'GBP'].map((c) => [c, c]) }),
    field('set', { name: 'token', label: t('settings.token'), type: 'textarea', value: s.token, hint: t('settings.tokenHint'), wide: true, rows: 3 }),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: 'set-save' }, t('settings.save')),
      h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, t('settings.cancel')),
      h('button', { type: 'button', class: 'danger', onclick: () => { form.elements.token.value = ''; } }, t('settings.signOut'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    saveSettings({
      tenant: form.elements.tenant.value.trim(),
      token: form.elements.token.value.trim().replace(/^Bearer\s+/i, ''),
      currency: form.elements.currency.value,
    });
    dialog.close();
    notify(t('settings.saved'));
    route();
  });
  dialog.replaceChildren(
    h('div', { class: 'dialog-head' }, h('h2', { id: 'settings-title' }, t('settings.title'))),
    h('div', { class: 'dialog-body' }, form));
  if (!dialog.open) dialog.showModal();
  form.elements.tenant.focus();
}

function start() {
  const lang = document.getElementById('lang');
  lang.value = settings().lang;
  lang.addEventListener('change', () => {
    saveSettings({ lang: lang.value });
    translatePage();
    route();
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
  window.addEventListener('psi:auth', (event) => {
    openSettings(event.detail.status === 403 ? t('auth.403') : t('auth.401'));
  });
  translatePage();
  route();
}

start();
