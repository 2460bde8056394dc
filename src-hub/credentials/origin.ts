import type { FastifyRequest } from 'fastify';

/**
 * Where the hub is, when no --public-url is set: the address and port the request reached on this machine
 * (`http://127.0.0.1:8420/`). Not the Host header, which the client chooses: a badge must not name a did:web or
 * status list a device made up.
 */
export function requestOrigin(request: FastifyRequest): string {
  const address = (request.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${String(request.socket.localPort)}/`;
}
