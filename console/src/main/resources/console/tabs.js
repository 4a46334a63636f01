// Tabs of a screen as links (?tab=...), so that each tab has an address and works with the keyboard.
import { h } from './ui.js';

export function tabs(path, active, entries, extra = '') {
  return h('nav', { class: 'tabs', 'aria-label': 'tabs' }, entries.map(([name, label]) =>
    h('a', { href: `${path}?tab=${name}${extra}`, 'data-link': true, 'data-tab': name, 'aria-current': name === active ? 'page' : null }, label)));
}
