export type DatabaseProblem = 'NOT_SQLITE' | 'CORRUPT' | 'NEWER_VERSION' | 'UNREADABLE' | 'MIGRATION_FAILED';

/** Why the database could not be opened, in words a person can act on. The file is never touched. */
export class DatabaseOpenError extends Error {
  readonly problem: DatabaseProblem;
  readonly file: string;

  constructor(problem: DatabaseProblem, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseOpenError';
    this.problem = problem;
    this.file = file;
  }
}
