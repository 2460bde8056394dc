import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { probeElectron } from './electron-probe';
import { parseFindings } from './electronegativity-report';
import { isBuildStale } from './staleness';

const tempDir = useTempDirs();

describe('build staleness', () => {
  it('is stale with an output missing, fresh after a build, and stale again when a source changes', () => {
    const dir = tempDir();
    const source = join(dir, 'a.ts');
    const outputs = [join(dir, 'main.js'), join(dir, 'index.html')];
    writeFileSync(source, 'x');
    utimesSync(source, new Date(1000_000), new Date(1000_000));
    writeFileSync(join(dir, 'main.js'), 'built');
    expect(isBuildStale([source], outputs)).toBe(true);
    writeFileSync(join(dir, 'index.html'), 'built');
    expect(isBuildStale([source], outputs)).toBe(false);
    utimesSync(source, new Date(), new Date(Date.now() + 60_000));
    expect(isBuildStale([source], outputs)).toBe(true);
  });
});

describe('electron probe', () => {
  it('gives a one-line reason when there is no display', () => {
    if (process.platform !== 'linux') return;
    const probe = probeElectron(process.cwd(), {});
    expect(probe).toEqual({ ok: false, reason: expect.stringContaining('no display') });
  });
});

describe('electronegativity report', () => {
  it('reads findings and flags a mangled row instead of dropping it', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'ted in the target application",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK',
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","/app/main.ts","84:6","preload: x","Review",https://x/wiki/PRELOAD_JS_CHECK',
      'NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","/app/main.ts","9:1","nodeIntegration: true","Disable",https://x',
      '',
    ].join('\n');
    expect(parseFindings(csv)).toEqual([
      { check: 'CSP_GLOBAL_CHECK', severity: 'UNREADABLE', location: expect.any(String) },
      { check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', location: '/app/main.ts:84:6' },
      { check: 'NODE_INTEGRATION_JS_CHECK', severity: 'HIGH', location: '/app/main.ts:9:1' },
    ]);
  });
});
