// The engine's Web Worker: loads the app's own wasm bundle, whose entry point sees it runs in a worker
// and serves the page's requests (app/src/engine_worker/). Download, verification, decoding, indexing
// and ranking happen here, so the page never stalls. A classic worker with a dynamic import, because
// gloo-worker starts classic workers; the bundle is an ES module.
import('./app.js').then((app) => app.default());
