import { test, expect, screenshot, expectAccessible } from './fixtures';
import { startHost, stopHost } from './fixtures';

test('the app follows the OS light/dark setting until the learner picks a theme', async ({ page, host }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(host.url);
  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  expect(await background()).toBe('rgb(22, 24, 28)');
  await screenshot(page, 'learn-dark');
  await expectAccessible(page);

  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(247, 246, 243)');
});

test('a chosen theme and the open screen survive a reload and a restart', async ({ page, host, dataDir }) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Sync & Settings' }).click();
  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await screenshot(page, 'settings-dark');
  await expectAccessible(page);

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sync & Settings' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  // A new launch has a new secret, but the same data folder keeps the choice.
  expect(await stopHost(host)).toBe(0);
  const again = await startHost(dataDir);
  try {
    expect(again.secret).not.toBe(host.secret);
    await page.goto(again.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // The new launch reopens on the screen the person was on, not on Learn.
    await expect(page.getByRole('heading', { level: 1, name: 'Sync & Settings' })).toBeVisible();
    await expect(page).toHaveURL(/#\/settings$/);
    await screenshot(page, 'state-reopened-on-settings');
    await expectAccessible(page);
  } finally {
    await stopHost(again);
  }
});

test('the learner names themselves once, for certificates and records', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sync & Settings' }).click();
  const name = page.getByLabel('Your name, as it appears on certificates and completion records');
  await expect(name).toHaveValue('Learner');
  await name.fill('Ada Lovelace');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await page.reload();
  await expect(name).toHaveValue('Ada Lovelace');
});
