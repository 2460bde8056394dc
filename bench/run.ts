// `npm run bench`: each figure beside the raw floor measured in the same run. Speed lives here, never
// in timed tests. Later issues add their benchmarks to this list. `npm run bench -- writing` runs only
// the benches named (api, pack-import, catalogue, writing, sync, hub-ingest, hub-scale).
import { benchApi } from './api.bench';
import { benchCatalogue } from './catalogue.bench';
import { printRows, type Row } from './measure';
import { benchPackImport } from './pack-import.bench';
import { benchWriting } from './writing.bench';

const benches: Record<string, () => Promise<Row[]>> = {
  api: benchApi,
  'pack-import': benchPackImport,
  catalogue: benchCatalogue,
  writing: benchWriting,
  sync: async () => (await import('./sync')).benchSync(),
  'hub-ingest': async () => (await import('./hub-ingest')).benchHubIngest(),
  'hub-scale': async () => (await import('./hub-scale')).benchHubScale(),
};
// Options (`--statements 3000000`) belong to the benches that read them; the rest are bench names.
const args = process.argv.slice(2);
const asked = args.filter((arg, i) => !arg.startsWith('--') && !args[i - 1]?.startsWith('--'));
const unknown = asked.filter((name) => !(name in benches));
if (unknown.length > 0)
  throw new Error(`No bench named ${unknown.join(', ')}; try ${Object.keys(benches).join(', ')}.`);

console.log(`Advocate Studio benchmarks (Node ${process.version}, ${new Date().toISOString()})`);
for (const [name, bench] of Object.entries(benches)) {
  if (asked.length === 0 || asked.includes(name)) printRows(await bench());
}
