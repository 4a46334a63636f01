// Moving between screens from inside a screen (the shell listens to popstate and renders).
export function go(href) {
  history.pushState(null, '', href);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Records a screen's search and page in the address (so reload and back keep them) without re-rendering. */
export function keepQuery(params) {
  const q = new URLSearchParams();
  Object.entries(params).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '' && v !== 0 && v !== '0') q.set(k, v);
  });
  const s = q.toString();
  history.replaceState(null, '', `${location.pathname}${s ? `?${s}` : ''}`);
}
