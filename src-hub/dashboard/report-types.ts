/**
 * What the dashboard's completions endpoint answers: shared by the server (completions.ts) and the page
 * (web/Completions.svelte), so the two cannot drift. Types only, no imports: the browser build reads it too.
 */

/** One person's first completion of one course. */
export interface Completion {
  personKey: string;
  person: string;
  email: string | null;
  team: string | null;
  courseId: string;
  course: string;
  at: string;
}

export interface CompletionReport {
  completions: Completion[];
  byCourse: { courseId: string; course: string; people: number; lastAt: string }[];
  byPerson: {
    personKey: string;
    person: string;
    email: string | null;
    team: string | null;
    courses: number;
    lastAt: string;
  }[];
  byTeam: { team: string; enrolled: number; people: number; completions: number }[];
  /** For the filters: every course and team there is, whatever the filter. */
  courses: { courseId: string; course: string }[];
  teams: string[];
}
