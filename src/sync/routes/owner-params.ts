import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../../api/service-context.js';
import { resolveSynchronizationOwner, type OwnerCollection, type SynchronizationOwner } from '../synchronization-owner.js';

export interface OwnerParams {
  ownerId: string;
}

export const ownerCollections: readonly OwnerCollection[] = ['servicePrincipals', 'applications'];

export function ownerOf(request: FastifyRequest<{ Params: OwnerParams }>, context: ServiceContext, collection: OwnerCollection): Promise<SynchronizationOwner> {
  return resolveSynchronizationOwner(context.store.db, collection, request.params.ownerId);
}
