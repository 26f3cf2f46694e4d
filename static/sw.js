// Aurora's service worker: keeps the app itself on this device, so that a second visit works without
// a connection. Registered by boot.js once the app has verified a catalogue.
//
// The app shell is fetched network first (a new build is picked up at once), the saved copy answering
// when the network fails. The catalogue is not kept here: the app keeps the last catalogue that passed
// verification in its own Cache Storage bucket ("aurora-verified-catalogue", app/src/saved_catalogue.rs),
// so an update that fails its checks can never replace it. Every other request passes through untouched.
// Only same-origin GETs of static files are handled; the app sends nothing personal, so nothing personal
// is ever cached.
//
// Bump VERSION whenever the list of saved files or the rules below change: older shell caches are deleted.
const VERSION = 'aurora-offline-v3';
const OWN_CACHES = /^aurora-offline-/;
const SHELL = ['./', 'index.html', 'boot.js', 'app.js', 'app_bg.wasm', 'engine-worker.js', 'style.css', 'favicon.svg'];

const scoped = (path) => new URL(path, self.registration.scope).href;
const KEPT = new Set(SHELL.map(scoped));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll(SHELL);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (OWN_CACHES.test(name) && name !== VERSION) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (!KEPT.has(url.origin + url.pathname)) return;
  event.respondWith(networkFirst(request, url.origin + url.pathname));
});

async function networkFirst(request, page) {
  const cache = await caches.open(VERSION);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(page, response.clone());
    return response;
  } catch (error) {
    const saved = await cache.match(page);
    if (saved) return saved;
    throw error;
  }
}
