// The tenant's tax settings (catalog's /api/settings/tax), in the settings panel: every role reads them,
// admins change them with the version they read (If-Match), so a change someone made meanwhile is a 412
// that says so and offers a reload rather than being overwritten.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, field, amount, showProblem, clearProblem, banner, notify, busy, allowedFor, problemParts } from './ui.js';
import { can } from './auth.js';

const PATH = '/api/settings/tax';

export function taxSection() {
  const section = h('section', { id: 'tax-settings', class: 'wide', 'aria-labelledby': 'tax-title' },
    h('h3', { id: 'tax-title' }, t('tax.title')), h('p', { class: 'muted' }, t('common.loading')));
  load(section);
  return section;
}

async function load(section) {
  let answer;
  try {
    // Not announced: a 401 here (nobody signed in) must not take the settings panel away.
    answer = await api('GET', PATH, { announce: false });
  } catch (error) {
    section.replaceChildren(h('h3', { id: 'tax-title' }, t('tax.title')),
      h('div', { class: 'banner error', role: 'alert', id: 'tax-error' }, problemParts(error)));
    return;
  }
  const formId = 'form-tax';
  const allowed = can('PUT', PATH);
  const tax = answer.data;
  let etag = answer.etag || `"${tax.version}"`;
  const form = h('form', { id: formId, class: 'grid', novalidate: true },
    h('div', { class: 'wide' }, banner()),
    field(formId, { name: 'defaultTaxRate', label: t('tax.defaultRate'), inputmode: 'decimal', value: String(tax.defaultTaxRate),
      hint: t('tax.rateHint'), readonly: !allowed, required: true }),
    field(formId, { name: 'pricesIncludeTax', label: t('tax.pricesIncludeTax'), type: 'checkbox', value: tax.pricesIncludeTax }),
    h('p', { class: 'wide hint muted' }, allowed ? t('tax.effect') : t('tax.readOnly')),
    h('div', { class: 'buttons' },
      h('button', { type: 'submit', id: `${formId}-submit`, ...allowedFor('PUT', PATH) }, t('tax.save')),
      h('button', { type: 'button', class: 'secondary', id: `${formId}-reload`, onclick: () => load(section) }, t('common.reload'))));
  if (!allowed) form.elements.pricesIncludeTax.disabled = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const body = { defaultTaxRate: amount(form.elements.defaultTaxRate.value), pricesIncludeTax: form.elements.pricesIncludeTax.checked };
    try {
      const saved = await busy(form.querySelector('button[type=submit]'), () => api('PUT', PATH, { body, ifMatch: etag }));
      etag = saved.etag || `"${saved.data.version}"`;
      notify(t('tax.saved', { rate: saved.data.defaultTaxRate }));
    } catch (error) {
      showProblem(form, error);
    }
  });
  section.replaceChildren(h('h3', { id: 'tax-title' }, t('tax.title')), form);
}
