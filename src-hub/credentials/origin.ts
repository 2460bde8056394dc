import type { FastifyRequest } from 'fastify';

/** The address a request reached the hub at (`http://127.0.0.1:8420/`), when no --public-url is set. */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}/`;
}
