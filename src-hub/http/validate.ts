import type { z } from 'zod';

export class InputError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Parses an HTTP input with zod, or throws a 400 naming the first field at fault (`topic: too long`). */
export function parseInput<T extends z.ZodType>(schema: T, input: unknown, code = 'bad_request'): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path =
    issue?.path.join('.') || (issue?.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(input)');
  throw new InputError(code, `${path}: ${issue?.message ?? 'invalid'}`);
}
