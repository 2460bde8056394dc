import { describe, expect, it } from 'vitest';
import { negotiateVersion, toXapi103 } from './versions';

describe('xAPI versions', () => {
  it('sends in 2.0 when the record store speaks it, else 1.0.3 for any 1.0.x, else not at all', () => {
    expect(negotiateVersion(['2.0.0', '1.0.3'])).toBe('2.0.0');
    expect(negotiateVersion(['1.0.0', '1.0.1'])).toBe('1.0.3');
    expect(negotiateVersion(['1.0'])).toBe('1.0.3');
    expect(negotiateVersion(['0.95', 0.9])).toBeNull();
    expect(negotiateVersion([])).toBeNull();
  });

  it('drops the context properties 2.0 added and says 1.0.3, in a sub-statement too', () => {
    const agent = { objectType: 'contextAgent', agent: { mbox: 'mailto:a@example.com' } };
    const statement = {
      id: 'x',
      version: '2.0.0',
      context: { language: 'en', contextAgents: [agent], contextGroups: [] },
      object: { objectType: 'SubStatement', context: { contextAgents: [agent], platform: 'p' } },
    };
    expect(toXapi103(statement)).toEqual({
      id: 'x',
      version: '1.0.3',
      context: { language: 'en' },
      object: { objectType: 'SubStatement', context: { platform: 'p' } },
    });
  });
});
