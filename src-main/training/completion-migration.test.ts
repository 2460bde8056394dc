import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Learner } from '../../src-shared/api/schemas';
import type { CertificateDetail, CertificateSummary, QuizAttempt } from '../../src-shared/training/schemas';
import { writeTestPack } from '../../src-packs/testing/test-pack';
import { DATABASE_FILE_NAME } from '../core/paths';
import { openDatabase } from '../db/open';
import { useTestCores } from '../testing/app-core';
import { migrationsBefore } from '../testing/migrations';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();
const startCore = useTestCores();
const learnerId = '00000000-0000-4000-8000-00000000000a';

/**
 * A data folder as the app left it before migration 0015: a learner (named `name`), a finished quiz attempt
 * that got question "one" wrong, and, for a named learner, the course's certificate.
 */
function databaseBefore0015(name: string): string {
  const dataDir = tempDir();
  mkdirSync(dataDir, { recursive: true });
  const before = openDatabase({
    file: join(dataDir, DATABASE_FILE_NAME),
    migrationsDir: migrationsBefore('0015_welcome_quiz_order_certificate_history', tempDir),
  });
  try {
    before.sqlite.prepare('INSERT INTO learner (id, name, created_at) VALUES (?, ?, 1)').run(learnerId, name);
    before.sqlite
      .prepare(
        `INSERT INTO quiz_attempts (id, pack_id, item_id, answers, started_at, finished_at, score, passed)
         VALUES ('00000000-0000-4000-8000-0000000000b1', 'test-pack', 'check', ?, 2, 3, 0.5, 0)`,
      )
      .run(JSON.stringify({ one: { type: 'single', choice: 1 }, two: { type: 'truefalse', value: true } }));
    if (name !== 'Learner') {
      before.sqlite
        .prepare(
          `INSERT INTO certificates (id, pack_id, pack_version, course_id, course_title, course_summary, learner_id,
             learner_name, issued_at, score, credential) VALUES (?, 'test-pack', '1.2.0', 'basics', 'Basics', NULL, ?, ?, 4, 1, '{}')`,
        )
        .run('00000000-0000-4000-8000-0000000000c1', learnerId, name);
    }
  } finally {
    before.close();
  }
  return dataDir;
}

async function open(dataDir: string) {
  const bundled = tempDir();
  writeTestPack(join(bundled, 'test-pack'));
  const core = await startCore(dataDir, { bundledPacksDir: bundled });
  const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
    const result = await core.dispatch(name, input);
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value as T;
  };
  return call;
}

describe('migration 0015 (welcome, quiz order, certificate history)', () => {
  it('keeps a learner who had renamed themselves named and welcomed, with their certificate re-issuable', async () => {
    const call = await open(databaseBefore0015('Ada Lovelace'));
    expect(await call<Learner>('getLearner')).toMatchObject({
      id: learnerId,
      name: 'Ada Lovelace',
      named: true,
      welcomed: true,
    });
    const [certificate] = await call<CertificateSummary[]>('listCertificates');
    expect(certificate).toMatchObject({ learnerName: 'Ada Lovelace' });
    await call('updateLearner', { name: 'Ada King' });
    const renewed = await call<CertificateDetail>('reissueCertificate', { certificateId: certificate?.id });
    expect(renewed).toMatchObject({ learnerName: 'Ada King', history: [{ learnerName: 'Ada Lovelace' }] });
  });

  it('welcomes a learner still called "Learner", and a retry still knows what the old attempt missed', async () => {
    const call = await open(databaseBefore0015('Learner'));
    expect(await call<Learner>('getLearner')).toMatchObject({ named: false, welcomed: false });
    const retry = await call<QuizAttempt>('startQuiz', { packId: 'test-pack', itemId: 'check' });
    expect(retry.missedLastTime).toEqual(['one']);
  });
});
