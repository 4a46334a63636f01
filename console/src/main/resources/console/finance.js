// Receivables (customers) and payables (suppliers): the partners' balances by age, then one partner's
// balance, open documents, a receipt (payment) allocated against one or several of them, partly or in
// full, and a statement for a period. Everything is finance's answer; nothing is computed here.
import { api, get, query, uuid } from './api.js';
import { t, money, date } from './i18n.js';
import { h, field, text, decimal, amount, showProblem, clearProblem, banner, notify, errorBox, table, busy, allowedFor } from './ui.js';
import { keepQuery } from './nav.js';
import { suggestions } from './lookups.js';
import { tabs } from './tabs.js';
import { card } from './inventory.js';

const SIDES = {
  receivables: {
    side: 'RECEIVABLE', partners: 'customers', partnerLabel: 'so.customer', partnerField: 'customerCode',
    documents: '/api/finance/receivables', accounts: '/api/finance/customers', settle: '/api/finance/receipts',
    settleLabel: 'fin.recordReceipt', paidLabel: 'fin.received',
  },
  payables: {
    side: 'PAYABLE', partners: 'suppliers', partnerLabel: 'po.supplier', partnerField: 'supplierCode',
    documents: '/api/finance/payables', accounts: '/api/finance/suppliers', settle: '/api/finance/payments',
    settleLabel: 'fin.recordPayment', paidLabel: 'fin.paid',
  },
};

export function render(main, params) {
  const tab = SIDES[params.get('tab')] ? params.get('tab') : 'receivables';
  const kind = SIDES[tab];
  const state = { asOf: params.get('asOf') || '', partner: params.get('partner') || '' };
  const formId = 'search-finance';
  const form = h('form', { class: 'toolbar', role: 'search', id: formId },
    field(formId, { name: 'asOf', label: t('fin.asOf'), type: 'date', value: state.asOf }),
    field(formId, { name: 'partner', label: t(kind.partnerLabel), value: state.partner, list: suggestions(kind.partners) }),
    h('button', { type: 'submit' }, t('inv.show')));
  const aging = h('section', { id: 'fin-aging', 'aria-label': t('fin.aging') });
  const partner = h('section', { id: 'fin-partner' });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.asOf = form.elements.asOf.value;
    state.partner = form.elements.partner.value.trim();
    load();
  });

  function select(code) {
    state.partner = code;
    form.elements.partner.value = code;
    load();
  }

  function load() {
    keepQuery({ tab, asOf: state.asOf, partner: state.partner });
    loadAging();
    if (state.partner) showPartner(kind, state.partner, partner, load);
    else partner.replaceChildren();
  }

  let latest = 0;
  async function loadAging() {
    // Only the last request's answer is shown (an earlier, slower one must not replace it).
    const mine = ++latest;
    clearProblem(form);
    try {
      const answer = await get(`/api/finance/aging${query({ side: kind.side, asOf: state.asOf })}`);
      if (mine === latest) aging.replaceChildren(agingTable(kind, answer, select));
    } catch (error) {
      if (mine !== latest) return;
      const problem = banner();
      aging.replaceChildren(problem);
      showProblem(form, error, { banner: problem });
    }
  }

  main.append(h('h1', {}, t('fin.title')),
    tabs('/finance', tab, [['receivables', t('fin.receivables')], ['payables', t('fin.payables')]]),
    h('div', { class: 'panel' }, form), aging, partner);
  load();
}

function agingTable(kind, answer, select) {
  const bucket = (label, key, cls) => ({ label, value: (r) => money(r[key]), num: true, cls });
  const rows = [...answer.rows, { ...answer.total, total: true }];
  return table(`${t('fin.aging')} · ${date(answer.asOf)}`, [
    { label: t(kind.partnerLabel), value: (r) => (r.total ? h('strong', {}, t('common.total'))
      : h('button', { type: 'button', class: 'link', 'data-action': 'partner', onclick: () => select(r.partnerCode) }, r.partnerCode)) },
    bucket(t('fin.days0To30'), 'days0To30', 'b0'),
    bucket(t('fin.days31To60'), 'days31To60', 'b31'),
    bucket(t('fin.days61To90'), 'days61To90', 'b61'),
    bucket(t('fin.over90'), 'over90', 'b90'),
    bucket(t('fin.unapplied'), 'unapplied', 'unapplied'),
    bucket(t('fin.balance'), 'balance', 'balance'),
  ], rows, { rowAttrs: (r) => (r.total ? { class: 'total', 'data-key': 'TOTAL' } : { 'data-key': r.partnerCode }) });
}

/** One partner: balance cards, the open documents with the settlement form, and the statement. */
async function showPartner(kind, code, section, reload) {
  const enc = encodeURIComponent(code);
  section.replaceChildren(h('p', { class: 'muted' }, t('common.loading')));
  let balance;
  let open;
  const mine = String(Number(section.dataset.loading || 0) + 1);
  section.dataset.loading = mine;
  try {
    [balance, open] = await Promise.all([get(`${kind.accounts}/${enc}/balance`),
      get(`${kind.documents}${query({ [kind.partnerField]: code, status: 'OPEN', size: 100 })}`)]);
  } catch (error) {
    if (section.dataset.loading === mine) section.replaceChildren(errorBox(error));
    return;
  }
  if (section.dataset.loading !== mine) return;
  section.replaceChildren(
    h('h2', {}, t('fin.partner', { code })),
    h('div', { class: 'cards', id: 'fin-balance' },
      card(t('fin.balance'), money(balance.balance), t('fin.openDocuments', { n: balance.openDocuments }), 'balance'),
      card(t(kind.side === 'RECEIVABLE' ? 'fin.invoiced' : 'fin.billed'), money(balance.invoiced), '', 'invoiced'),
      card(t(kind.side === 'RECEIVABLE' ? 'fin.credited' : 'fin.debited'), money(balance.credited), '', 'credited'),
      card(t(kind.paidLabel), money(balance.paid), '', 'paid')),
    settleForm(kind, code, open.items, reload),
    statementPanel(kind, code));
}

/** The open documents, each with the amount to allocate now, and the receipt's (payment's) own fields. */
function settleForm(kind, code, documents, reload) {
  const formId = 'form-settle';
  let idempotencyKey = uuid();
  const inputs = [];
  const rows = documents.map((d, i) => {
    const input = h('input', { id: `${formId}-alloc-${i}`, inputmode: 'decimal', autocomplete: 'off', 'data-document': d.number,
      'aria-label': t('fin.allocateTo', { number: d.number }), 'aria-describedby': `${formId}-alloc-${i}-error` });
    inputs.push(input);
    return h('tr', { 'data-key': d.number },
      h('td', {}, d.number), h('td', {}, t(`fin.kind.${d.kind}`)), h('td', {}, d.orderNumber ?? ''),
      h('td', { class: 'nowrap' }, date(d.documentDate)),
      h('td', { class: 'num amount' }, money(d.amount)), h('td', { class: 'num settled' }, money(d.settled)),
      h('td', { class: 'num open' }, money(d.open)),
      h('td', { class: 'num' }, input, h('span', { class: 'field-error', id: `${formId}-alloc-${i}-error` })));
  });
  const fill = () => {
    // Spreads the amount over the documents, oldest first (the list is newest first).
    let left = Number(decimal(form.elements.amount.value) || 0);
    [...inputs].reverse().forEach((input, j) => {
      const d = documents[documents.length - 1 - j];
      const take = Math.max(0, Math.min(left, Number(d.open)));
      input.value = take > 0 ? String(Math.round(take * 100) / 100) : '';
      left -= take;
    });
  };
  const form = h('form', { id: formId, class: 'panel', novalidate: true },
    h('h3', {}, t(kind.settleLabel)),
    banner(),
    h('div', { class: 'grid' },
      field(formId, { name: 'amount', label: t('common.amount'), inputmode: 'decimal', required: true }),
      field(formId, { name: 'date', label: t('fin.date'), type: 'date', hint: t('fin.dateHint') }),
      field(formId, { name: 'reference', label: t('fin.reference') }),
      field(formId, { name: 'note', label: t('common.note') })),
    h('div', { class: 'table-wrap' }, h('table', { class: 'lines', id: 'fin-open' },
      h('caption', {}, t('fin.openDocumentsOf', { code })),
      h('thead', {}, h('tr', {}, [t('order.number'), t('fin.kind'), t('fin.order'), t('fin.date'), t('common.amount'),
        t('fin.settled'), t('fin.open'), t('fin.allocate')].map((label, i) => h('th', { scope: 'col', class: i > 3 ? 'num' : null }, label)))),
      h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: 8, class: 'empty' }, t('fin.nothingOpen')))))),
    h('span', { class: 'field-error', id: `${formId}-allocations-error`, 'data-field-slot': 'allocations' }),
    h('div', { class: 'buttons' },
      h('button', { type: 'button', class: 'secondary', id: `${formId}-fill`, onclick: fill }, t('fin.fill')),
      h('button', { type: 'submit', id: `${formId}-submit`, ...allowedFor('POST', kind.settle) }, t(kind.settleLabel))));
  // "allocations" (none given) has no input of its own: the table's error line carries it.
  const slot = form.querySelector(`#${formId}-allocations-error`);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    const allocations = [];
    inputs.forEach((input) => {
      input.removeAttribute('data-field');
      if (decimal(input.value) !== null) {
        input.dataset.field = `allocations[${allocations.length}].amount`;
        allocations.push({ documentNumber: input.dataset.document, amount: amount(input.value) });
      }
    });
    const body = { [kind.partnerField]: code, amount: amount(form.elements.amount.value), date: text(form.elements.date.value),
      reference: text(form.elements.reference.value), note: text(form.elements.note.value), allocations };
    try {
      const answer = await busy(form.querySelector('button[type=submit]'), () => api('POST', kind.settle, { body, idempotencyKey }));
      idempotencyKey = uuid();
      notify(t('fin.recorded', { number: answer.data.number, allocated: money(answer.data.allocated), unallocated: money(answer.data.unallocated) }));
      reload();
    } catch (error) {
      const general = (error.fieldErrors || []).filter((e) => e.field === 'allocations').map((e) => e.message);
      showProblem(form, error);
      slot.textContent = general.join('; ');
    }
  });
  return form;
}

function statementPanel(kind, code) {
  const formId = 'form-statement';
  const result = h('div', { id: 'fin-statement' });
  const form = h('form', { id: formId, class: 'toolbar', novalidate: true },
    field(formId, { name: 'from', label: t('common.from'), type: 'date', hint: t('fin.fromHint') }),
    field(formId, { name: 'to', label: t('common.to'), type: 'date', hint: t('fin.toHint') }),
    h('button', { type: 'submit', id: `${formId}-submit` }, t('fin.showStatement')));
  const problem = banner();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblem(form);
    problem.replaceChildren();
    try {
      const s = await get(`${kind.accounts}/${encodeURIComponent(code)}/statement${query({ from: form.elements.from.value, to: form.elements.to.value })}`);
      result.replaceChildren(
        h('div', { class: 'cards' },
          card(t('fin.opening'), money(s.openingBalance), date(s.from), 'opening'),
          card(t('fin.closing'), money(s.closingBalance), date(s.to), 'closing')),
        table(t('fin.statementOf', { code, from: date(s.from), to: date(s.to) }), [
          { label: t('fin.date'), value: (l) => date(l.date), cls: 'nowrap' },
          { label: t('fin.kind'), value: (l) => t(`fin.kind.${l.type}`) },
          { label: t('order.number'), value: (l) => l.number },
          { label: t('fin.order'), value: (l) => l.orderNumber ?? '' },
          { label: t('fin.debit'), value: (l) => (Number(l.debit) ? money(l.debit) : ''), num: true, cls: 'debit' },
          { label: t('fin.credit'), value: (l) => (Number(l.credit) ? money(l.credit) : ''), num: true, cls: 'credit' },
          { label: t('fin.balance'), value: (l) => money(l.balance), num: true, cls: 'balance' },
        ], s.lines, { rowAttrs: (l) => ({ 'data-key': l.number, 'data-type': l.type }) }));
    } catch (error) {
      result.replaceChildren();
      showProblem(form, error, { banner: problem });
    }
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'fin-statement-title' },
    h('h3', { id: 'fin-statement-title' }, t('fin.statement')), problem, form, result);
}
