/**
 * ISO 8601 durations as xAPI's `result.duration` carries them (`PT1M30S`, `P1DT2H`, `P2W`), in seconds. Years
 * and months have no fixed length; they count as 365 and 30 days (learning time is never that long in practice).
 */
const DURATION =
  /^P(?:(\d+(?:\.\d+)?)W|(?=\d|T\d)(?:(\d+(?:\.\d+)?)Y)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?)$/;

const DAY = 86_400;
const UNITS = [7 * DAY, 365 * DAY, 30 * DAY, DAY, 3600, 60, 1];

/** The duration in seconds, or null when the text is not an ISO 8601 duration. */
export function durationSeconds(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match) return null;
  let seconds = 0;
  UNITS.forEach((unit, i) => {
    const value = match[i + 1];
    if (value !== undefined) seconds += Number(value) * unit;
  });
  return seconds;
}

/** What a set of statements' durations add up to: null seconds when none carried one (not measured, not 0). */
export function totalTime(durations: (string | null)[]): {
  seconds: number | null;
  timed: number;
  finished: number;
} {
  let seconds = 0;
  let timed = 0;
  for (const text of durations) {
    const value = text === null ? null : durationSeconds(text);
    if (value === null) continue;
    seconds += value;
    timed += 1;
  }
  return { seconds: timed > 0 ? seconds : null, timed, finished: durations.length };
}
