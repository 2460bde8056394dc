import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CredentialRole } from '../db/schema/index';
import type { CredentialVerifier, Principal } from '../auth/credentials';
import type { SignInLimits } from '../auth/rate-limit';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Splits `Authorization: Basic base64(key:secret)`; null when the header is absent or malformed. */
export function parseBasic(header: string | undefined): { key: string; secret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** A preHandler that admits a live credential with one of `roles`, and slows down guessing (see SignInLimits). */
export function requireCredential(
  verifier: CredentialVerifier,
  limits: SignInLimits,
  roles: readonly CredentialRole[],
) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const basic = parseBasic(request.headers.authorization);
    const key = basic?.key ?? '';
    const wait = limits.retryAfter(request.ip, key);
    const principal = basic ? await verifier.verify(basic.key, basic.secret, { knownOnly: wait > 0 }) : null;
    if (!principal && wait > 0) {
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send({
          error: 'too_many_failures',
          message: `Too many failed sign-ins for this key from this address; try again in ${wait} s.`,
        });
    }
    if (!principal) {
      limits.fail(request.ip, key);
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="Advocate hub", charset="UTF-8"')
        .send({
          error: 'unauthorized',
          message: basic
            ? 'Unknown key, wrong secret, or a revoked credential.'
            : 'Send HTTP Basic credentials (key:secret).',
        });
    }
    if (!roles.includes(principal.role)) {
      return reply.code(403).send({
        error: 'forbidden',
        message: `A ${principal.role} credential may not do this (needs ${roles.join(' or ')}).`,
      });
    }
    request.principal = principal;
  };
}
