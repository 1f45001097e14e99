// Hash routing: the address survives reloads and works with any static file server,
// and the server's SPA fallback is never needed for navigation.

function readHash(): string {
  const hash = location.hash.replace(/^#/, '');
  // Parameters stay encoded (URLSearchParams decodes them); a decoded "&" inside a value would split it.
  const query = hash.indexOf('?');
  const path = query < 0 ? decodeURIComponent(hash) : `${decodeURIComponent(hash.slice(0, query))}${hash.slice(query)}`;
  return path.startsWith('/') ? path : '/';
}

let path = $state(readHash());

window.addEventListener('hashchange', () => {
  path = readHash();
});

export const router = {
  get path(): string {
    return path;
  },
};

export function navigate(to: string): void {
  if (readHash() === to) return;
  location.hash = to;
}

/** Changes the address without adding a history entry (used for redirects). */
export function redirect(to: string): void {
  history.replaceState(history.state, '', `#${to}`);
  path = to;
}
