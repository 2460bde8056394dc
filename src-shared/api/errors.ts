import { z } from 'zod';

/** Every known failure has a code; the UI turns codes into words (src-renderer/src/lib/error-words.ts). */
export const errorCodes = [
  'INVALID_INPUT',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PACK_INVALID',
  'GUIDELINES_UNACKNOWLEDGED',
  'EXERCISE_INCOMPLETE',
  'TOO_LARGE',
  'UNREACHABLE',
  'INTERNAL',
] as const;

export const ErrorCode = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiError = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
  /** Set for unexpected failures: the id under which the main process logged the stack. */
  errorId: z.string().optional(),
});
export type ApiError = z.infer<typeof ApiError>;

/**
 * The details of a failure at the company hub (or the record store in its place) rather than in this app:
 * the words then name the hub, not Advocate Studio.
 */
export const hubFailure = { part: 'hub' } as const;

export function failedAtHub(error: ApiError): boolean {
  const details = error.details as { part?: unknown } | undefined;
  return details?.part === 'hub';
}

export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const CallResultEnvelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: ApiError }),
]);

/** A known failure a service throws on purpose; handlers turn it into `{ code, message, details }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export interface InputIssue {
  path: string;
  message: string;
}

/** Flattens zod issues into `field.path: what is wrong` pairs a person can read. */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): InputIssue[] {
  return issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(input)',
    message: issue.message,
  }));
}
