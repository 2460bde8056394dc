import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundaryOf, parseMultipart } from '../http/multipart';
import { attachmentFor, attachmentPart, multipart, sha256, type Part } from '../testing/attachments';
import { HUB_START_TIMEOUT, startTestHub, testBackends, xapiFetch, type TestHub } from '../testing/hub';
import { mboxStatement } from '../testing/statements';

type Json = Record<string, unknown>;

/** Bytes that would trip a careless parser: NUL, CRLFs, a dash run, bytes that are not UTF-8. */
const CERTIFICATE = Buffer.from([
  0x25, 0x50, 0x44, 0x46, 0, 13, 10, 45, 45, 13, 10, 0xff, 0xfe, 0x80, 13, 10,
]);
const NOTES = Buffer.from('Notes from the session.\r\nSecond line.');

describe.each(testBackends)(
  'statements with attachments, multipart/mixed (Data 2.4.11), on %s',
  (backend) => {
    let hub: TestHub;
    let x: ReturnType<typeof xapiFetch>;
    beforeAll(async () => {
      hub = await startTestHub(backend, { maxBodyBytes: 64 * 1024, maxMultipartBytes: 256 * 1024 });
      x = xapiFetch(hub, (await hub.credential('lrs-client')).auth);
    }, HUB_START_TIMEOUT);
    afterAll(async () => hub?.close());

    const post = (statements: unknown, parts: Part[], method = 'POST', path = '/xapi/statements') => {
      const { contentType, body } = multipart(statements, parts);
      return x(path, { method, body, headers: { 'content-type': contentType } });
    };
    const withAttachments = (...attachments: Json[]) => ({
      ...mboxStatement('ada@example.com'),
      attachments,
    });
    const message = (response: { json: unknown }) => (response.json as { message: string }).message;

    it('stores attachments sent as parts and returns them, each once, with attachments=true', async () => {
      const first = withAttachments(
        attachmentFor(CERTIFICATE, 'application/pdf'),
        attachmentFor(NOTES, 'text/plain'),
      );
      const second = withAttachments(attachmentFor(CERTIFICATE, 'application/pdf'));
      const parts = [attachmentPart(CERTIFICATE, 'application/pdf'), attachmentPart(NOTES, 'text/plain')];
      const posted = await post([first, second], parts);
      expect(posted.status, posted.text).toBe(200);
      expect(posted.json).toEqual([first['id'], second['id']]);

      const plain = await x(`/xapi/statements?statementId=${first['id'] as string}`);
      expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
      expect((plain.json as Json)['attachments']).toEqual(first['attachments']);

      const one = await x(`/xapi/statements?statementId=${first['id'] as string}&attachments=true`);
      expect(one.status).toBe(200);
      const [json, ...bytes] = parseMultipart(one.bytes, boundaryOf(one.headers.get('content-type') ?? ''));
      expect(json?.headers.get('content-type')).toBe('application/json');
      expect((JSON.parse(json?.body.toString() ?? '') as Json)['id']).toBe(first['id']);
      expect(bytes.map((part) => part.body)).toEqual([CERTIFICATE, NOTES]);
      expect(bytes.map((part) => part.headers.get('x-experience-api-hash'))).toEqual([
        sha256(CERTIFICATE),
        sha256(NOTES),
      ]);
      expect(bytes.every((part) => part.headers.get('content-transfer-encoding') === 'binary')).toBe(true);
      expect(bytes[0]?.headers.get('content-type')).toBe('application/pdf');

      const agent = encodeURIComponent(JSON.stringify({ mbox: 'mailto:ada@example.com' }));
      const page = await x(`/xapi/statements?agent=${agent}&limit=2&attachments=true`);
      const [result, ...pageBytes] = parseMultipart(
        page.bytes,
        boundaryOf(page.headers.get('content-type') ?? ''),
      );
      const statements = (JSON.parse(result?.body.toString() ?? '') as { statements: Json[] }).statements;
      expect(statements.map((s) => s['id'])).toEqual([second['id'], first['id']]);
      expect(pageBytes.map((part) => part.body)).toEqual([CERTIFICATE, NOTES]);
    });

    it('takes PUT, a multipart body without attachments, and attachments that only have a fileUrl', async () => {
      const id = randomUUID();
      const put = await post(
        { ...withAttachments(attachmentFor(NOTES, 'text/plain')), id },
        [attachmentPart(NOTES, 'text/plain')],
        'PUT',
        `/xapi/statements?statementId=${id}`,
      );
      expect(put.status, put.text).toBe(204);
      expect((await post(mboxStatement('ada@example.com'), [])).status).toBe(200);
      const linked = withAttachments({
        ...attachmentFor(NOTES, 'text/plain'),
        fileUrl: 'https://example.com/notes.txt',
      });
      expect((await post(linked, [])).status).toBe(200);
    });

    it.each([
      [
        'an attachment without fileUrl whose hash matches no part',
        () => post(withAttachments(attachmentFor(NOTES, 'text/plain')), []),
        'attachments[0].sha2: no part of the request has this hash, and the attachment has no fileUrl',
      ],
      [
        'a part no attachment claims',
        () => post(mboxStatement('ada@example.com'), [attachmentPart(NOTES, 'text/plain')]),
        `part 2: no attachment of the statements has its hash (X-Experience-API-Hash ${sha256(NOTES)})`,
      ],
      [
        'a hash that is not the bytes’ hash',
        () =>
          post(withAttachments(attachmentFor(NOTES, 'text/plain')), [
            { ...attachmentPart(NOTES, 'text/plain'), content: 'other bytes' },
          ]),
        "part 2: X-Experience-API-Hash is not the SHA256 of the part's bytes",
      ],
      [
        'a part without X-Experience-API-Hash',
        () =>
          post(withAttachments(attachmentFor(NOTES, 'text/plain')), [
            { content: NOTES, headers: { 'Content-Type': 'text/plain' } },
          ]),
        'part 2: X-Experience-API-Hash is required on every part after the statements',
      ],
      [
        'a part that is not binary',
        () =>
          post(withAttachments(attachmentFor(NOTES, 'text/plain')), [
            {
              ...attachmentPart(NOTES, 'text/plain'),
              headers: {
                ...attachmentPart(NOTES, 'text/plain').headers,
                'Content-Transfer-Encoding': 'base64',
              },
            },
          ]),
        'part 2: Content-Transfer-Encoding must be binary, not base64',
      ],
      [
        'a length that is not the part’s',
        () =>
          post(withAttachments({ ...attachmentFor(NOTES, 'text/plain'), length: 3 }), [
            attachmentPart(NOTES, 'text/plain'),
          ]),
        `attachments[0].length: is 3 but part 2 holds ${NOTES.length} bytes`,
      ],
      [
        'a content type that is not the part’s',
        () => post(withAttachments(attachmentFor(NOTES, 'text/plain')), [attachmentPart(NOTES, 'image/png')]),
        'attachments[0].contentType: is text/plain but part 2 is image/png',
      ],
      [
        'statements that are not the first part',
        () =>
          x('/xapi/statements', {
            method: 'POST',
            body: multipart({}, []).body.toString().replace('application/json', 'text/plain'),
            headers: { 'content-type': multipart({}, []).contentType },
          }),
        'part 1: the first part holds the statements and must be Content-Type: application/json',
      ],
      [
        'no boundary',
        () =>
          x('/xapi/statements', {
            method: 'POST',
            body: 'x',
            headers: { 'content-type': 'multipart/mixed' },
          }),
        'Content-Type: multipart/mixed needs a boundary parameter.',
      ],
    ])('refuses %s with a 400 naming it, storing nothing', async (_what, send, expected) => {
      const before = await x('/xapi/statements?limit=0');
      const response = await send();
      expect(response.status, response.text).toBe(400);
      expect(message(response)).toBe(expected);
      const after = await x('/xapi/statements?limit=0');
      expect((after.json as { statements: unknown[] }).statements).toHaveLength(
        (before.json as { statements: unknown[] }).statements.length,
      );
    });

    it('refuses statements in any other content type with a 400, as multipart/form-data', async () => {
      const { body } = multipart(mboxStatement('ada@example.com'), []);
      const form = await x('/xapi/statements', {
        method: 'POST',
        body,
        headers: { 'content-type': 'multipart/form-data; boundary=b0undary-7f3a9c' },
      });
      expect(form.status).toBe(400);
      expect(message(form)).toBe(
        'Content-Type: statements are sent as application/json, or multipart/mixed with attachments',
      );
    });

    it('asks for credentials before reading a multipart body, so no stranger makes it buffer one', async () => {
      const { hostname, port } = new URL(hub.url);
      const status = await new Promise<number>((resolve, reject) => {
        const request = httpRequest({
          hostname,
          port,
          method: 'POST',
          path: '/xapi/statements',
          headers: { 'content-type': 'multipart/mixed; boundary=b', 'x-experience-api-version': '2.0.0' },
        });
        request.on('response', (response) => {
          resolve(response.statusCode ?? 0);
          request.destroy();
        });
        request.on('error', reject);
        request.write('--b\r\nContent-Type: application/json\r\n\r\n'); // and never the rest
      });
      expect(status).toBe(401);
    });

    it('refuses bodies over their limits with 413: the whole request, and the statements part alone', async () => {
      const big = Buffer.alloc(300 * 1024, 7);
      const tooBig = await post(withAttachments(attachmentFor(big, 'application/octet-stream')), [
        attachmentPart(big, 'application/octet-stream'),
      ]);
      expect(tooBig.status).toBe(413);
      const longName = { ...mboxStatement('ada@example.com'), result: { response: 'x'.repeat(100 * 1024) } };
      const jsonTooBig = await post(longName, []);
      expect(jsonTooBig.status).toBe(413);
      expect(message(jsonTooBig)).toContain('part 1');
    });

    it("gives a device only the bytes that came with its own learner's statements", async () => {
      const ada = await hub.enrolDevice(`ada-${randomUUID()}@example.com`);
      const mallory = await hub.enrolDevice(`mallory-${randomUUID()}@example.com`);
      const secret = Buffer.from(`Ada's private reflection ${randomUUID()}`);
      const own = (agent: Json, attachment: Json) => ({
        ...mboxStatement('x@example.com'),
        actor: agent,
        attachments: [attachment],
      });
      const sent = multipart(own(ada.agent, attachmentFor(secret, 'text/plain')), [
        attachmentPart(secret, 'text/plain'),
      ]);
      const adaX = xapiFetch(hub, ada.auth);
      expect(
        (await adaX('/xapi/statements', { body: sent.body, headers: { 'content-type': sent.contentType } }))
          .status,
      ).toBe(200);
      // Mallory names the same hash with a fileUrl: no part needed, so the hub must not hand her Ada's bytes.
      const claim = own(mallory.agent, {
        ...attachmentFor(secret, 'text/plain'),
        fileUrl: 'https://example.com/x',
      });
      const malloryX = xapiFetch(hub, mallory.auth);
      expect((await malloryX('/xapi/statements', { body: claim })).status).toBe(200);
      const got = await malloryX(`/xapi/statements?statementId=${claim['id'] as string}&attachments=true`);
      const parts = parseMultipart(got.bytes, boundaryOf(got.headers.get('content-type') ?? ''));
      expect(parts).toHaveLength(1);
      expect(got.bytes.includes(secret)).toBe(false);
    });
  },
);
