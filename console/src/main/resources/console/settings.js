// Who the console acts as: the tenant (X-Tenant-Id) and an optional bearer token, the language and
// the currency; kept in localStorage so a reload keeps them.
const KEY = 'psi.console.settings';

function defaults() {
  const zh = (navigator.language || '').toLowerCase().startsWith('zh');
  return { tenant: 'demo', token: '', lang: zh ? 'zh-CN' : 'en', currency: 'CNY' };
}

let current = null;

export function settings() {
  if (!current) {
    let stored = {};
    try {
      stored = JSON.parse(localStorage.getItem(KEY) || '{}');
    } catch {
      stored = {};
    }
    current = { ...defaults(), ...stored };
  }
  return current;
}

export function saveSettings(changes) {
  current = { ...settings(), ...changes };
  localStorage.setItem(KEY, JSON.stringify(current));
  window.dispatchEvent(new CustomEvent('psi:settings', { detail: current }));
  return current;
}
