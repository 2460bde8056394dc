// `npm run bench`: each figure beside the raw floor measured in the same run. Speed lives here, never
// in timed tests. Later issues add their benchmarks to this list.
import { benchApi } from './api.bench';
import { benchCatalogue } from './catalogue.bench';
import { printRows } from './measure';
import { benchPackImport } from './pack-import.bench';
import { benchWriting } from './writing.bench';

console.log(`Advocate Studio benchmarks (Node ${process.version}, ${new Date().toISOString()})`);
printRows(await benchApi());
printRows(await benchPackImport());
printRows(await benchCatalogue());
printRows(await benchWriting());
