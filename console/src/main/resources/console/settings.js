// The console's preferences: the tenant of the API's local mode (X-Tenant-Id, used only while nobody
// is signed in with a token), the language and the currency; kept in localStorage so a reload keeps
// them. The bearer token is not a preference: auth.js keeps it in sessionStorage.
const KEY = 'psi.console.settings';

function defaults() {
  const zh = (navigator.language || '').toLowerCase().startsWith('zh');
  return { tenant: 'demo', lang: zh ? 'zh-CN' : 'en', currency: 'CNY' };
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
    // A token an older console kept here is dropped: tokens live in sessionStorage only.
    const { token, ...kept } = stored && typeof stored === 'object' ? stored : {};
    current = { ...defaults(), ...kept };
  }
  return current;
}

export function saveSettings(changes) {
  current = { ...settings(), ...changes };
  localStorage.setItem(KEY, JSON.stringify(current));
  window.dispatchEvent(new CustomEvent('psi:settings', { detail: current }));
  return current;
}
