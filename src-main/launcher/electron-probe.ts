import { spawnSync } from 'node:child_process';

export type ElectronProbe = { ok: true; binary: string } | { ok: false; reason: string };

/**
 * Finds the Electron binary without letting its lazy download (electron ≥ 42 fetches the binary on
 * first use) spill onto the terminal: the attempt runs in a child process whose output we read.
 */
export function probeElectron(projectRoot: string, env: NodeJS.ProcessEnv = process.env): ElectronProbe {
  if (process.platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY']) {
    return {
      ok: false,
      reason: 'there is no display to open a window on (neither DISPLAY nor WAYLAND_DISPLAY is set)',
    };
  }
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (probe.status === 0 && probe.stdout.trim() !== '') return { ok: true, binary: probe.stdout.trim() };
  const output = `${probe.stdout}\n${probe.stderr}`;
  if (/fetch failed|ENOTFOUND|ECONNREFUSED|EAI_AGAIN|failed to install/i.test(output)) {
    return {
      ok: false,
      reason: 'its binary could not be downloaded (no connection to the Electron release site)',
    };
  }
  const lastLine = output
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .pop();
  return {
    ok: false,
    reason: `the electron package could not be loaded (${lastLine ?? `exit ${String(probe.status)}`})`,
  };
}
