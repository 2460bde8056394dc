/**
 * A length of time as an ISO 8601 duration, as xAPI's `result.duration` wants it (Data 2.4.5: hours, minutes and
 * seconds to 0.01 s), like `PT4M`, `PT1H2M3.5S` or `PT0S`.
 */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor((hundredths % 360_000) / 6_000);
  const seconds = (hundredths % 6_000) / 100;
  const parts = `${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
  return `PT${parts || '0S'}`;
}
