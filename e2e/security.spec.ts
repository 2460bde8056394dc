import { test, expect, screenshot, expectAccessible, stopHost } from './fixtures';

test('the API refuses calls without the secret, with a wrong one, and from other sites', async ({
  request,
  host,
}) => {
  const call = (name: string, init: { headers?: Record<string, string>; data?: unknown } = {}) =>
    request.post(`${host.origin}/api/${name}`, {
      headers: { 'Content-Type': 'application/json', ...init.headers },
      data: init.data ?? {},
    });
  const auth = { Authorization: `Bearer ${host.secret}` };

  const missing = await call('getAppInfo');
  expect(missing.status()).toBe(401);
  expect((await missing.json()).error.code).toBe('UNAUTHORIZED');
  expect((await call('getAppInfo', { headers: { Authorization: 'Bearer not-the-secret' } })).status()).toBe(
    401,
  );

  const ok = await call('getAppInfo', { headers: auth });
  expect(ok.status()).toBe(200);
  expect((await ok.json()).value.dataDir).toBe(host.dataDir);

  const bad = await call('updatePreferences', { headers: auth, data: { theme: 'purple' } });
  expect(bad.status()).toBe(400);
  const badBody = await bad.json();
  expect(badBody.error.code).toBe('INVALID_INPUT');
  expect(badBody.error.message).toContain('theme');
  expect(badBody.error.message).not.toMatch(/at .*\.js:\d+/);

  const unknown = await call('dropAllTables', { headers: auth });
  expect(unknown.status()).toBe(404);

  // DNS rebinding: a page on another name that resolves to 127.0.0.1 sends its own Host and Origin.
  expect((await call('getAppInfo', { headers: { ...auth, Host: 'evil.example:80' } })).status()).toBe(403);
  expect((await call('getAppInfo', { headers: { ...auth, Origin: 'http://evil.example' } })).status()).toBe(
    403,
  );
});

test('pages carry a strict Content-Security-Policy', async ({ request, host }) => {
  const page = await request.get(`${host.origin}/`);
  expect(page.status()).toBe(200);
  const csp = page.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-inline');
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  expect((await request.get(`${host.origin}/..%2f..%2fpackage.json`)).status()).toBe(404);
});

test('opening the app without its secret explains how to get in', async ({ page, host }) => {
  await page.goto(`${host.origin}/#/settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'This page needs its access key' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'no-secret');
});

test('when the host has stopped, the page says so in words', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  await stopHost(host);
  await page.getByRole('link', { name: 'Sync & Settings' }).click();
  await expect(page.getByText('Advocate Studio isn’t answering').first()).toBeVisible();
  await screenshot(page, 'host-stopped');
});
