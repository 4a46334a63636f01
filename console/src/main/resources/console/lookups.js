// Codes for the suggestions of code and SKU inputs (<datalist>), fetched on first use per tenant
// and kept for a minute. A suggestion only: the server still checks every code.
import { get } from './api.js';
import { settings } from './settings.js';
import { session } from './auth.js';
import { datalist } from './ui.js';

const KINDS = {
  warehouses: ['/api/warehouses', 'code'],
  suppliers: ['/api/suppliers', 'code'],
  customers: ['/api/customers', 'code'],
  products: ['/api/products', 'sku'],
};
const cache = new Map();
// Per tenant and, signed in, per user (another user's token may see other things, or nothing yet).
const owner = () => { const s = session(); return s ? `${s.tenant}|${s.sub}|${s.exp}` : settings().tenant; };

export function lookup(kind) {
  const id = `${owner()}|${kind}`;
  const hit = cache.get(id);
  if (hit && Date.now() - hit.at < 60000) return hit.items;
  const [path] = KINDS[kind];
  const items = get(`${path}?size=200&active=true&sort=name`).then((page) => page.items).catch(() => []);
  cache.set(id, { at: Date.now(), items });
  return items;
}

export function forget(kind) {
  cache.delete(`${owner()}|${kind}`);
}

/** The id of a datalist of {@code kind}'s codes (filled when they arrive). */
export function suggestions(kind) {
  const id = `list-${kind}`;
  const [, key] = KINDS[kind];
  datalist(id, []);
  lookup(kind).then((items) => datalist(id, items.map((item) => [item[key], item.name])));
  return id;
}
