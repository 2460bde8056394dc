import { describe, expect, it } from 'vitest';
import { courseCriteriaNarrative } from './criteria';

describe('courseCriteriaNarrative', () => {
  it('names what the course asks: lessons, each knowledge check with its pass mark, exercises, reflections', () => {
    const narrative = courseCriteriaNarrative({ title: 'Basics', passMark: 0.75 }, [
      { kind: 'lesson', title: 'Hello' },
      { kind: 'lesson', title: 'Again' },
      { kind: 'quiz', title: 'Check', passMark: null },
      { kind: 'quiz', title: 'Final', passMark: 0.9 },
      { kind: 'exercise', title: 'Write it' },
      { kind: 'reflection', title: 'Think' },
    ]);
    expect(narrative).toBe(
      'Completed every item of the course “Basics”:\n\n' +
        '- read all 2 lessons\n' +
        '- passed 2 knowledge checks: “Check” with at least 75%; “Final” with at least 90%\n' +
        '- wrote the writing exercise “Write it”, each draft marked ready against the company’s guidelines\n' +
        '- answered the reflection “Think”',
    );
  });

  it('claims no exercise, reflection or knowledge check for a course without one', () => {
    const narrative = courseCriteriaNarrative({ title: 'Reading only', passMark: 0.8 }, [
      { kind: 'lesson', title: 'One' },
    ]);
    expect(narrative).toBe('Completed every item of the course “Reading only”:\n\n- read the lesson');
    expect(narrative).not.toMatch(/exercise|reflection|knowledge check|pass/);
  });

  it('writes a pass mark with its decimal when it has one', () => {
    expect(
      courseCriteriaNarrative({ title: 'T', passMark: 0.755 }, [{ kind: 'quiz', title: 'Q' }]),
    ).toContain('“Q” with at least 75.5%');
  });
});
