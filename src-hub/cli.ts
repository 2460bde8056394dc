import { createCredential, listCredentials, revokeCredential } from './auth/credentials';
import { invitationLink, invitationText } from '../src-shared/sync/invitation';
import { createEnrolmentCode } from './auth/enrolment';
import { parseHubArgs, UsageError, USAGE, type HubConfig } from './config';
import { openHubDb } from './db/open';
import { serveHub } from './serve';
import { getIssuerProfile, issuerDidDocument, rotateIssuerKey, setIssuerProfile } from './credentials/issuer';
import { listBadges, revokeBadge } from './credentials/store';
import { didWebForUrl } from '../src-shared/certificates/did-web';

/** `npm run hub -- …`: start the hub, or run one admin command against its database and exit. */
async function main(argv: string[]): Promise<number> {
  let config: HubConfig;
  try {
    config = parseHubArgs(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`hub: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (config.command.kind === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (config.command.kind === 'serve') {
    await serveHub(config);
    return 0;
  }
  const database = await openHubDb(config.database);
  try {
    return await admin(config, database.db);
  } finally {
    await database.close();
  }
}

async function admin(config: HubConfig, db: Awaited<ReturnType<typeof openHubDb>>['db']): Promise<number> {
  const { command } = config;
  const now = new Date();
  const print = (human: string, json: unknown) => console.log(config.json ? JSON.stringify(json) : human);
  switch (command.kind) {
    case 'credentials-create': {
      const issued = await createCredential(db, { name: command.name, role: config.role }, 'cli', now);
      print(
        `key:    ${issued.key}\nsecret: ${issued.secret}\nrole:   ${issued.role}\n\nThe secret is shown only now: store it where the client can read it.`,
        issued,
      );
      return 0;
    }
    case 'credentials-revoke': {
      const revoked = await revokeCredential(db, command.key, 'cli', now);
      if (!revoked) {
        console.error(`hub: no live credential has the key ${command.key}`);
        return 1;
      }
      print(`revoked ${command.key}`, { revoked: command.key });
      return 0;
    }
    case 'credentials-list': {
      const rows = await listCredentials(db);
      const lines = rows.map(
        (row) =>
          `${row.key}  ${row.role.padEnd(10)}  ${row.revokedAt ? 'revoked ' : 'live    '}  ${row.createdAt.toISOString()}  seen ${row.lastSeenAt?.toISOString() ?? 'never'}  ${row.name}`,
      );
      print(lines.length > 0 ? lines.join('\n') : 'no credentials yet', rows);
      return 0;
    }
    case 'enrolment-create': {
      const { code, expiresAt } = await createEnrolmentCode(
        db,
        config.expiresInMs,
        'cli',
        now,
        config.email,
        config.team,
      );
      const invitation = {
        hub: config.publicUrl ?? `http://${config.host}:${config.port}/`,
        code,
        email: config.email,
      };
      const text = invitationText({ ...invitation, expiresAt: expiresAt.toISOString() });
      print(
        `enrolment code: ${code}\nexpires:        ${expiresAt.toISOString()}\n\nIt works once. An invitation to send (its link fills in the hub, the code and the email):\n\n${text}`,
        {
          code,
          expiresAt: expiresAt.toISOString(),
          invitation: invitationLink(invitation),
          invitationText: text,
        },
      );
      return 0;
    }
    case 'issuer-set': {
      const profile = { name: command.name, url: config.issuerUrl, image: config.issuerImage };
      await setIssuerProfile(db, profile, 'cli', now);
      const did = didWebForUrl(config.publicUrl ?? `http://${config.host}:${config.port}/`);
      print(
        `The hub now issues Open Badges as ${profile.name}${profile.url ? ` (${profile.url})` : ''}, signed as ${did}.`,
        { ...profile, did },
      );
      return 0;
    }
    case 'issuer-show': {
      const profile = await getIssuerProfile(db);
      const document = await issuerDidDocument(
        db,
        config.publicUrl ?? `http://${config.host}:${config.port}/`,
      );
      print(
        profile
          ? `name:  ${profile.name}\nurl:   ${profile.url ?? '-'}\nimage: ${profile.image ? 'set' : '-'}\ndid:   ${String(document['id'])}\nkeys:  ${(document['assertionMethod'] as string[]).join(', ')}`
          : 'No issuer yet: the hub issues no badges until "issuer set --name COMPANY".',
        { profile, didDocument: document },
      );
      return 0;
    }
    case 'issuer-rotate-key': {
      if (!(await getIssuerProfile(db))) {
        console.error('hub: no issuer yet: name the company first with "issuer set --name COMPANY"');
        return 1;
      }
      const key = await rotateIssuerKey(db, 'cli', now);
      print(`New badges are signed with ${key}; earlier keys stay published, so their badges still verify.`, {
        key,
      });
      return 0;
    }
    case 'badges-list': {
      const rows = await listBadges(db);
      const lines = rows.map(
        (row) =>
          `${row.id}  ${row.revokedAt ? 'revoked' : 'valid  '}  ${row.public ? 'public ' : 'private'}  ${row.issuedAt.toISOString()}  ${row.learnerName}  ${row.achievementId}`,
      );
      print(lines.length > 0 ? lines.join('\n') : 'no badges issued yet', rows);
      return 0;
    }
    case 'badges-revoke': {
      const outcome = await revokeBadge(db, command.id, 'cli', now);
      if (outcome === 'unknown') {
        console.error(`hub: no badge has the id ${command.id}`);
        return 1;
      }
      print(outcome === 'already' ? `${command.id} was already revoked` : `revoked ${command.id}`, {
        revoked: command.id,
        already: outcome === 'already',
      });
      return 0;
    }
    default:
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`hub: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
