/** Time spent as a trainer reads it: "not recorded" when no statement measured it, never a 0 that was not measured. */
export function timeSpent(time: { seconds: number | null; timed: number; finished: number }): string {
  if (time.seconds === null) return 'not recorded';
  const spent = duration(time.seconds);
  return time.timed < time.finished
    ? `${spent} (recorded on ${time.timed} of ${time.finished} finished items)`
    : spent;
}

/** Seconds as "1 h 5 min", "14 min 30 s" or "45 s". */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const min = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  if (h > 0) return min > 0 ? `${h} h ${min} min` : `${h} h`;
  if (min > 0) return s > 0 ? `${min} min ${s} s` : `${min} min`;
  return `${s} s`;
}

/** "2 of 3", or the count alone when the whole is not known. */
export function outOf(done: number, of: number | null): string {
  return of === null ? `${done}` : `${done} of ${of}`;
}
