// `npm start [-- --browser] [--port N] [--data-dir DIR]`: builds what is stale, then opens the desktop
// app, or the browser host when Electron cannot start here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseHostArgs } from '../core/args';
import { probeElectron } from './electron-probe';
import { projectRoot } from './project';
import { isBuildStale } from './staleness';

const BUILD_INPUTS = [
  'src-main',
  'src-shared',
  'src-renderer',
  'electron.vite.config.ts',
  'svelte.config.js',
  'package.json',
  'package-lock.json',
].map((path) => join(projectRoot, path));
const BUILD_OUTPUTS = ['main/index.js', 'main/host.js', 'preload/index.cjs', 'renderer/index.html'].map(
  (path) => join(projectRoot, 'out', path),
);
/** An Electron that exits this soon after launch with an error never got going; fall back. */
const EARLY_EXIT_MS = 4000;

function buildIfStale(): void {
  if (!isBuildStale(BUILD_INPUTS, BUILD_OUTPUTS)) return;
  console.log('Building Advocate Studio…');
  const build = spawnSync(
    process.execPath,
    [join(projectRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: projectRoot,
      stdio: 'inherit',
    },
  );
  if (build.status !== 0) {
    console.error('The build failed (see above); nothing was started.');
    process.exit(build.status ?? 1);
  }
}

/** Ctrl-C reaches the child too (same process group); we wait for it to close its database. */
function supervise(child: ChildProcess): void {
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

function startBrowserHost(passThrough: string[]): void {
  const args = passThrough.filter((arg) => arg !== '--browser');
  supervise(
    spawn(process.execPath, [join(projectRoot, 'out', 'main', 'host.js'), ...args], { stdio: 'inherit' }),
  );
}

function startElectron(binary: string, passThrough: string[]): void {
  const startedAt = Date.now();
  const child = spawn(binary, [projectRoot, ...passThrough], { stdio: ['inherit', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    process.stderr.write(chunk);
  });
  child.once('error', (error) => fallBack(`it failed to launch (${error.message})`, passThrough));
  child.once('exit', (code, signal) => {
    const early = Date.now() - startedAt < EARLY_EXIT_MS && code !== 0;
    if (early) {
      const firstLine =
        stderr.split('\n').find((line) => line.trim() !== '') ?? `exit code ${String(code ?? signal)}`;
      fallBack(`it stopped at start-up: ${firstLine.trim()}`, passThrough);
    } else {
      process.exit(code ?? 0);
    }
  });
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
}

function fallBack(reason: string, passThrough: string[]): void {
  console.log(`Electron can't start here: ${reason}. Starting the browser host instead.`);
  startBrowserHost(passThrough);
}

function main(): void {
  const passThrough = process.argv.slice(2);
  const args = parseHostArgs(passThrough);
  buildIfStale();
  if (args.browser) {
    startBrowserHost(passThrough);
    return;
  }
  const probe = probeElectron(projectRoot);
  if (probe.ok) startElectron(probe.binary, passThrough);
  else fallBack(probe.reason, passThrough);
}

main();
