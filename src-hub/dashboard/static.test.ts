import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_CSP, registerDashboardPage } from './static';

describe('the dashboard page', () => {
  it('serves the built page and its assets under a strict CSP, and nothing outside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'advocate-dashboard-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export {};');
    writeFileSync(join(dir, 'secret.js'), 'no');
    const app = Fastify();
    registerDashboardPage(app, dir);
    const page = await app.inject('/dashboard');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).not.toContain('unsafe');
    expect(page.headers['x-frame-options']).toBe('DENY');
    const script = await app.inject('/dashboard/assets/index-abc.js');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await app.inject('/dashboard/assets/..%2Fsecret.js')).statusCode).toBe(404);
    expect((await app.inject('/dashboard/assets/index.html')).statusCode).toBe(404);
    const unbuilt = Fastify();
    registerDashboardPage(unbuilt, join(dir, 'missing'));
    expect((await unbuilt.inject('/dashboard')).statusCode).toBe(503);
  });
});
