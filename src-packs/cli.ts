// `npm run pack -- validate <folder-or-zip>` and `npm run pack -- build <folder> <out.zip>`: the trainer's
// tools, using the same validator the app runs on import.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { packManifestJsonSchema } from './json-schema';
import { problemLines } from './problems';
import { validatePackFolder, type PackReport } from './validate';
import { buildPackZip } from './zip/build';
import { extractPackZip } from './zip/extract';
import { PackZipError } from './zip/errors';

const usage = `Usage:
  npm run pack -- validate <folder-or-zip>   check a course pack; lists every problem as file:line: field: message
  npm run pack -- build <folder> <out.zip>   validate a pack folder, then zip it for distribution
  npm run pack -- schema                     print pack.yaml's JSON Schema (kept in docs/pack.schema.json)`;

async function validatePath(path: string): Promise<PackReport> {
  if (statSync(path).isDirectory()) return validatePackFolder(path);
  const staging = mkdtempSync(join(tmpdir(), 'advocate-pack-'));
  try {
    await extractPackZip(path, join(staging, 'pack'));
    return validatePackFolder(join(staging, 'pack'));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function printReport(report: PackReport, label: string): void {
  for (const warning of problemLines(report.warnings, report.warningCount, 'warning'))
    process.stderr.write(`warning: ${warning}\n`);
  for (const problem of problemLines(report.problems, report.problemCount))
    process.stderr.write(`${problem}\n`);
  if (report.problemCount > 0) {
    process.stderr.write(`${label}: ${report.problemCount} problem(s), ${report.warningCount} warning(s)\n`);
  } else {
    const pack = report.pack;
    const items = pack?.items.length ?? 0;
    process.stdout.write(
      `${label}: valid — ${pack?.manifest.title ?? ''} ${pack?.manifest.version ?? ''}, ${items} item(s), ` +
        `${report.warningCount} warning(s)\n`,
    );
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'validate' && rest.length === 1 && rest[0]) {
    const report = await validatePath(resolve(rest[0]));
    printReport(report, rest[0]);
    return report.problemCount === 0 ? 0 : 1;
  }
  if (command === 'build' && rest.length === 2 && rest[0] && rest[1]) {
    const report = validatePackFolder(resolve(rest[0]));
    printReport(report, rest[0]);
    if (report.problemCount > 0) return 1;
    const built = await buildPackZip(resolve(rest[0]), resolve(rest[1]));
    process.stdout.write(`wrote ${rest[1]}: ${built.files} file(s), ${built.bytes} bytes\n`);
    return 0;
  }
  if (command === 'schema' && rest.length === 0) {
    process.stdout.write(packManifestJsonSchema());
    return 0;
  }
  process.stderr.write(`${usage}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof PackZipError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`pack: ${message}\n`);
    process.exit(1);
  },
);
