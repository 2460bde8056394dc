import { describe, expect, it } from 'vitest';
import { canonicalize } from './jcs';

/** An IEEE 754 double from its 16 hex digits, as RFC 8785 Appendix B lists them. */
function double(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('JCS (RFC 8785)', () => {
  it('canonicalises the §3.2.2 sample: literals, numbers and string escapes', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts member names by UTF-16 code units (§3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the Appendix B number %s as %s', (hex, expected) => {
    expect(canonicalize(double(hex))).toBe(expected);
  });

  it.each(['7fffffffffffffff', '7ff0000000000000', 'fff0000000000000'])(
    'rejects the Appendix B non-finite number %s',
    (hex) => {
      expect(() => canonicalize([double(hex)])).toThrow(/finite/);
    },
  );

  it('sorts nested objects, keeps array order and adds no whitespace', () => {
    expect(canonicalize({ b: [3, { z: 1, a: 2 }, 'x'], a: { d: true, c: null } })).toBe(
      '{"a":{"c":null,"d":true},"b":[3,{"a":2,"z":1},"x"]}',
    );
    expect(canonicalize([])).toBe('[]');
    expect(canonicalize({})).toBe('{}');
  });

  it('sorts by code unit, not by code point or locale', () => {
    // By code point U+1F600 would come last; by UTF-16 unit its high surrogate 0xD83D comes before
    // U+E000 and U+FF61.
    expect(canonicalize({ '\uff61': 1, '\ud83d\ude00': 2, '\ue000': 3, B: 4, a: 5 })).toBe(
      '{"B":4,"a":5,"\ud83d\ude00":2,"\ue000":3,"\uff61":1}',
    );
  });

  it('escapes control characters in lower-case hex and leaves other characters as they are', () => {
    expect(canonicalize('\u0000\u001f\u007f\b\f\n\r\t"\\/é')).toBe(
      '"\\u0000\\u001f\u007f\\b\\f\\n\\r\\t\\"\\\\/é"',
    );
  });

  it('leaves out undefined members, as JSON.stringify does', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
    const value = { x: [1, 'two', { y: null }], w: undefined };
    expect(canonicalize(value)).toBe(canonicalize(JSON.parse(JSON.stringify(value))));
  });

  it('rejects what JSON cannot carry faithfully', () => {
    expect(() => canonicalize('\ud800')).toThrow(/lone surrogate/);
    expect(() => canonicalize('a\udc00b')).toThrow(/lone surrogate/);
    expect(() => canonicalize({ '\ud800': 1 })).toThrow(/lone surrogate/);
    expect(() => canonicalize([undefined])).toThrow(/undefined/);
    expect(() => canonicalize(undefined)).toThrow(/undefined/);
    expect(() => canonicalize(1n)).toThrow(/bigint/);
    expect(() => canonicalize({ f: () => 1 })).toThrow(/function/);
    expect(() => canonicalize({ when: new Date(0) })).toThrow(/plain object/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalize(cyclic)).toThrow(/cycle/);
  });

  it('accepts a shared (non-cyclic) reference twice', () => {
    const shared = { k: 1 };
    expect(canonicalize({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.create(null) as Record<string, unknown>;
    bare.b = 2;
    bare.a = 1;
    expect(canonicalize(bare)).toBe('{"a":1,"b":2}');
  });
});
