import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  GuidelineSet,
  acknowledgementKey,
  checkGuidelines,
  isPrivateHost,
  unacknowledged,
} from './guidelines';
import type { Check, Finding } from './guidelines';
import type { Channel } from '../packs/items';

/** A set with one rule of the given check. */
function setWith(check: unknown, extra: Record<string, unknown> = {}): GuidelineSet {
  return GuidelineSet.parse({
    id: 'test-set',
    title: 'Test set',
    rules: [
      {
        id: 'rule',
        title: 'A rule',
        explanation: 'Why it exists.',
        howToFollow: 'What to do instead.',
        severity: 'must',
        check,
        ...extra,
      },
    ],
  });
}

function run(text: string, check: Check | Record<string, unknown>, channel: Channel = 'blog'): Finding[] {
  return checkGuidelines(text, { channel }, [setWith(check)]);
}

/** The [start, end, excerpt] of each finding. */
function spans(findings: Finding[]): [number, number, string][] {
  return findings.map((finding) => [finding.start, finding.end, finding.excerpt]);
}

/** Where `needle` occurs in `text` (the `nth` time), as [start, end, needle]. */
function at(text: string, needle: string, nth = 0): [number, number, string] {
  let index = -1;
  for (let count = 0; count <= nth; count += 1) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in text`);
  return [index, index + needle.length, needle];
}

const disclosure = {
  kind: 'disclosure',
  employer: ['Northwind', 'Northwind Relay', 'Relay Cloud'],
  disclosurePhrases: ['I work at', 'my employer', '#employee', 'disclosure:'],
};

describe('disclosure rules', () => {
  it('flags each mention of the employer when nothing discloses it', () => {
    const text = 'I love northwind relay. Relay Cloud is great, and so is NORTHWIND.';
    expect(spans(run(text, disclosure))).toEqual([
      at(text, 'northwind relay'),
      at(text, 'Relay Cloud'),
      at(text, 'NORTHWIND'),
    ]);
  });

  it('is cleared by a disclosure anywhere in the text or the title, in any case', () => {
    expect(run('Northwind Relay is great.\n\nDisclosure: it pays my salary.', disclosure)).toEqual([]);
    expect(run('Northwind Relay is great. #Employee', disclosure)).toEqual([]);
    expect(run('As i WORK AT Northwind, I know Relay Cloud.', disclosure)).toEqual([]);
    const set = setWith(disclosure);
    expect(checkGuidelines('Relay Cloud is great.', { channel: 'x', title: 'My employer' }, [set])).toEqual(
      [],
    );
  });

  it('matches whole words only, for mentions and disclosures', () => {
    expect(run('The Northwinds of Relay Cloudy fame.', disclosure)).toEqual([]);
    // "my employers" is not the phrase "my employer", so it does not disclose.
    expect(spans(run('my employers like Northwind', disclosure))).toEqual([[18, 27, 'Northwind']]);
    expect(spans(run('Northwind#employees', disclosure))).toEqual([[0, 9, 'Northwind']]);
  });

  it('lets phrases span line breaks and extra spaces', () => {
    const text = 'Northwind\nRelay is mine; I  work\nat home.';
    expect(run(text, disclosure)).toEqual([]);
  });
});

describe('terms rules', () => {
  const terms = { kind: 'terms', terms: ['Heron', 'Project Heron', 'Contoso Bank'] };

  it('flags every occurrence with exact spans, longest phrase first', () => {
    const text = 'Project Heron ships soon; heron and Contoso  Bank know.';
    expect(spans(run(text, terms))).toEqual([
      at(text, 'Project Heron'),
      at(text, 'heron'),
      at(text, 'Contoso  Bank'),
    ]);
  });

  it('matches whole words, so Heronsgate and Herons are not Heron', () => {
    expect(run('We met in Heronsgate; herons flew by; Blueheron.', terms)).toEqual([]);
    expect(spans(run('(Heron)', terms))).toEqual([[1, 6, 'Heron']]);
  });

  it('is Unicode-aware', () => {
    const unicode = { kind: 'terms', terms: ['Zürich', 'Проект Цапля', '東京'] };
    const text = 'In ZÜRICH and zürich, Проект цапля; Zürichsee; 東京 😀 Zürich.';
    expect(spans(run(text, unicode))).toEqual([
      at(text, 'ZÜRICH'),
      at(text, 'zürich'),
      at(text, 'Проект цапля'),
      at(text, '東京'),
      at(text, 'Zürich', 1),
    ]);
    // A letter with a combining accent is still part of the word.
    expect(run('Zürich\u0301', unicode)).toEqual([]);
  });

  it('respects caseSensitive', () => {
    const sensitive = { kind: 'terms', terms: ['Heron'], caseSensitive: true };
    const text = 'heron, HERON and Heron';
    expect(spans(run(text, sensitive))).toEqual([at(text, 'Heron')]);
  });
});

describe('patterns rules', () => {
  const patterns = {
    kind: 'patterns',
    patterns: [
      { regex: String.raw`\bwe will grow revenue\b`, flags: 'i' },
      { regex: String.raw`next quarter's earnings` },
      { regex: String.raw`\bexpect\b.*\bgrowth\b`, flags: 'is' },
    ],
  };

  it('flags each match with exact spans', () => {
    const text = "We will grow revenue. Watch next quarter's earnings!";
    expect(spans(run(text, patterns))).toEqual([
      at(text, 'We will grow revenue'),
      at(text, "next quarter's earnings"),
    ]);
    expect(run("We grew revenue. Next quarter's earnings are out.", patterns)).toEqual([]);
  });

  it('runs each pattern on one paragraph at a time', () => {
    const text = 'We expect strong\n\ngrowth. I expect growth.';
    expect(spans(run(text, patterns))).toEqual([at(text, 'expect growth')]);
    // With the s flag, . crosses a single line break but never a blank line.
    const oneParagraph = 'We expect\ngrowth.';
    expect(spans(run(oneParagraph, patterns))).toEqual([at(oneParagraph, 'expect\ngrowth')]);
  });

  it('names the rule when a pattern is invalid, too long, needs backtracking or is flagged wrongly', () => {
    const bad = (pattern: { regex: string; flags?: string }) =>
      GuidelineSet.safeParse({
        id: 'set',
        title: 'Set',
        rules: [
          {
            id: 'forward-looking',
            title: 'T',
            explanation: 'E',
            howToFollow: 'H',
            severity: 'must',
            check: { kind: 'patterns', patterns: [pattern] },
          },
        ],
      });
    for (const pattern of [
      { regex: '(unclosed' },
      { regex: 'a'.repeat(301) },
      { regex: 'price(?= target)' },
      { regex: String.raw`(\w+) \1` },
      { regex: 'ok', flags: 'g' },
      { regex: 'ok', flags: 'ii' },
    ]) {
      const result = bad(pattern);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/^Rule "forward-looking": pattern/);
      expect(result.error?.issues[0]?.path).toEqual(['rules', 0, 'check', 'patterns', 0, 'regex']);
    }
    expect(bad({ regex: 'a'.repeat(300), flags: 'imsu' }).success).toBe(true);
  });
});

describe('internal-links rules', () => {
  const links = {
    kind: 'internal-links',
    hosts: ['intranet.example.com', '*.corp.example'],
    privateAddresses: true,
  };

  it('flags Markdown links, autolinks and bare URLs to internal hosts', () => {
    const text =
      'See [the wiki](https://intranet.example.com/wiki/Relay "Wiki"), ' +
      '<http://build.corp.example/job/1>, https://INTRANET.example.com/a?b=1. ' +
      'Also intranet.example.com/page and docs.intranet.example.com.';
    expect(spans(run(text, links))).toEqual([
      at(text, '[the wiki](https://intranet.example.com/wiki/Relay "Wiki")'),
      at(text, '<http://build.corp.example/job/1>'),
      at(text, 'https://INTRANET.example.com/a?b=1'),
      at(text, 'intranet.example.com/page'),
      at(text, 'docs.intranet.example.com'),
    ]);
  });

  it('flags private addresses that reveal a machine', () => {
    const text =
      'Try http://10.0.0.5:8080/admin, [build](http://192.168.40.12), jenkins.internal:8080/job, ' +
      'http://printer.local/, (https://172.20.0.1/) and the host 10.42.7.19/32.';
    expect(spans(run(text, links))).toEqual([
      at(text, 'http://10.0.0.5:8080/admin'),
      at(text, '[build](http://192.168.40.12)'),
      at(text, 'jenkins.internal:8080/job'),
      at(text, 'http://printer.local/'),
      at(text, 'https://172.20.0.1/'),
      at(text, '10.42.7.19/32'),
    ]);
    expect(isPrivateHost('172.15.0.1')).toBe(false);
    expect(isPrivateHost('172.31.255.255')).toBe(true);
    expect(isPrivateHost('api.internal')).toBe(true);
    expect(isPrivateHost('[::1]')).toBe(true);
    expect(isPrivateHost('8.8.8.8')).toBe(false);
  });

  it('leaves loopback, well-known names, defaults and generic blocks alone', () => {
    const text =
      'Open localhost:3000/x or http://127.0.0.1:8080, call host.docker.internal:5432, ' +
      'log in to your router at http://192.168.1.1, allow 10.0.0.0/8 and 172.16.0.0/12, ' +
      'route 10.20.0.0/16, ask http://169.254.169.254/latest/meta-data and http://[::1]:9000/.';
    expect(run(text, links)).toEqual([]);
  });

  it('leaves code alone when the rule skips it, and reads it when not', () => {
    const text =
      'Run `curl http://10.8.1.4/health` or:\n\n```sh\nssh deploy@10.8.1.5\ncurl db.corp.internal\n```\n';
    expect(spans(run(text, links)).map(([, , excerpt]) => excerpt)).toEqual([
      'http://10.8.1.4/health',
      'db.corp.internal',
    ]);
    expect(checkGuidelines(text, { channel: 'blog' }, [setWith(links, { skipCode: true })])).toEqual([]);
  });

  it('leaves public links, e-mail addresses, the bare host itself for *. patterns and prose alone', () => {
    const text =
      'Read [docs](https://docs.example.com/relay), https://example.com/intranet.example.com.html, ' +
      'mail jo@intranet.example.com, corp.example, version 10.0.0 and [top](#top). We run on localhost.';
    expect(run(text, links)).toEqual([]);
  });

  it('flags private addresses only when asked', () => {
    expect(run('http://10.1.2.3/', { kind: 'internal-links', hosts: ['intranet.example.com'] })).toEqual([]);
  });
});

describe('reading the text', () => {
  it('matches across curly apostrophes, quotes and odd spaces, marking the original text', () => {
    const text = 'We\u2019ll grow\u00A0revenue and \u201Cdisclosure:\u201D';
    const check = { kind: 'patterns', patterns: [{ regex: "we'll grow revenue", flags: 'i' }] };
    expect(spans(run(text, check))).toEqual([[0, 18, 'We\u2019ll grow\u00A0revenue']]);
  });

  it('discloses with a pattern as well as a phrase', () => {
    const check = {
      ...disclosure,
      disclosurePatterns: [
        { regex: String.raw`\bI'm (?:an?|on the) [^.]{0,40}\bat Northwind\b`, flags: 'i' },
      ],
    };
    expect(run('I\u2019m on the support team at Northwind. Relay Cloud helps.', check)).toEqual([]);
    expect(run('My friend is on the team at Northwind.', check)).toHaveLength(1);
  });
});

describe('profanity rules', () => {
  const profanity = { kind: 'profanity', words: ['damn', 'crap'] };

  it('flags whole words in any case', () => {
    const text = 'Damn, that was CRAP. Damnation and scrap are fine; damn!';
    expect(spans(run(text, profanity))).toEqual([at(text, 'Damn'), at(text, 'CRAP'), at(text, 'damn', 0)]);
  });

  it('flags inflected forms of one-word entries, unless asked not to', () => {
    const text = 'A shitty, crappy build; it crapped out and the damned thing kept shitting logs.';
    const words = { kind: 'profanity', words: ['shit', 'crap', 'damn'] };
    expect(spans(run(text, words)).map(([, , excerpt]) => excerpt)).toEqual([
      'shitty',
      'crappy',
      'crapped',
      'damned',
      'shitting',
    ]);
    expect(run(text, { ...words, inflections: false })).toEqual([]);
    expect(run('Scrappy, shiitake and crapaud stay.', words)).toEqual([]);
  });

  it('leaves words inside allowed names alone', () => {
    const text = 'Practise on Damn Vulnerable Web Application. Damn, it is slow.';
    const check = { kind: 'profanity', words: ['damn'], allow: ['Damn Vulnerable Web Application'] };
    expect(spans(run(text, check))).toEqual([at(text, 'Damn', 1)]);
  });
});

describe('length rules', () => {
  const length = {
    kind: 'length',
    limits: {
      linkedin: { max: 10, unit: 'characters' },
      forum: { max: 3, unit: 'words' },
      x: { max: 20, unit: 'x-weighted' },
    },
  };

  it('spans the characters past a channel’s limit, counting graphemes', () => {
    const text = 'Hé 👋🏽 world, hello';
    // H é space 👋🏽 space w o r l d = 10 graphemes.
    expect(spans(run(text, length, 'linkedin'))).toEqual([at(text, ', hello')]);
    expect(run('0123456789', length, 'linkedin')).toEqual([]);
  });

  it('spans the words past the limit', () => {
    const text = 'One two — three four five';
    expect(spans(run(text, length, 'forum'))).toEqual([at(text, 'four five')]);
    expect(run('One two — three', length, 'forum')).toEqual([]);
  });

  it('counts X posts as X does, each post between --- lines on its own', () => {
    const text = '日本語の文章です。 and more';
    // Each CJK character weighs 2: nine of them, a space and "a" fill the 20.
    expect(spans(run(text, length, 'x'))).toEqual([at(text, 'nd more')]);
    const thread = 'A first post fits.\n---\nA second post is too long.\n---\nThe third is fine.';
    // The excess starts after the space at the limit.
    expect(spans(run(thread, length, 'x'))).toEqual([at(thread, 'long.')]);
    expect(run('Short\n---\nposts only', length, 'x')).toEqual([]);
    // A URL counts 23 whatever its length, so a short link may take a post over.
    const url = 'See https://a.co/x';
    expect(spans(run(url, length, 'x'))).toEqual([at(url, 'https://a.co/x')]);
  });

  it('does nothing on channels without a limit', () => {
    const long = 'word '.repeat(2000);
    expect(run(long, length, 'blog')).toEqual([]);
    expect(run(long, length, 'internal')).toEqual([]);
  });
});

describe('channels and sets', () => {
  it('runs a channel-limited rule only on its channels', () => {
    const set = setWith({ kind: 'terms', terms: ['Heron'] }, { channels: ['linkedin', 'x'] });
    expect(checkGuidelines('Heron', { channel: 'blog' }, [set])).toEqual([]);
    expect(checkGuidelines('Heron', { channel: 'x' }, [set])).toHaveLength(1);
  });

  it('fills findings from the rule and sorts them across sets', () => {
    const a = GuidelineSet.parse({
      id: 'a',
      title: 'A',
      rules: [
        {
          id: 'code-names',
          title: 'Keep code names inside',
          explanation: 'They are unannounced.',
          howToFollow: 'Describe the work instead.',
          lesson: 'what-stays-inside',
          severity: 'must',
          check: { kind: 'terms', terms: ['Heron'] },
        },
      ],
    });
    const b = setWith({ kind: 'profanity', words: ['damn'] });
    const findings = checkGuidelines('damn Heron damn', { channel: 'forum' }, [a, b]);
    expect(findings.map((finding) => [finding.setId, finding.ruleId, finding.start])).toEqual([
      ['test-set', 'rule', 0],
      ['a', 'code-names', 5],
      ['test-set', 'rule', 11],
    ]);
    expect(findings[1]).toEqual({
      ruleId: 'code-names',
      setId: 'a',
      title: 'Keep code names inside',
      severity: 'must',
      explanation: 'They are unannounced.',
      howToFollow: 'Describe the work instead.',
      lesson: 'what-stays-inside',
      start: 5,
      end: 10,
      excerpt: 'Heron',
      occurrence: 0,
    });
    expect(findings[0]).not.toHaveProperty('lesson');
  });

  it('rejects unknown kinds, duplicate rule ids and bad slugs', () => {
    expect(() => setWith({ kind: 'vibes' })).toThrow();
    expect(() => setWith({ kind: 'terms', terms: [] })).toThrow();
    expect(() => setWith({ kind: 'terms', terms: ['x'] }, { id: 'Not A Slug' })).toThrow();
    expect(() => setWith({ kind: 'terms', terms: ['x'] }, { surprise: true })).toThrow();
    const rule = {
      id: 'same',
      title: 'T',
      explanation: 'E',
      howToFollow: 'H',
      severity: 'should',
      check: { kind: 'terms', terms: ['x'] },
    };
    const result = GuidelineSet.safeParse({ id: 'set', title: 'S', rules: [rule, rule] });
    expect(result.error?.issues[0]?.message).toBe('Rule id "same" is used twice');
  });
});

describe('acknowledgements', () => {
  const set = setWith({ kind: 'terms', terms: ['Heron'] });

  it('keys findings by rule, excerpt and occurrence, stable under edits elsewhere', () => {
    const before = checkGuidelines('Heron and Heron', { channel: 'blog' }, [set]);
    const after = checkGuidelines('Intro. Heron, then Heron', { channel: 'blog' }, [set]);
    expect(before.map(acknowledgementKey)).toEqual(after.map(acknowledgementKey));
    expect(new Set(before.map(acknowledgementKey)).size).toBe(2);

    const acknowledged = [acknowledgementKey(before[0] as Finding)];
    expect(unacknowledged(after, acknowledged)).toEqual([after[1]]);
    expect(unacknowledged(after, new Set())).toEqual(after);
  });
});

describe('a long draft', () => {
  it('checks 5,000 words against ten rules', () => {
    const rules = [
      { kind: 'disclosure', employer: ['Northwind', 'Relay Cloud'], disclosurePhrases: ['I work at'] },
      { kind: 'terms', terms: ['Project Heron', 'Heron'] },
      { kind: 'terms', terms: ['Contoso Bank'], caseSensitive: true },
      { kind: 'patterns', patterns: [{ regex: String.raw`\bexpect\b.*\bgrowth\b`, flags: 'i' }] },
      { kind: 'patterns', patterns: [{ regex: 'we will grow revenue', flags: 'i' }] },
      { kind: 'internal-links', hosts: ['intranet.example.com'], privateAddresses: true },
      { kind: 'profanity', words: ['damn', 'crap'] },
      { kind: 'length', limits: { blog: { max: 4000, unit: 'words' } } },
      { kind: 'length', limits: { blog: { max: 100000, unit: 'characters' } } },
      { kind: 'terms', terms: ['Zürich'] },
    ].map((check, index) => ({
      id: `rule-${index}`,
      title: `Rule ${index}`,
      explanation: 'Why.',
      howToFollow: 'How.',
      severity: 'should',
      check,
    }));
    const set = GuidelineSet.parse({ id: 'big', title: 'Big', rules });
    const paragraph =
      'Our team at Northwind tuned the message broker so queues drain faster under load, and the ' +
      'lessons apply to any system that moves events between services at scale. See https://example.com/a.';
    const words = paragraph.split(' ').length; // 35
    const paragraphs = Array.from({ length: Math.ceil(5000 / words) + 1 }, () => paragraph);
    paragraphs[10] = 'Project Heron, http://10.20.0.7/x and damn.';
    const text = paragraphs.join('\n\n');
    expect(text.split(/\s+/).length).toBeGreaterThanOrEqual(5000);

    const findings = checkGuidelines(text, { channel: 'blog' }, [set]);
    const byRule = (id: string) => findings.filter((finding) => finding.ruleId === id);
    expect(byRule('rule-0')).toHaveLength(paragraphs.length - 1);
    expect(byRule('rule-1').map((finding) => finding.excerpt)).toEqual(['Project Heron']);
    expect(byRule('rule-5').map((finding) => finding.excerpt)).toEqual(['http://10.20.0.7/x']);
    expect(byRule('rule-6').map((finding) => finding.excerpt)).toEqual(['damn']);
    expect(byRule('rule-7')).toHaveLength(1);
    expect(byRule('rule-7')[0]?.end).toBe(text.length);
    expect(findings).toHaveLength(paragraphs.length - 1 + 4);
  });
});

describe('docs/guidelines.example.yaml', () => {
  // Tests run on Node, but src-shared's TypeScript has neither Node types nor URL: load them untyped.
  const fsModule = 'node:fs';
  const load = async (): Promise<unknown> => {
    const fs = (await import(/* @vite-ignore */ fsModule)) as {
      readFileSync(path: object, encoding: 'utf8'): string;
    };
    const { URL: FileUrl } = globalThis as unknown as { URL: new (path: string, base: string) => object };
    const { url } = import.meta as ImportMeta & { url: string };
    return parse(fs.readFileSync(new FileUrl('../../docs/guidelines.example.yaml', url), 'utf8'));
  };

  it('is a valid guideline set with every kind of rule and real lessons', async () => {
    const set = GuidelineSet.parse(await load());
    expect(new Set(set.rules.map((rule) => rule.check.kind))).toEqual(
      new Set(['disclosure', 'terms', 'patterns', 'internal-links', 'profanity', 'secrets', 'length']),
    );
    const lessons = set.rules.flatMap((rule) => (rule.lesson === undefined ? [] : [rule.lesson]));
    for (const lesson of lessons) {
      expect([
        'disclose-your-employer',
        'what-stays-inside',
        'ask-first-and-when-things-go-wrong',
        'linkedin-and-x',
      ]).toContain(lesson);
    }
  });

  it('finds the undisclosed product, the code name and the rest in a sample draft', async () => {
    const set = GuidelineSet.parse(await load());
    const draft =
      'Northwind Relay cut our latency in half, and Project Heron will take it further.\n\n' +
      'Contoso Bank saw it first; the design is on https://wiki.northwind.example/relay. ' +
      'We\u2019ll grow revenue 40% next year. Bloody brilliant. We met at Heronsgate.';
    const findings = checkGuidelines(draft, { channel: 'linkedin' }, [set]);
    expect(findings.map((finding) => [finding.ruleId, finding.excerpt])).toEqual([
      ['disclose-your-employer', 'Northwind Relay'],
      ['confidential-code-names', 'Project Heron'],
      ['uncleared-customers', 'Contoso Bank'],
      ['no-internal-links', 'https://wiki.northwind.example/relay'],
      // A link to the employer's site mentions it too.
      ['disclose-your-employer', 'northwind'],
      ['forward-looking-statements', 'We\u2019ll grow revenue'],
      ['mind-your-language', 'Bloody'],
    ]);
    expect(findings[0]).toMatchObject({ severity: 'must', lesson: 'disclose-your-employer' });

    const disclosed = `${draft}\n\nDisclosure: I work at Northwind.`;
    expect(
      checkGuidelines(disclosed, { channel: 'linkedin' }, [set]).some(
        (finding) => finding.ruleId === 'disclose-your-employer',
      ),
    ).toBe(false);

    const long = `${'a'.repeat(3000)}b`;
    expect(spans(checkGuidelines(long, { channel: 'linkedin' }, [set]))).toEqual([[3000, 3001, 'b']]);
    expect(checkGuidelines(long, { channel: 'blog' }, [set])).toEqual([]);
  });
});
