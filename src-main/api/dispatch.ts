import { randomUUID } from 'node:crypto';
import {
  contract,
  isCallName,
  type CallName,
  type CallOutput,
  type ValidInput,
} from '../../src-shared/api/contract';
import { AppError, describeIssues, type ApiError, type CallResult } from '../../src-shared/api/errors';
import type { Logger } from '../core/logger';

export type Handler<N extends CallName> = (input: ValidInput<N>) => CallOutput<N> | Promise<CallOutput<N>>;

/** One handler per call in the contract; TypeScript refuses a table that misses one. */
export type Handlers = { [N in CallName]: Handler<N> };

/** The handlers of one domain, merged into the full table in core/app.ts. */
export type DomainHandlers<N extends CallName> = { [K in N]: Handler<K> };

export type Dispatch = (name: string, input: unknown) => Promise<CallResult<unknown>>;

function failure(error: ApiError): CallResult<never> {
  return { ok: false, error };
}

/**
 * Validates the input against the contract, runs the handler, validates its output, and turns every
 * failure into a value: known ones keep their code, unknown ones are logged with their stack under an id.
 */
export function createDispatch(handlers: Handlers, logger: Logger): Dispatch {
  return async (name, input) => {
    if (!isCallName(name)) {
      return failure({ code: 'UNKNOWN_CALL', message: `There is no call named "${name}".` });
    }
    const spec = contract[name];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error.issues);
      return failure({
        code: 'INVALID_INPUT',
        message: `Invalid input for ${name}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        details: { issues },
      });
    }
    try {
      const handler = handlers[name] as Handler<CallName>;
      const value = await handler(parsed.data as never);
      const checked = spec.output.safeParse(value);
      if (!checked.success) {
        throw new Error(`${name} returned a value that breaks the contract: ${checked.error.message}`);
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return failure(error.toApiError());
      const errorId = randomUUID().slice(0, 8);
      logger.error(`call ${name} failed [error id ${errorId}]`, error);
      return failure({
        code: 'INTERNAL',
        message: `Something went wrong in Advocate Studio (error id ${errorId}).`,
        errorId,
      });
    }
  };
}
