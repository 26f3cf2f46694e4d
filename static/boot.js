// Starts the wasm app. A separate file, because the Content-Security-Policy forbids inline scripts.
import init from './app.js';

init();
