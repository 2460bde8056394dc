// `npm run security`: Doyensec's electronegativity over the Electron source and the built app.
// It always exits 0, so we read its CSV and fail on any HIGH-severity finding.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFindings, type Finding } from './electronegativity-report';
import { projectRoot } from './project';

const ELECTRON_VERSION = '45.0.0';
const bin = join(projectRoot, 'node_modules', '.bin', 'electronegativity');
const reportDir = join(projectRoot, 'out', 'electronegativity');
mkdirSync(reportDir, { recursive: true });

function scan(target: string, label: string): Finding[] {
  const csv = join(reportDir, `${label}.csv`);
  const run = spawnSync(bin, ['-i', join(projectRoot, target), '-e', ELECTRON_VERSION, '-o', csv], {
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`electronegativity failed on ${target}: ${run.stderr}`);
  return parseFindings(readFileSync(csv, 'utf8'));
}

// The source shows the intent; the build shows what ships (the CSP is put into index.html at build time,
// so the "no CSP found" global check is judged on the build alone).
const findings = [
  ...scan('src-main', 'source').filter((finding) => finding.check !== 'CSP_GLOBAL_CHECK'),
  ...scan('out', 'build'),
];
for (const finding of findings) {
  console.log(`${finding.severity.padEnd(8)} ${finding.check.padEnd(28)} ${finding.location}`);
}
// A row the report mangled could hide a HIGH finding, so it blocks too.
const blocking = findings.filter(
  (finding) => finding.severity === 'HIGH' || finding.severity === 'UNREADABLE',
);
if (blocking.length > 0) {
  console.error(`electronegativity: ${blocking.length} high-severity or unreadable finding(s); see above.`);
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), none of high severity.`);
