// MiniSearch baseline for `cargo xtask bench relevance`.
//
// Usage:
//   node tests/bench/minisearch.mjs --services services.jsonl --queries queries.jsonl [--config NAME]
//
// Inputs (JSON Lines):
//   --services  `aurora export` output: {"id","name":{fi,sv,en},"summary":{…},"description":{…},
//               "areas":{"national","municipalities"}}
//   --queries   {"id","lang","text","municipality"}; for a life-event judgment `text` is the event's
//               name in the query language (MiniSearch has no notion of life events).
//   --config    `default` or `prefix-fuzzy`; without it both run, defaults first.
//
// Output (JSON Lines on stdout), one line per query per config, in query order:
//   {"config":"default","id":"fi-kw-001","ranked":["<service id>", …]}   (top 20, best first)
//
// How the baseline is set up, so it is a fair reading of "MiniSearch on the same records":
// - One index per query language. Each document has fields name, summary and description, each taken in
//   the query language, else Finnish, else Swedish, else English (the engine's LocalText::best order),
//   so a Swedish query still finds the many Finnish-only records. Blank texts count as missing.
// - storeFields is empty and idField is `id`; everything else is MiniSearch's defaults (tokeniser,
//   lower-casing, BM25+ scoring, OR combination, field boosts of 1).
// - Configs: `default` = no search options; `prefix-fuzzy` = searchOptions {prefix: true, fuzzy: 0.2}.
// - Area rule: MiniSearch has none, so the same eligibility as Aurora is applied to its results before
//   the cut to 20: with a `municipality`, keep national services and that municipality's; without one,
//   keep everything. (Aurora also keeps services of the citizen's region or wellbeing services county.
//   The export does not carry those areas, so MiniSearch's filter is the stricter one; since the
//   judgments grade only national and own-municipality services, that can only help MiniSearch.)
//
// Errors (unreadable file, bad JSON line, unknown argument) throw and exit non-zero: the benchmark
// must not print numbers computed from half the input.

import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';

const LANGS = ['fi', 'sv', 'en'];
const TOP = 20;
const CONFIGS = {
  default: {},
  'prefix-fuzzy': { prefix: true, fuzzy: 0.2 },
};

function parseArgs(argv) {
  const args = { config: null };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--services') args.services = value;
    else if (flag === '--queries') args.queries = value;
    else if (flag === '--config') args.config = value;
    else throw new Error(`unknown argument ${flag}`);
  }
  if (!args.services || !args.queries) {
    throw new Error('usage: minisearch.mjs --services FILE --queries FILE [--config default|prefix-fuzzy]');
  }
  if (args.config !== null && !(args.config in CONFIGS)) {
    throw new Error(`unknown config ${args.config}, expected one of ${Object.keys(CONFIGS).join(', ')}`);
  }
  return args;
}

function readJsonLines(path) {
  const records = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') return;
      try {
        records.push(JSON.parse(line));
      } catch (err) {
        throw new Error(`${path}:${index + 1}: ${err.message}`);
      }
    });
  return records;
}

/** The text in `lang`, else fi, sv, en; blank counts as missing. */
function textIn(localText, lang) {
  for (const candidate of [lang, ...LANGS]) {
    const text = localText?.[candidate];
    if (typeof text === 'string' && text.trim() !== '') return text;
  }
  return '';
}

function buildIndex(services, lang, searchOptions) {
  const index = new MiniSearch({
    fields: ['name', 'summary', 'description'],
    storeFields: [],
    idField: 'id',
    searchOptions,
  });
  index.addAll(
    services.map((service) => ({
      id: service.id,
      name: textIn(service.name, lang),
      summary: textIn(service.summary, lang),
      description: textIn(service.description, lang),
    })),
  );
  return index;
}

function isEligible(service, municipality) {
  if (municipality === null || municipality === undefined) return true;
  return service.areas.national || service.areas.municipalities.includes(municipality);
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const services = readJsonLines(args.services);
  const queries = readJsonLines(args.queries);
  const byId = new Map(services.map((service) => [service.id, service]));
  const configNames = args.config === null ? Object.keys(CONFIGS) : [args.config];
  const out = [];
  for (const configName of configNames) {
    const indexes = new Map(LANGS.map((lang) => [lang, buildIndex(services, lang, CONFIGS[configName])]));
    for (const query of queries) {
      const index = indexes.get(query.lang);
      if (!index) throw new Error(`query ${query.id}: unknown lang ${JSON.stringify(query.lang)}`);
      if (typeof query.text !== 'string' || query.text.trim() === '') {
        throw new Error(`query ${query.id}: no text`);
      }
      const ranked = index
        .search(query.text)
        .filter((hit) => isEligible(byId.get(hit.id), query.municipality))
        .slice(0, TOP)
        .map((hit) => hit.id);
      out.push(JSON.stringify({ config: configName, id: query.id, ranked }));
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

main();
