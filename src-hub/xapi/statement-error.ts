type Json = Record<string, unknown>;

export class StatementError extends Error {
  constructor(
    readonly status: 400 | 403 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface Writer {
  /** The LRS-assigned authority (§2.4.9): who vouches for these statements. */
  authority: Json;
  credentialKey: string;
  /** For device credentials: the identifiers the actor must carry; null when any actor may be written. */
  allowedActors: string[] | null;
}
