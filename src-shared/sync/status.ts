import type { SyncProblemCode, SyncStatus } from './schemas';

/** What went wrong, in words a learner can act on. */
export function problemWords(code: SyncProblemCode, kind: 'hub' | 'lrs'): string {
  const store = kind === 'hub' ? 'The company hub' : 'The record store';
  switch (code) {
    case 'unauthorized':
      return kind === 'hub'
        ? "The company hub rejected this device's key: ask your trainer for a new enrolment code, then disconnect and connect again."
        : 'The record store rejected the key and secret: check them with whoever runs it, then disconnect and connect again.';
    case 'forbidden':
      return `${store} does not allow this device to send records: ask ${kind === 'hub' ? 'your trainer' : 'whoever runs it'} to check its permissions.`;
    case 'unreachable':
      return `${store} can't be reached (offline, or the address is wrong). The app tries again by itself.`;
    case 'busy':
      return `${store} is busy and asked the app to wait. It will try again by itself.`;
    case 'server':
      return `${store} had a problem of its own. The app tries again by itself.`;
    case 'bad-response':
      return `${store} gave an answer the app doesn't understand. Is the address right? The app tries again by itself.`;
    case 'pack-failed':
      return 'A course pack from the company hub could not be installed; your courses are unchanged.';
  }
}

/** One line for the top of the Sync section. */
export function syncHeadline(status: SyncStatus): string {
  if (!status.connection) {
    if (status.otherCompany)
      return `Not connected. ${records(status.otherCompany.count)} wait on this device.`;
    return status.pending > 0
      ? `Not connected. ${records(status.pending)} will go to the first company you connect to.`
      : 'Not connected. Everything you do stays on this device.';
  }
  if (status.stopped) return 'Sync has stopped until you reconnect.';
  if (status.running && status.progress)
    return `Sending ${status.progress.sent} of ${status.progress.total} records…`;
  if (status.running) return 'Syncing…';
  if (status.problem) return 'Waiting to try again.';
  if (status.pending === 0) return 'Up to date.';
  return `${records(status.pending)} waiting to be sent.`;
}

export function records(count: number): string {
  return `${count.toLocaleString('en-GB')} ${count === 1 ? 'record' : 'records'}`;
}

/** "in 3 minutes", "in 20 seconds", "now": when the next attempt is, relative to `now`. */
export function untilWords(at: string | null, nowMs: number): string | null {
  if (!at) return null;
  const seconds = Math.round((Date.parse(at) - nowMs) / 1000);
  if (seconds <= 1) return 'now';
  if (seconds < 90) return `in ${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in ${Math.round(minutes / 60)} hours`;
}
