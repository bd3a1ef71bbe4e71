import type { FastifyReply } from 'fastify';

/** A `/$count` segment's answer: the number as plain text, as Graph sends it. */
export function sendCount(reply: FastifyReply, count: number): FastifyReply {
  return reply.type('text/plain; charset=utf-8').send(String(count));
}
