// The page of `cargo xtask bench browser`: Aurora's engine (wasm) and MiniSearch in the same Chromium page.
//
// The part after `#` picks what one page load does, so that each measurement has the page to itself:
//   #aurora      download the catalogue in the first query's language, verify + decode + index it, answer
//                the first query (load timings; the driver then reads the JS heap, and a second load in
//                the same context is the warm one)
//   #minisearch  download the same records as JSON Lines and build MiniSearch's indexes (the driver reads
//                the JS heap)
//   #latency     both of the above (Aurora once per language, as a reader of each loads it), then the
//                same queries through both, each to Aurora in its own language (warm-up pass, timed rounds)
// Each module is imported only by the modes that use it, so one system's code and memory never count
// for the other. `window.benchResult` resolves to {ok: true, …} or {ok: false, error}.
//
// config.json (written by xtask): {trustedKeys, rounds, queries: [{id, aurora: "<query JSON>",
// minisearch: {lang, text, municipality}}]}. MiniSearch is set up as tests/bench/minisearch.mjs's
// `default` config: one index per language over name, summary and description (query language, else
// fi, sv, en), default options, and Aurora's area eligibility applied to its hits before the cut to 20.

const LANGS = ['fi', 'sv', 'en'];
const TOP = 20;

async function fetchOk(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

/** The app's first selection for a reader of `lang` (codes, national and local shards), loaded. */
async function loadAurora(config, lang) {
  const started = performance.now();
  const { default: init, BenchCatalogue, filesToFetch } = await import('./aurora_bench.js');
  const wasm = await init();
  const engineReady = performance.now();
  // Like the app (app/src/loader.rs): the manifest and signature are revalidated on every visit, the
  // content-addressed files may come from the HTTP cache.
  const bytesOf = async (name, cache) =>
    new Uint8Array(await (await fetchOk(`catalogue/${name}`, { cache })).arrayBuffer());
  const [manifest, signature] = await Promise.all([
    bytesOf('manifest.json', 'no-cache'),
    bytesOf('manifest.sig', 'no-cache'),
  ]);
  // The app's first selection without a municipality (codes, national and local shards), as the engine
  // names it; the engine refuses any file the signed manifest does not name.
  const names = filesToFetch(manifest, lang);
  const files = await Promise.all(names.map(async (name) => [name, await bytesOf(name, 'default')]));
  const downloaded = performance.now();
  const catalogue = BenchCatalogue.load(manifest, signature, files, config.trustedKeys, Date.now() / 1000, lang);
  const loaded = performance.now();
  return {
    catalogue,
    wasm,
    timings: {
      engineMs: engineReady - started,
      downloadMs: downloaded - engineReady,
      verifyDecodeIndexMs: loaded - downloaded,
    },
  };
}

/** The text in `lang`, else fi, sv, en; blank counts as missing (as in tests/bench/minisearch.mjs). */
function textIn(localText, lang) {
  for (const candidate of [lang, ...LANGS]) {
    const text = localText?.[candidate];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return '';
}

async function loadMiniSearch() {
  const started = performance.now();
  const { default: MiniSearch } = await import('./minisearch.js');
  const services = (await (await fetchOk('services.jsonl')).text())
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line));
  const downloaded = performance.now();
  const indexes = new Map();
  for (const lang of LANGS) {
    const index = new MiniSearch({ fields: ['name', 'summary', 'description'], storeFields: [], idField: 'id' });
    index.addAll(services.map((service) => ({
      id: service.id,
      name: textIn(service.name, lang),
      summary: textIn(service.summary, lang),
      description: textIn(service.description, lang),
    })));
    indexes.set(lang, index);
  }
  // Only the areas stay in memory beside the indexes (the area rule needs them); the texts are dropped.
  const areas = new Map(services.map((service) => [service.id, service.areas]));
  return {
    indexes,
    areas,
    timings: { downloadMs: downloaded - started, indexMs: performance.now() - downloaded },
    services: services.length,
  };
}

function auroraSearch(catalogue, query) {
  return JSON.parse(catalogue.recommend(query.aurora)).results;
}

/** Each query to the catalogue a reader of its language loads. */
function auroraSearchInLanguage(catalogues, query) {
  return auroraSearch(catalogues.get(query.minisearch.lang), query);
}

function miniSearchSearch(miniSearch, query) {
  const { lang, text, municipality } = query.minisearch;
  const eligible = (areas) => municipality == null || areas.national || areas.municipalities.includes(municipality);
  return miniSearch.indexes.get(lang).search(text)
    .filter((hit) => eligible(miniSearch.areas.get(hit.id)))
    .slice(0, TOP);
}

/** Microseconds of one call, from performance.now() (coarsened by the browser; see the result's note). */
function timeUs(call) {
  const started = performance.now();
  call();
  return Math.round((performance.now() - started) * 1000);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function measureLatency(config, catalogues, miniSearch) {
  const systems = [
    ['aurora', (query) => auroraSearchInLanguage(catalogues, query)],
    ['minisearch', (query) => miniSearchSearch(miniSearch, query)],
  ];
  const empty = { aurora: 0, minisearch: 0 };
  // Warm-up, untimed: the JIT, the wasm tiers and the caches see every query once.
  for (const query of config.queries) {
    for (const [name, search] of systems) {
      if (search(query).length === 0) empty[name] += 1;
    }
  }
  const times = { aurora: config.queries.map(() => []), minisearch: config.queries.map(() => []) };
  for (let round = 0; round < config.rounds; round += 1) {
    // Whole passes, first one system then the other, swapped each round, so neither always runs second.
    const order = round % 2 === 0 ? systems : [...systems].reverse();
    for (const [name, search] of order) {
      config.queries.forEach((query, index) => times[name][index].push(timeUs(() => search(query))));
    }
  }
  return {
    auroraUs: times.aurora.map(median),
    minisearchUs: times.minisearch.map(median),
    empty,
  };
}

function resourceEntries() {
  return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => ({
    path: new URL(entry.name).pathname,
    transferSize: entry.transferSize,
    encodedBodySize: entry.encodedBodySize,
    decodedBodySize: entry.decodedBodySize,
    responseEnd: entry.responseEnd,
  }));
}

async function run(mode) {
  const config = await (await fetchOk('config.json', { cache: 'no-cache' })).json();
  if (mode === 'aurora') {
    const aurora = await loadAurora(config, config.queries[0].minisearch.lang);
    const firstQueryStarted = performance.now();
    const results = auroraSearch(aurora.catalogue, config.queries[0]);
    const firstResultAt = performance.now();
    if (results.length === 0) throw new Error(`the first query ${config.queries[0].id} found nothing`);
    // Kept reachable, so the driver's heap reading after this counts the loaded catalogue.
    window.loaded = aurora;
    return {
      services: aurora.catalogue.services(),
      timings: { ...aurora.timings, firstQueryMs: firstResultAt - firstQueryStarted, firstResultAt },
      wasmMemoryBytes: aurora.wasm.memory.buffer.byteLength,
      resources: resourceEntries().filter((entry) => entry.responseEnd <= firstResultAt),
    };
  }
  if (mode === 'minisearch') {
    const miniSearch = await loadMiniSearch();
    window.loaded = miniSearch;
    return { services: miniSearch.services, timings: miniSearch.timings };
  }
  if (mode === 'latency') {
    const catalogues = new Map();
    for (const lang of LANGS) catalogues.set(lang, (await loadAurora(config, lang)).catalogue);
    const miniSearch = await loadMiniSearch();
    return {
      crossOriginIsolated: window.crossOriginIsolated,
      queries: config.queries.length,
      rounds: config.rounds,
      ...measureLatency(config, catalogues, miniSearch),
    };
  }
  throw new Error(`unknown mode ${JSON.stringify(mode)}; expected #aurora, #minisearch or #latency`);
}

window.benchResult = run(location.hash.slice(1)).then(
  (result) => ({ ok: true, ...result }),
  (error) => ({ ok: false, error: String(error?.stack ?? error) }),
);
