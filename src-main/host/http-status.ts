import type { ErrorCode } from '../../src-shared/api/errors';

export const statusForError: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UNKNOWN_CALL: 404,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PACK_INVALID: 422,
  GUIDELINES_UNACKNOWLEDGED: 409,
  EXERCISE_INCOMPLETE: 409,
  TOO_LARGE: 413,
  UNREACHABLE: 502,
  INTERNAL: 500,
};
