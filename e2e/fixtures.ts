import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

const projectRoot = join(import.meta.dirname, '..');
const hostScript = join(projectRoot, 'out', 'main', 'host.js');

export interface RunningHost {
  /** The address the host printed, with `#token=…`. */
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the host wrote to stdout and stderr so far. */
  output(): string;
}

export interface HostOptions {
  /**
   * `skipped` (the default) passes the first-run welcome through the API, as a person clicking "Skip for
   * now" would, for stories about other screens; `show` leaves it for the story to answer.
   */
  welcome?: 'skipped' | 'show';
  /** A fixed port, for stories about the host restarting at the same address; a free one by default. */
  port?: number;
}

/**
 * Starts the real browser host (`node out/main/host.js`) on a free port and waits for its address. A data
 * folder used before keeps whatever its learner answered; the welcome is skipped only where it is unanswered.
 */
export async function startHost(dataDir: string, options: HostOptions = {}): Promise<RunningHost> {
  const port = String(options.port ?? 0);
  const child = spawn(process.execPath, [hostScript, '--data-dir', dataDir, '--port', port], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited (${String(code)}) before it started:\n${output}`));
    });
  });
  const parsed = new URL(url);
  if (options.welcome !== 'show') {
    const skipped = await fetch(`${parsed.origin}/api/skipWelcome`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${parsed.hash.replace('#token=', '')}`,
        'Content-Type': 'application/json',
      },
      body: '{}',
    });
    if (!skipped.ok) throw new Error(`could not skip the welcome: ${skipped.status} ${await skipped.text()}`);
  }
  return {
    url,
    origin: parsed.origin,
    secret: parsed.hash.replace('#token=', ''),
    dataDir,
    process: child,
    output: () => output,
  };
}

export async function stopHost(host: RunningHost): Promise<number | null> {
  if (host.process.exitCode !== null) return host.process.exitCode;
  const exited = new Promise<number | null>((resolve) => host.process.once('exit', (code) => resolve(code)));
  host.process.kill('SIGTERM');
  return exited;
}

interface Fixtures {
  dataDir: string;
  host: RunningHost;
  /** How the `host` fixture leaves the first-run welcome: `test.use({ welcome: 'show' })` to see it. */
  welcome: 'skipped' | 'show';
}

export const test = base.extend<Fixtures>({
  welcome: ['skipped', { option: true }],
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'advocate-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  host: async ({ dataDir, welcome }, use) => {
    const host = await startHost(dataDir, { welcome });
    await use(host);
    await stopHost(host);
  },
});

export { expect };

const screenshotDir = join(projectRoot, 'test-results', 'screens');

/** Saves a full-page screenshot to test-results/screens/NAME.png, for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Runs axe on the page and fails on serious or critical violations, naming each. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(
    serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`),
  ).toEqual([]);
}

/** Clicks a screen in the main navigation, as a learner would. */
export async function openScreen(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: label, exact: true })
    .click();
}
