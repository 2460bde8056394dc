/** Runs `work` `iterations` times after a warm-up and returns operations per second. */
export async function opsPerSecond(iterations: number, work: (i: number) => unknown): Promise<number> {
  for (let i = 0; i < Math.min(200, iterations); i += 1) await work(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await work(i);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return iterations / seconds;
}

export interface Row {
  name: string;
  ours: number;
  floor: number;
  floorName: string;
  unit: string;
}

/** Our figure beside the raw floor measured in the same run, as a ratio (1.00× = as fast as raw). */
export function printRows(rows: readonly Row[]): void {
  for (const row of rows) {
    const ratio = row.floor / row.ours;
    console.log(
      `${row.name.padEnd(44)} ${row.ours.toFixed(0).padStart(9)} ${row.unit}   ` +
        `raw ${row.floorName}: ${row.floor.toFixed(0).padStart(9)} ${row.unit}   ${ratio.toFixed(2)}× the floor's cost`,
    );
  }
}
