/**
 * One date style across the app: recent moments relative ("2 min ago", "yesterday"), older ones as a date,
 * and the exact moment on hover (`absoluteTime`, for a title attribute).
 */
export function relativeTime(iso: string, now: Date = new Date(), locale?: string): string {
  const then = new Date(iso);
  const seconds = Math.round((now.getTime() - then.getTime()) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24 && then.getDate() === now.getDate()) return `${hours} h ago`;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (then.toDateString() === yesterday.toDateString()) return 'yesterday';
  const sameYear = then.getFullYear() === now.getFullYear();
  return then.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** The exact moment, for hovering over a relative one: "30 November 2026 at 15:45". */
export function absoluteTime(iso: string, locale?: string): string {
  return new Date(iso).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
}

/** A date on a document that must not drift as days pass (a certificate): "30 November 2026". */
export function absoluteDate(iso: string, locale?: string): string {
  return new Date(iso).toLocaleDateString(locale, { dateStyle: 'long' });
}

/** The calendar day of a `YYYY-MM-DD` (a day, not a moment), read the same in every time zone. */
function dayAtNoon(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1, 12);
}

/** A day without a time of day, in the same style: "today", "yesterday", "2 Nov", "5 Jan 2025". */
export function relativeDay(day: string, now: Date = new Date(), locale?: string): string {
  const then = dayAtNoon(day);
  if (then.toDateString() === now.toDateString()) return 'today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (then.toDateString() === yesterday.toDateString()) return 'yesterday';
  const sameYear = then.getFullYear() === now.getFullYear();
  return then.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
}

/** The full day, for hovering over a relative one: "30 November 2026". */
export function absoluteDay(day: string, locale?: string): string {
  return dayAtNoon(day).toLocaleDateString(locale, { dateStyle: 'long' });
}
