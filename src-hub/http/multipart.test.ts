import { describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from './multipart';

const body = (text: string) => Buffer.from(text.replaceAll('\n', '\r\n'), 'latin1');

describe('reading a multipart/mixed body (RFC 2046)', () => {
  it('reads the boundary, quoted or not', () => {
    expect(boundaryOf('multipart/mixed; boundary=abc123')).toBe('abc123');
    expect(boundaryOf(`multipart/mixed; boundary="abcABC0123'()+_,-./:=?"`)).toBe("abcABC0123'()+_,-./:=?");
    expect(() => boundaryOf('multipart/mixed;')).toThrow('needs a boundary parameter');
  });

  it("splits the spec's own example into its parts, headers and bytes", () => {
    const parts = parseMultipart(
      body(`--b0
Content-Type:application/json

{"a":1}
--b0
Content-Type:text/plain
Content-Transfer-Encoding:binary
X-Experience-API-Hash:495395e7

here is a simple attachment
--b0--
`),
      'b0',
    );
    expect(parts).toHaveLength(2);
    expect(parts[0]?.headers.get('content-type')).toBe('application/json');
    expect(parts[0]?.body.toString()).toBe('{"a":1}');
    expect(parts[1]?.headers.get('x-experience-api-hash')).toBe('495395e7');
    expect(parts[1]?.body.toString()).toBe('here is a simple attachment');
  });

  it('keeps binary bytes, CRLFs inside a part and a preamble apart from the parts', () => {
    const bytes = Buffer.from([0, 13, 10, 255, 45, 45, 13, 10]);
    const raw = Buffer.concat([
      body('a preamble\n--b\nContent-Type: application/octet-stream\n\n'),
      bytes,
      body('\n--b\n\nno headers here\n--b--'),
    ]);
    const parts = parseMultipart(raw, 'b');
    expect(parts[0]?.body).toEqual(bytes);
    expect(parts[1]?.headers.size).toBe(0);
    expect(parts[1]?.body.toString()).toBe('no headers here');
  });

  it.each([
    ['Content-Type: application/json\n\n{}\n', 'no line --b opens a part'],
    ['Content-Type: application/json\n\n{}\n--b--', 'it has no parts'],
    ['--b\nContent-Type: application/json\n\n{}', 'the body does not end with --b--'],
    ['--b\nContent-Type: application/json\n{}\n--b--', 'a part has no empty line ending its headers'],
    ['--b\nnot a header\n\n{}\n--b--', "a part's header line has no name"],
    ['--b--', 'it has no parts'],
    ['--b\nContent-Type: text/plain; x=\u0000\n\n{}\n--b--', "a part's header holds a control character"],
    ['--bx\n\n{}\n--b--', 'a boundary line does not end the line'],
  ])('refuses %j', (text, problem) => {
    expect(() => parseMultipart(body(text), 'b')).toThrow(problem);
  });
});
