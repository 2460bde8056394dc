import { execFileSync } from 'node:child_process';

/** Runs `work` `iterations` times after a warm-up and returns operations per second. */
export async function opsPerSecond(iterations: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i += 1) await work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await work(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return iterations / seconds;
}

/** Milliseconds `work` takes, once. */
export async function timeMs(work: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * Flushes what earlier runs left in the page cache to disk, so a run that writes files does not pay for
 * the one before it. (Windows has no `sync`; runs there are noisier.)
 */
export function settleDisk(): void {
  if (process.platform !== 'win32') execFileSync('sync');
}

/** Runs `work` `iterations` times after a warm-up and returns each call's milliseconds, sorted. */
export async function latenciesMs(iterations: number, work: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < Math.min(50, iterations); i += 1) await work(i);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) samples.push(await timeMs(() => work(i)));
  return samples.sort((a, b) => a - b);
}

/** The value below which `p` (0–1) of the sorted samples fall (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('No samples.');
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? NaN;
}

/** The middle value (the lower of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export interface Row {
  name: string;
  ours: number;
  floor: number;
  floorName: string;
  unit: string;
  /** 'rate' (the default) when higher is better, like calls/s; 'time' when lower is better, like ms. */
  kind?: 'rate' | 'time';
}

/** Our figure beside the raw floor measured in the same run, as a ratio (1.00× = as fast as raw). */
export function printRows(rows: readonly Row[]): void {
  for (const row of rows) {
    const ratio = row.kind === 'time' ? row.ours / row.floor : row.floor / row.ours;
    console.log(
      `${row.name.padEnd(44)} ${figure(row.ours).padStart(9)} ${row.unit}   ` +
        `raw ${row.floorName}: ${figure(row.floor).padStart(9)} ${row.unit}   ${ratio.toFixed(2)}× the floor's cost`,
    );
  }
}

/** Three significant digits for small figures (times in ms), whole numbers from 100 up. */
function figure(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toPrecision(3);
}
