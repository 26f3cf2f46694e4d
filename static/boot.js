// Starts the wasm app. A separate file, because the Content-Security-Policy forbids inline scripts.
import init from './app.js';

// Offline use: the service worker (sw.js) is registered once the app has verified a catalogue, so it
// keeps a catalogue that passed the check, and a first visit does not download it twice at once.
addEventListener('aurora:catalogue-verified', () => {
  navigator.serviceWorker?.register('sw.js').catch(() => {});
}, { once: true });

init();
