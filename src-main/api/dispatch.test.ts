import { describe, expect, it } from 'vitest';
import { callNames } from '../../src-shared/api/contract';
import { AppError } from '../../src-shared/api/errors';
import { createMemoryLogger } from '../core/logger';
import { createDispatch, type Handlers } from './dispatch';

function handlersWith(overrides: Partial<Handlers>): Handlers {
  const unused = () => {
    throw new Error('not used in this test');
  };
  const table = Object.fromEntries(callNames.map((name) => [name, unused])) as unknown as Handlers;
  return { ...table, ...overrides };
}

describe('createDispatch', () => {
  it('passes validated input to the handler and returns its output', async () => {
    const seen: unknown[] = [];
    const dispatch = createDispatch(
      handlersWith({
        updatePreferences: (input) => {
          seen.push(input);
          return { theme: input.theme ?? 'system', lastScreen: '#/learn' };
        },
      }),
      createMemoryLogger(),
    );
    expect(await dispatch('updatePreferences', { theme: 'dark' })).toEqual({
      ok: true,
      value: { theme: 'dark', lastScreen: '#/learn' },
    });
    expect(seen).toEqual([{ theme: 'dark' }]);
  });

  it('names an unknown call, including names that exist on every object', async () => {
    const dispatch = createDispatch(handlersWith({}), createMemoryLogger());
    for (const name of ['dropTables', 'constructor', '__proto__', 'toString']) {
      const result = await dispatch(name, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CALL' } });
    }
  });

  it('rejects bad input with the failing field in words, before the handler runs', async () => {
    let ran = false;
    const dispatch = createDispatch(
      handlersWith({
        updatePreferences: () => {
          ran = true;
          return { theme: 'system', lastScreen: '#/learn' };
        },
      }),
      createMemoryLogger(),
    );
    const result = await dispatch('updatePreferences', { theme: 'purple', extra: 1 });
    expect(ran).toBe(false);
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.code).toBe('INVALID_INPUT');
    expect(result.error.message).toMatch(/^Invalid input for updatePreferences: /);
    expect(result.error.message).toContain('theme:');
    expect(result.error.details).toMatchObject({
      issues: expect.arrayContaining([expect.objectContaining({ path: 'theme' })]),
    });
  });

  it('keeps the code and message of a known failure', async () => {
    const dispatch = createDispatch(
      handlersWith({
        getAppInfo: () => {
          throw new AppError('NOT_FOUND', 'No such draft.', { id: 7 });
        },
      }),
      createMemoryLogger(),
    );
    expect(await dispatch('getAppInfo', {})).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such draft.', details: { id: 7 } },
    });
  });

  it('logs an unexpected failure with its stack and gives the UI only an id', async () => {
    const logger = createMemoryLogger();
    const dispatch = createDispatch(
      handlersWith({
        getAppInfo: () => {
          throw new TypeError('cannot read secrets of undefined');
        },
      }),
      logger,
    );
    const result = await dispatch('getAppInfo', {});
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.code).toBe('INTERNAL');
    expect(result.error.errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(JSON.stringify(result)).not.toContain('secrets');
    expect(logger.lines.join('\n')).toContain(`error id ${result.error.errorId ?? ''}`);
    expect(logger.lines.join('\n')).toContain('TypeError: cannot read secrets of undefined');
  });

  it('treats a handler that breaks the output contract as a fault, not as data', async () => {
    const logger = createMemoryLogger();
    const dispatch = createDispatch(
      handlersWith({ getPreferences: () => ({ theme: 'sepia' }) as never }),
      logger,
    );
    const result = await dispatch('getPreferences', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(logger.lines.join('\n')).toContain('breaks the contract');
  });
});
