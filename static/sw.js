// Aurora's service worker: keeps the app and the last catalogue on this device, so that a second visit
// works without a connection. Registered by boot.js once the app has verified a catalogue.
//
// - The app shell and the catalogue's manifest.json and manifest.sig: network first (a new build or a
//   new catalogue is picked up at once), the saved copy when the network fails.
// - Content-addressed catalogue files (`<name>.<16 hex digits>.bin`): cache first; they never change.
//
// Nothing is trusted because it was saved: the app verifies the signature and every hash of a saved
// catalogue exactly as it does a downloaded one. Only same-origin GETs of static files pass through here;
// the app sends nothing personal, so nothing personal is ever cached.
//
// Bump VERSION whenever the list of saved files or the rules below change: older caches are deleted.
const VERSION = 'aurora-offline-v1';
const SHELL = ['./', 'index.html', 'boot.js', 'app.js', 'app_bg.wasm', 'style.css', 'favicon.svg'];
const MANIFEST = 'catalogue/manifest.json';
const SIGNATURE = 'catalogue/manifest.sig';
const CONTENT_ADDRESSED = /\/catalogue\/[\w.-]+\.[0-9a-f]{16}\.bin$/;

const scoped = (path) => new URL(path, self.registration.scope).href;
const KEPT = new Set([...SHELL, MANIFEST, SIGNATURE].map(scoped));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(VERSION);
    await cache.addAll(SHELL);
    await saveCatalogue(cache);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== VERSION) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  // Chromium's developer tools make these; fetching them from here would throw.
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  if (CONTENT_ADDRESSED.test(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, url));
  }
});

/// Saves the catalogue as published now: every file the manifest names, then the manifest itself, so a
/// saved manifest never names a file that is not saved.
async function saveCatalogue(cache) {
  const response = await fetch(MANIFEST, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`${MANIFEST}: HTTP ${response.status}`);
  const manifest = await response.clone().json();
  await cache.addAll([SIGNATURE, ...manifest.files.map((file) => `catalogue/${file.name}`)]);
  await cache.put(MANIFEST, response);
}

async function cacheFirst(request) {
  const cache = await caches.open(VERSION);
  const saved = await cache.match(request);
  if (saved) return saved;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request, url) {
  const cache = await caches.open(VERSION);
  const page = url.origin + url.pathname;
  try {
    const response = await fetch(request);
    if (response.ok && KEPT.has(page)) {
      await cache.put(page, response.clone());
      if (page === scoped(MANIFEST)) await forgetOldFiles(cache, response.clone());
    }
    return response;
  } catch (error) {
    const saved = await cache.match(page);
    if (saved) return saved;
    throw error;
  }
}

/// Deletes saved catalogue files that the newest manifest no longer names.
async function forgetOldFiles(cache, manifestResponse) {
  let names;
  try {
    names = new Set((await manifestResponse.json()).files.map((file) => scoped(`catalogue/${file.name}`)));
  } catch {
    return;
  }
  for (const request of await cache.keys()) {
    if (CONTENT_ADDRESSED.test(new URL(request.url).pathname) && !names.has(request.url)) {
      await cache.delete(request);
    }
  }
}
