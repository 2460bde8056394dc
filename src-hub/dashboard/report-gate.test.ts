import { describe, expect, it } from 'vitest';
import { ReportGate, ReportsBusyError } from './report-gate';

/** A query that finishes when told to, recording when it started. */
function controlled(log: string[], name: string) {
  let finish: (value: string) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const query = () => {
    log.push(`start ${name}`);
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { query, finish: (value = name) => finish(value), fail: (error: Error) => fail(error) };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ReportGate', () => {
  it('runs at most its limit at once, and the rest in the order they came', async () => {
    const gate = new ReportGate(2);
    const log: string[] = [];
    const a = controlled(log, 'a');
    const b = controlled(log, 'b');
    const c = controlled(log, 'c');
    const d = controlled(log, 'd');
    const answers = [a, b, c, d].map((q, i) => gate.run(`report ${i}`, q.query));
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    expect(gate.load).toEqual({ running: 2, waiting: 2 });
    b.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c']);
    a.finish();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'start c', 'start d']);
    c.finish();
    d.finish();
    expect(await Promise.all(answers)).toEqual(['a', 'b', 'c', 'd']);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('hands a freed slot to the next in line before any newcomer', async () => {
    const gate = new ReportGate(1);
    const log: string[] = [];
    const a = controlled(log, 'a');
    const b = controlled(log, 'b');
    const c = controlled(log, 'c');
    const first = gate.run('a', a.query);
    const second = gate.run('b', b.query);
    await settle();
    a.finish();
    const third = gate.run('c', c.query);
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    b.finish();
    await settle();
    c.finish();
    expect(await Promise.all([first, second, third])).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['start a', 'start b', 'start c']);
  });

  it('answers an identical request with the run under way, and runs it afresh once that ends', async () => {
    const gate = new ReportGate(1);
    const log: string[] = [];
    const one = controlled(log, 'one');
    const first = gate.run('completions {}', one.query);
    const same = gate.run('completions {}', () => Promise.reject(new Error('not run')));
    await settle();
    one.finish('answer');
    expect(await first).toBe('answer');
    expect(await same).toBe('answer');
    expect(log).toEqual(['start one']);
    const later = controlled(log, 'later');
    const again = gate.run('completions {}', later.query);
    await settle();
    later.finish('newer');
    expect(await again).toBe('newer');
    expect(log).toEqual(['start one', 'start later']);
  });

  it('gives a failure to everyone who shared the run, and frees its slot', async () => {
    const gate = new ReportGate(1);
    const log: string[] = [];
    const broken = controlled(log, 'broken');
    const first = gate.run('k', broken.query);
    const shared = gate.run('k', broken.query);
    const next = controlled(log, 'next');
    const other = gate.run('other', next.query);
    await settle();
    broken.fail(new Error('database gone'));
    await expect(first).rejects.toThrow('database gone');
    await expect(shared).rejects.toThrow('database gone');
    await settle();
    next.finish();
    expect(await other).toBe('next');
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('tells a newcomer to come back when the queue is full, while an identical request still shares a run', async () => {
    const gate = new ReportGate(1);
    const log: string[] = [];
    const first = controlled(log, 'first');
    const running = gate.run('first', first.query);
    const queued = Array.from({ length: ReportGate.MAX_WAITING }, (_, i) =>
      gate.run(`queued ${i}`, async () => `queued ${i}`),
    );
    await settle();
    expect(gate.load).toEqual({ running: 1, waiting: ReportGate.MAX_WAITING });
    await expect(gate.run('one too many', async () => 'never')).rejects.toBeInstanceOf(ReportsBusyError);
    const shared = gate.run('first', () => Promise.reject(new Error('not run')));
    first.finish('done');
    expect(await running).toBe('done');
    expect(await shared).toBe('done');
    expect(await Promise.all(queued)).toHaveLength(ReportGate.MAX_WAITING);
    expect(gate.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses a limit below one', () => {
    expect(() => new ReportGate(0)).toThrow('at least 1');
  });
});
