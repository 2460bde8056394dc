import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../testing/temp-dir';
import { probeElectron } from './electron-probe';
import { blockingFindings } from './electronegativity-report';
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

describe('electronegativity gate', () => {
  it('blocks on high findings only', () => {
    const finding = (severity: string) => ({ check: 'X', severity, location: 'main.ts:1' });
    expect(blockingFindings(['LOW', 'MEDIUM', 'INFORMATIONAL'].map(finding))).toEqual([]);
    expect(blockingFindings(['MEDIUM', 'HIGH', 'LOW', 'HIGH'].map(finding))).toHaveLength(2);
  });
});
