// The editable lines of a document (order, transfer): SKU with suggestions, quantity, optionally a
// unit price. Inputs are named lines[i].sku / lines[i].quantity / lines[i].unitPrice, the paths the
// server names in its field errors, so an error lands next to its cell.
import { t, money } from './i18n.js';
import { h, decimal, amount, text } from './ui.js';
import { suggestions, lookup } from './lookups.js';

/**
 * options: {price: 'purchase' | 'sale' | null}. With 'sale' an empty price means the product's
 * sale price, shown as the placeholder and a hint; with 'purchase' the purchase price is filled in.
 */
export function linesEditor(formId, { price = null } = {}) {
  const list = suggestions('products');
  const body = h('tbody');
  const wrap = h('div', { class: 'field wide' },
    h('div', { class: 'table-wrap', id: `${formId}-lines`, 'data-field': 'lines', tabindex: '-1', 'aria-describedby': `${formId}-lines-error` },
      h('table', { class: 'lines' },
        h('caption', {}, t('order.lines')),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, '#'), h('th', { scope: 'col' }, t('common.sku')), h('th', { scope: 'col' }, t('common.product')),
          h('th', { scope: 'col', class: 'num' }, t('common.quantity')),
          price ? h('th', { scope: 'col', class: 'num' }, t('common.unitPrice')) : null,
          price ? h('th', { scope: 'col', class: 'num' }, t('common.amount')) : null,
          h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, t('common.actions'))))),
        body)),
    h('span', { class: 'field-error', id: `${formId}-lines-error` }),
    h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'secondary', id: `${formId}-add-line`, onclick: () => addLine() }, t('common.addLine'))));

  function renumber() {
    [...body.children].forEach((row, i) => {
      row.querySelector('.line-no').textContent = i + 1;
      row.querySelectorAll('[data-part]').forEach((input) => {
        const part = input.dataset.part;
        input.dataset.field = `lines[${i}].${part}`;
        input.id = `${formId}-line-${i}-${part}`;
        input.setAttribute('aria-describedby', `${input.id}-error`);
        input.nextElementSibling.id = `${input.id}-error`;
        input.setAttribute('aria-label', `${t('common.line')} ${i + 1}: ${labelOf(part)}`);
      });
      row.querySelector('.remove').setAttribute('aria-label', t('common.removeLine', { n: i + 1 }));
    });
  }

  function labelOf(part) {
    return { sku: t('common.sku'), quantity: t('common.quantity'), unitPrice: t('common.unitPrice') }[part];
  }

  function cell(part, attrs = {}) {
    return h('td', { class: part === 'sku' ? null : 'num' },
      h('input', { 'data-part': part, autocomplete: 'off', ...attrs }), h('span', { class: 'field-error' }));
  }

  function addLine(initial = {}) {
    const name = h('span', { class: 'product-name muted' });
    const amount = h('span', { class: 'amount' });
    const row = h('tr', {},
      h('td', { class: 'line-no' }),
      cell('sku', { list, value: initial.sku }),
      h('td', {}, name),
      cell('quantity', { inputmode: 'decimal', value: initial.quantity }),
      price ? cell('unitPrice', { inputmode: 'decimal', value: initial.unitPrice }) : null,
      price ? h('td', { class: 'num' }, amount) : null,
      h('td', {}, h('button', { type: 'button', class: 'danger remove', onclick: () => { row.remove(); renumber(); } }, '×')));
    const sku = row.querySelector('[data-part=sku]');
    const qty = row.querySelector('[data-part=quantity]');
    const unitPrice = row.querySelector('[data-part=unitPrice]');
    let defaultPrice = null;
    const refresh = () => {
      if (!price) return;
      const p = Number(decimal(unitPrice.value) ?? defaultPrice);
      const q = Number(decimal(qty.value));
      amount.textContent = Number.isFinite(p * q) && qty.value ? money(p * q) : '';
    };
    sku.addEventListener('change', async () => {
      const product = (await lookup('products')).find((p) => p.sku.toLowerCase() === sku.value.trim().toLowerCase());
      name.textContent = product ? product.name : '';
      defaultPrice = null;
      if (product && price === 'sale') {
        defaultPrice = product.salePrice;
        unitPrice.placeholder = money(product.salePrice);
        unitPrice.title = t('so.priceDefault', { price: money(product.salePrice) });
        name.textContent = `${product.name} · ${t('so.priceDefault', { price: money(product.salePrice) })}`;
      } else if (product && price === 'purchase' && !unitPrice.value) {
        unitPrice.value = product.purchasePrice ?? '';
      }
      refresh();
    });
    qty.addEventListener('input', refresh);
    if (unitPrice) unitPrice.addEventListener('input', refresh);
    body.append(row);
    renumber();
    return row;
  }

  addLine();
  return {
    element: wrap,
    addLine,
    /** The lines as the API takes them, every row in its place (so a field error names the row shown). */
    values() {
      return [...body.children].map((row) => {
        const get = (part) => row.querySelector(`[data-part=${part}]`);
        const line = { sku: text(get('sku').value), quantity: amount(get('quantity').value) };
        if (price) line.unitPrice = amount(get('unitPrice').value);
        return line;
      });
    },
  };
}
