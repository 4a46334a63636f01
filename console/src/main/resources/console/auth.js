// Who is signed in: the bearer token (kept in sessionStorage, so it ends with the browser tab), the
// claims of its payload (sub, tenant, roles; shown, never trusted: the API verifies the signature), and
// what those roles may do, from the permission table of docs/security.md (ConsoleServerTest keeps this
// copy equal to it). Without a token the console runs against the API's local mode, which allows all.
const KEY = 'psi.console.token';

export const ROLES = ['admin', 'purchaser', 'sales', 'warehouse', 'viewer'];

// [methods, path, roles] exactly as the table in docs/security.md says them; the first matching row decides.
export const PERMISSIONS = [
  ['GET', '/api/audit', 'admin'],
  ['POST', '/api/products/import', 'admin'],
  ['DELETE POST PUT', '/api/products/**', 'admin'],
  ['DELETE POST PUT', '/api/warehouses/**', 'admin'],
  ['DELETE POST PUT', '/api/suppliers/**', 'admin, purchaser'],
  ['DELETE POST PUT', '/api/customers/**', 'admin, sales'],
  ['GET', '/api/products/**', 'every role'],
  ['GET', '/api/warehouses/**', 'every role'],
  ['GET', '/api/suppliers/**', 'every role'],
  ['GET', '/api/customers/**', 'every role'],
  ['PUT', '/api/settings/tax', 'admin'],
  ['GET', '/api/settings/**', 'every role'],
  ['POST', '/api/purchase-orders', 'admin, purchaser'],
  ['POST', '/api/purchase-orders/*/submit', 'admin, purchaser'],
  ['POST', '/api/purchase-orders/*/approve', 'admin'],
  ['POST', '/api/purchase-orders/*/reject', 'admin'],
  ['POST', '/api/purchase-orders/*/cancel', 'admin, purchaser'],
  ['POST', '/api/purchase-orders/*/receipts', 'admin, warehouse'],
  ['POST', '/api/purchase-orders/*/returns', 'admin, purchaser, warehouse'],
  ['GET', '/api/purchase-orders/*/receipts/*/goods-received-note', 'every role'],
  ['GET', '/api/purchase-orders/**', 'every role'],
  ['POST', '/api/sales-orders', 'admin, sales'],
  ['POST', '/api/sales-orders/*/cancel', 'admin, sales'],
  ['POST', '/api/sales-orders/*/shipments', 'admin, warehouse'],
  ['POST', '/api/sales-orders/*/returns', 'admin, sales, warehouse'],
  ['GET', '/api/sales-orders/*/shipments/*/delivery-note', 'every role'],
  ['GET', '/api/sales-orders/*/shipments/*/invoice', 'every role'],
  ['GET', '/api/sales-orders/**', 'every role'],
  ['POST', '/api/stock/adjustments', 'admin, warehouse'],
  ['POST', '/api/stock/transfers', 'admin, warehouse'],
  ['POST', '/api/stocktakes', 'admin, warehouse'],
  ['GET', '/api/stock/**', 'every role'],
  ['GET', '/api/stocktakes/**', 'every role'],
  ['GET', '/api/replenishment/**', 'every role'],
  ['GET', '/api/inventory/**', 'every role'],
  ['GET', '/api/reports/**', 'admin, purchaser, sales, viewer'],
  ['POST', '/api/finance/receipts', 'admin, sales'],
  ['POST', '/api/finance/payments', 'admin, purchaser'],
  ['GET', '/api/finance/**', 'admin, purchaser, sales, viewer'],
];

function matches(pattern, path) {
  const want = pattern.split('/');
  const got = path.split('?')[0].split('/');
  for (let i = 0; i < want.length; i += 1) {
    if (want[i] === '**' && i === want.length - 1) return got.length >= i;
    if (i >= got.length) return false;
    if (want[i] !== '*' && want[i] !== got[i]) return false;
    if (want[i] === '*' && got[i] === '') return false;
  }
  return got.length === want.length;
}

/** The roles that may call {@code method} {@code path} (empty: nobody). */
export function requiredRoles(method, path) {
  const m = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const row = PERMISSIONS.find(([methods, pattern]) => methods.split(' ').includes(m) && matches(pattern, path));
  if (!row) return [];
  return row[2] === 'every role' ? [...ROLES] : row[2].split(', ');
}

/** The payload of a JWT as an object, or null when it is not one. */
export function decode(token) {
  const parts = String(token || '').split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4)), (c) => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes));
    return claims && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

export function token() {
  try {
    return sessionStorage.getItem(KEY) || '';
  } catch {
    return '';
  }
}

/** {sub, tenant, roles, exp} of the stored token, or null when nobody is signed in. */
export function session() {
  const raw = token();
  const claims = raw ? decode(raw) : null;
  if (!claims) return null;
  const roles = Array.isArray(claims.roles) ? claims.roles
    : typeof claims.roles === 'string' ? claims.roles.split(/[\s,]+/) : [];
  return {
    sub: claims.sub ? String(claims.sub) : '', tenant: claims.tenant ? String(claims.tenant) : '',
    roles: roles.map((r) => String(r).toLowerCase()).filter(Boolean), exp: typeof claims.exp === 'number' ? claims.exp : null,
  };
}

export function signIn(value) {
  sessionStorage.setItem(KEY, value);
  window.dispatchEvent(new CustomEvent('psi:session'));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
  window.dispatchEvent(new CustomEvent('psi:session'));
}

/**
 * Whether the signed-in user's roles allow {@code method} {@code path}. Nobody signed in: the API runs
 * in local mode (or answers 401 and the console asks to sign in), so nothing is held back here.
 */
export function can(method, path) {
  const s = session();
  if (!s) return true;
  return requiredRoles(method, path).some((role) => s.roles.includes(role));
}
