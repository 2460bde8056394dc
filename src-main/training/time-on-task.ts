/**
 * Time on task, as `result.duration` reports it (docs/xapi-profile.md#duration). The app sees only what the learner
 * does (opening an item, each answer, finishing), not when they look away, so each gap between two such events
 * counts in full up to a cap, and a longer gap counts as the cap: the learner was most likely away.
 */

/** Between the start of a knowledge-check attempt, each answer and the finish: no question takes longer. */
export const QUIZ_GAP_CAP_MS = 10 * 60_000;
/** From opening a lesson, reflection or exercise to completing it: at least this much… */
const ITEM_GAP_FLOOR_MS = 30 * 60_000;

/** …or twice the pack's estimate for the item, whichever is longer. */
export function itemGapCapMs(estimatedMinutes: number | null): number {
  return Math.max(ITEM_GAP_FLOOR_MS, 2 * (estimatedMinutes ?? 0) * 60_000);
}

/** The time between two events that counts as time on task. */
export function activeGap(from: Date, to: Date, capMs: number): number {
  return Math.min(Math.max(0, to.getTime() - from.getTime()), capMs);
}
