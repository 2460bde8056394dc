// `npm run security`: Doyensec's electronegativity over the Electron source and the built app, failing
// on any HIGH-severity finding. Its runner is called directly: the CLI always exits 0, and its CSV
// writer races its own header (the first row comes out mangled now and then).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { blockingFindings, type Finding } from './electronegativity-report';
import { projectRoot } from './project';

interface RawIssue {
  id: string;
  severity: { name: string };
  file: string;
  location?: { line?: number; column?: number };
}
type Runner = (options: Record<string, unknown>) => Promise<{ issues: RawIssue[] }>;

const run = createRequire(import.meta.url)('@doyensec/electronegativity/dist/runner.js') as Runner;

async function scan(target: string): Promise<Finding[]> {
  const { issues } = await run({
    input: join(projectRoot, target),
    customScan: [],
    excludeFromScan: [],
    isRelative: false,
    isVerbose: false,
    parserPlugins: [],
    electronVersionOverride: '45.0.0',
  });
  return issues.map((issue) => ({
    check: issue.id,
    severity: issue.severity.name,
    location: `${issue.file}:${issue.location?.line ?? 0}`,
  }));
}

// The source shows the intent; the build shows what ships (the CSP is put into index.html at build time,
// so the "no CSP found" global check is judged on the build alone).
const findings = [
  ...(await scan('src-main')).filter((finding) => finding.check !== 'CSP_GLOBAL_CHECK'),
  ...(await scan('out')),
];
for (const finding of findings) {
  console.log(`${finding.severity.padEnd(8)} ${finding.check.padEnd(28)} ${finding.location}`);
}
const blocking = blockingFindings(findings);
if (blocking.length > 0) {
  console.error(`electronegativity: ${blocking.length} high-severity finding(s); see above.`);
  process.exit(1);
}
console.log(`electronegativity: ${findings.length} finding(s), none of high severity.`);
