import { test, expect, screenshot, expectAccessible } from './fixtures';

const screens = [
  { link: 'Learn', heading: 'Learn', empty: 'No courses yet', shot: 'learn' },
  { link: 'Write', heading: 'Write', empty: 'No drafts yet', shot: 'write' },
  { link: 'Profile', heading: 'Profile', empty: 'Your expert profile is empty', shot: 'profile' },
  { link: 'Packs', heading: 'Packs', empty: 'No course packs installed', shot: 'packs' },
  { link: 'Sync & Settings', heading: 'Sync & Settings', empty: 'Not connected', shot: 'settings' },
] as const;

test('a new learner opens the app and finds every screen, each saying what to do next', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  // The secret is kept for the tab but taken out of the address bar.
  expect(page.url()).not.toContain('token=');

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const screen of screens) {
    await nav.getByRole('link', { name: screen.link, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
    await expect(page.getByText(screen.empty)).toBeVisible();
    await expect(nav.getByRole('link', { name: screen.link, exact: true })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await screenshot(page, screen.shot);
    await expectAccessible(page);
  }
});

test('a learner gets around by keyboard alone', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();

  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Learn', exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Write' })).toBeFocused();

  await page.keyboard.press('Alt+5');
  await expect(page.getByRole('heading', { level: 1, name: 'Sync & Settings' })).toBeFocused();

  // The empty state's next step is a real link that takes them there.
  await page.keyboard.press('Alt+1');
  await page.getByRole('link', { name: 'Go to Packs' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Packs' })).toBeVisible();
});

test('Settings shows the version, where the data lives and how big the database is', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: 'Sync & Settings' }).click();
  await expect(page.getByTestId('app-version')).toHaveText(/^\d+\.\d+\.\d+/);
  await expect(page.getByTestId('data-dir')).toHaveText(host.dataDir);
  await expect(page.getByTestId('database-size')).toHaveText(/\d+(\.\d)? (KiB|MiB)/);
  await expect(page.getByText('Browser host')).toBeVisible();
});
