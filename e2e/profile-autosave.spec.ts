import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

test('the profile saves as it is typed, completes a link without https://, and one bad field holds back only itself', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await openScreen(page, 'Profile');
  const saveLine = page.getByRole('status').filter({ hasText: /^(Saved|Not saved yet|Saving…|Not saved)/ });
  await expect(saveLine).toHaveText('Saved');

  await page.getByLabel('Headline', { exact: true }).fill('Engineer who makes outages boring');
  await page.getByLabel('LinkedIn', { exact: true }).fill('linkedin.com/in/ada');
  await page.getByLabel('GitHub', { exact: true }).fill('gitlab.com/ada');
  await page.getByLabel('Who sees your headline').selectOption({ label: 'My company' });
  await expect(saveLine).toContainText('Saved except GitHub');
  // The address typed without https:// is completed, not refused.
  await expect(page.getByLabel('LinkedIn', { exact: true })).toHaveValue('https://linkedin.com/in/ada');
  const githubProblem = page.getByText('GitHub: A GitHub link should be an address on github.com');
  await expect(githubProblem).toBeVisible();
  await expect(page.getByLabel('GitHub', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await screenshot(page, 'profile-autosave-field-problem');
  await expectAccessible(page);

  // Leaving the screen straight after typing loses nothing.
  await page.getByLabel('Topics you will speak or write about').fill('Tracing, Incident reviews');
  await openScreen(page, 'Write');
  await expect(page.getByRole('heading', { name: 'Start a draft' })).toBeVisible();
  await page.reload();
  await openScreen(page, 'Profile');
  await expect(page.getByLabel('Headline', { exact: true })).toHaveValue('Engineer who makes outages boring');
  await expect(page.getByLabel('Who sees your headline')).toHaveValue('company');
  await expect(page.getByLabel('LinkedIn', { exact: true })).toHaveValue('https://linkedin.com/in/ada');
  await expect(page.getByLabel('Topics you will speak or write about')).toHaveValue(
    'Tracing, Incident reviews',
  );
  // The refused link was never saved; fixing it saves it.
  await expect(page.getByLabel('GitHub', { exact: true })).toHaveValue('');
  await page.getByLabel('GitHub', { exact: true }).fill('github.com/ada');
  await expect(page.getByLabel('GitHub', { exact: true })).toHaveValue('https://github.com/ada');
  await expect(saveLine).toHaveText('Saved');
  await expect(githubProblem).toHaveCount(0);
  await screenshot(page, 'profile-autosave-saved');
  await page.reload();
  await expect(page.getByLabel('GitHub', { exact: true })).toHaveValue('https://github.com/ada');
});
