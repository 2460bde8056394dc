import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

const screens = [
  { link: 'Learn', heading: 'Learn', shows: 'Advocate Foundations', shot: 'learn' },
  { link: 'Write', heading: 'Write', shows: 'No drafts yet', shot: 'write' },
  { link: 'Profile', heading: 'Profile', shows: 'Your expert profile is empty', shot: 'profile' },
  { link: 'Packs', heading: 'Packs', shows: 'Import a course pack', shot: 'packs' },
  { link: 'Sync & Settings', heading: 'Sync & Settings', shows: 'Not connected', shot: 'settings' },
] as const;

test.describe('on a new device', () => {
  test.use({ welcome: 'show' });

  test('a new learner is welcomed, gives their name, finds the bundled course, and reaches every screen', async ({
    page,
    host,
  }) => {
    test.slow(); // every screen, each with a screenshot and an axe run
    await page.goto(host.url);
    await expect(page.getByRole('heading', { level: 1, name: 'Welcome' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Works offline' })).toContainText('saved on this device');
    await expect(page.getByRole('region', { name: 'What your company sees' })).toContainText(
      'Your drafts, your reflections and anything you mark “only me” never leave this device.',
    );
    await expect(page.getByRole('button', { name: 'Start learning' })).toBeDisabled();
    await screenshot(page, 'welcome');
    await expectAccessible(page);
    await page.getByLabel('Your name').fill('Dana Okafor');
    await page.getByLabel('Work email (optional)').fill('dana@example.com');
    await page.getByLabel('Your role (optional)').fill('Support engineer');
    await page.getByRole('button', { name: 'Start learning' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
    // The secret is kept for the tab but taken out of the address bar.
    expect(page.url()).not.toContain('token=');

    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const screen of screens) {
      await nav.getByRole('link', { name: screen.link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await expect(page.getByText(screen.shows).first()).toBeVisible();
      await expect(nav.getByRole('link', { name: screen.link, exact: true })).toHaveAttribute(
        'aria-current',
        'page',
      );
      await screenshot(page, screen.shot);
      await expectAccessible(page);
    }
    // What the welcome asked for is where it is used: the name and email in Settings, the role as headline.
    await expect(
      page.getByLabel('Your name, as it appears on certificates and completion records'),
    ).toHaveValue('Dana Okafor');
    await expect(page.getByLabel(/^Work email/)).toHaveValue('dana@example.com');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Sync & Settings' })).toBeVisible();
  });

  test('a learner in a hurry skips the welcome, and it does not come back', async ({ page, host }) => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Skip for now' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Welcome' })).toBeHidden();
  });
});

test('a returning learner opens the app and finds the bundled course', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: 'Learn' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Advocate Foundations' })).toBeVisible();
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

  await page.keyboard.press('Alt+1');
  await page.getByRole('link', { name: 'Advocate Foundations' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Advocate Foundations' })).toBeFocused();
});

test('with no packs left, each screen says what to do next', async ({ page, host }) => {
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByRole('button', { name: 'Remove…' }).click();
  await expect(page.getByText('Your certificates stay.')).toBeVisible();
  await screenshot(page, 'packs-remove-confirm');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Remove the pack' }).click();
  await expect(page.getByText('No course packs installed')).toBeVisible();
  await screenshot(page, 'packs-empty');
  await expectAccessible(page);

  await openScreen(page, 'Learn');
  await expect(page.getByText('No courses yet')).toBeVisible();
  await screenshot(page, 'learn-empty');
  await page.getByRole('link', { name: 'Go to Packs' }).click();
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
