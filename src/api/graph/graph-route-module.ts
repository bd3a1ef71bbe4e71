import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../service-context.js';

export type GraphVersion = 'v1.0' | 'beta';

/**
 * A group of Graph routes. It is registered once per API version, under `/v1.0` and `/beta`, inside the
 * context that enforces bearer authentication; routes declare `config.permissions`.
 */
export type GraphRouteModule = (app: FastifyInstance, options: { context: ServiceContext; version: GraphVersion }) => void;
