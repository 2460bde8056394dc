import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aliasBomb, manyStrayKeys } from '../src-packs/testing/hostile-packs';
import { testPackFiles, writeTestPack } from '../src-packs/testing/test-pack';
import { buildPackZip } from '../src-packs/zip/build';
import { writeCraftedZip } from '../src-packs/testing/zip-craft';
import { test, expect, screenshot, expectAccessible, openScreen } from './fixtures';

async function packZip(overrides: Record<string, string | Buffer | null> = {}): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-pack-'));
  writeTestPack(join(dir, 'pack'), overrides);
  const zip = join(dir, 'test-pack.zip');
  await buildPackZip(join(dir, 'pack'), zip);
  return zip;
}

test('a learner imports the pack their trainer sent and starts its first lesson', async ({ page, host }) => {
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(await packZip());
  await expect(page.getByText('Installed “Test pack” 1.2.0 with 4 items.')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Installed packs' })).toContainText('Test pack');
  await screenshot(page, 'packs-imported');
  await expectAccessible(page);

  await openScreen(page, 'Learn');
  await page.getByRole('link', { name: 'Basics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Basics' })).toBeVisible();
  await expect(page.getByText('Knowledge check')).toBeVisible();
  await screenshot(page, 'course');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Start the course' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello' })).toBeVisible();
  await expect(page.getByText('about 3 min left in this course')).toBeVisible();
  // The lesson's image came from the pack, inline; its link to the quiz opens the quiz in the app.
  await expect(page.getByRole('img', { name: 'A diagram' })).toHaveAttribute(
    'src',
    /^data:image\/png;base64,/,
  );
  await screenshot(page, 'lesson');
  await expectAccessible(page);
  await page.locator('.prose').getByRole('link', { name: 'the check' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Check' })).toBeVisible();
  await page.getByRole('link', { name: /Hello/, exact: false }).last().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello' })).toBeVisible();

  // A reload comes back to the same lesson.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello' })).toBeVisible();
});

test('a broken pack is refused with every problem listed, and nothing is installed', async ({
  page,
  host,
}) => {
  const zip = await packZip({
    'pack.yaml': String(testPackFiles['pack.yaml'] ?? '')
      .replace('version: 1.2.0', 'version: one')
      .replace('language: en', 'language: English'),
  });
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(zip);
  await expect(page.getByText('This course pack has problems')).toBeVisible();
  const problems = page.getByRole('list', { name: 'Problems in the pack' });
  await expect(problems).toContainText('pack.yaml:2: version: use a semantic version');
  await expect(problems).toContainText('pack.yaml:7: language: use a language tag');
  const installed = page.getByRole('list', { name: 'Installed packs' });
  await expect(installed).toContainText('Advocate Foundations');
  await expect(installed).not.toContainText('Test pack');
  await screenshot(page, 'packs-invalid');
  await expectAccessible(page);
});

test('a zip that tries to write outside the pack is refused', async ({ page, host }) => {
  const zip = writeCraftedZip(join(mkdtempSync(join(tmpdir(), 'advocate-e2e-evil-')), 'evil.zip'), [
    { name: 'pack.yaml', data: 'id: evil' },
    { name: '../outside.md', data: 'gotcha' },
  ]);
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(zip);
  await expect(page.getByRole('alert')).toContainText('../outside.md');
});

test('a pack with 40,000 stray keys is refused in seconds with the first problems and a count of the rest', async ({
  page,
  host,
}) => {
  const zip = await packZip(manyStrayKeys(40_000));
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(zip);
  await expect(page.getByRole('alert')).toContainText('The pack has 40,000 problems', { timeout: 30_000 });
  const problems = page.getByRole('list', { name: 'Problems in the pack' });
  await expect(problems.getByRole('listitem')).toHaveCount(101);
  await expect(problems).toContainText('pack.yaml:29: stray0: is not a known field; check its spelling');
  await expect(problems.getByRole('listitem').last()).toHaveText('and 39,900 more problems');
  await screenshot(page, 'packs-many-problems');
  // The app answers as before: another screen opens.
  await openScreen(page, 'Learn');
  await openScreen(page, 'Packs');
  await expect(page.getByRole('list', { name: 'Installed packs' })).toContainText('Advocate Foundations');
});

test('a YAML alias bomb is a located problem, not an error', async ({ page, host }) => {
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(await packZip(aliasBomb()));
  await expect(page.getByRole('alert')).toContainText(
    'pack.yaml:33: lol4.0: aliases (*name) repeat more than 10,000 values in all',
  );
  await screenshot(page, 'packs-alias-bomb');
});

test('a pack updated by import says what changed, on its card and once in the course', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await openScreen(page, 'Packs');
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(await packZip());
  await expect(page.getByText('Installed “Test pack” 1.2.0 with 4 items.')).toBeVisible();
  const card = page.getByRole('listitem').filter({ hasText: 'Test pack' });
  await expect(card).not.toContainText('Updated to');

  // Version 1.3.0: one new lesson, the knowledge check reworded, the reflection gone.
  const manifest = String(testPackFiles['pack.yaml'] ?? '');
  const newer = await packZip({
    'pack.yaml': manifest
      .replace('version: 1.2.0', 'version: 1.3.0')
      .replace(
        '            minutes: 3\n',
        '            minutes: 3\n          - id: more\n            kind: lesson\n            file: first/more.md\n',
      )
      .replace(/ {10}- id: think\n {12}kind: reflection\n {12}file: first\/think.md\n/, ''),
    'first/more.md': '---\ntitle: Going further\n---\nA second lesson.\n',
    'first/check.md': String(testPackFiles['first/check.md'] ?? '').replace(
      'prompt: Pick one',
      'prompt: Pick the right one',
    ),
  });
  await page.getByLabel('Choose a pack (.zip)…').setInputFiles(newer);
  await expect(
    page.getByText('Updated “Test pack” from 1.2.0 to 1.3.0: 1 new lesson, 1 changed, 1 removed.'),
  ).toBeVisible();
  await expect(card).toContainText('Updated to 1.3.0 — 1 new lesson, 1 changed, 1 removed');
  await card.getByText('What changed').click();
  await expect(card.getByRole('listitem').filter({ hasText: 'Going further' })).toContainText('Lesson');
  await expect(card.getByRole('listitem').filter({ hasText: 'Think' })).toContainText('Reflection');
  await screenshot(page, 'packs-updated');
  await expectAccessible(page);

  // The course says so once, naming the new lesson, until the learner dismisses it.
  await openScreen(page, 'Learn');
  await page.getByRole('link', { name: 'Basics' }).click();
  const notice = page.getByRole('region', { name: /Updated to 1\.3\.0/ });
  await expect(notice).toContainText('Updated to 1.3.0 — 1 new lesson, 1 changed, 1 removed');
  await expect(notice.getByRole('link', { name: 'Going further' })).toBeVisible();
  await screenshot(page, 'course-updated-notice');
  await expectAccessible(page);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Basics' })).toBeVisible();
  await expect(page.getByText('Going further')).toBeVisible();
  await expect(page.getByRole('region', { name: /Updated to/ })).toBeHidden();

  // The Packs screen still tells what the update brought.
  await openScreen(page, 'Packs');
  await expect(card).toContainText('Updated to 1.3.0');
});
