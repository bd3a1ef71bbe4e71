import type { FastifyRequest } from 'fastify';
import { requires } from '../../auth/permissions.js';
import type { GraphRouteModule } from '../../api/graph/graph-route-module.js';
import { odataContext } from '../../api/graph/odata-context.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../errors/graph-error.js';
import { runtimeOf } from '../jobs/job-service.js';
import { findOwnerTemplate, listOwnerTemplates } from '../owner-templates.js';
import { newSchemaVersion, prepareSchemaUpdate } from '../schema-update.js';
import { parseSynchronizationInput, synchronizationTemplateSchema, type SynchronizationSchema, type SynchronizationTemplate } from '../schema/index.js';
import type { SynchronizationOwner } from '../synchronization-owner.js';
import { defaultSchemaForFactoryTag, findSynchronizationTemplate } from '../templates/index.js';
import { deleteCustomTemplate, saveCustomTemplate } from '../templates-store.js';
import { ownerCollections, ownerOf, type OwnerParams } from './owner-params.js';

type TemplateParams = OwnerParams & { templateId: string };

function requireApplication(owner: SynchronizationOwner) {
  if (!owner.application) {
    throw new BadRequestError('Templates can only be changed for a service principal whose application registration is in this tenant.');
  }
  return owner.application;
}

/** Templates: list, get, create (201), replace (PATCH or PUT, 204), delete; and each template's schema. */
export const templateRoutes: GraphRouteModule = (app, { context, version }) => {
  const { db } = context.store;
  const read = { config: { permissions: requires.synchronizationRead } };
  const write = { config: { permissions: requires.synchronizationWrite } };

  const loadTemplate = async (request: FastifyRequest<{ Params: TemplateParams }>, owner: SynchronizationOwner) => {
    const template = await findOwnerTemplate(db, owner, request.params.templateId);
    if (!template) throw new NotFoundError(`The synchronization template '${request.params.templateId}' was not found.`, { code: 'ResourceNotFound' });
    return template;
  };

  for (const collection of ownerCollections) {
    const templates = `/${collection}/:ownerId/synchronization/templates`;
    const templatePath = `${templates}/:templateId`;

    app.get<{ Params: OwnerParams }>(templates, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/templates`),
        value: await listOwnerTemplates(db, owner),
      };
    });

    app.get<{ Params: TemplateParams }>(templatePath, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/templates/$entity`),
        ...(await loadTemplate(request, owner)),
      };
    });

    const parseTemplate = (body: unknown): SynchronizationTemplate => {
      const input = parseSynchronizationInput(synchronizationTemplateSchema, body, 'synchronizationTemplate');
      const schema: SynchronizationSchema | null =
        input.schema !== null
          ? prepareSchemaUpdate(input.schema, input.schema.id || input.id, runtimeOf(input.id).expressionDialect)
          : input.factoryTag
            ? structuredClone(defaultSchemaForFactoryTag(input.factoryTag) ?? null)
            : null;
      return { ...input, schema };
    };

    app.post<{ Params: OwnerParams }>(templates, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const application = requireApplication(owner);
      const template = parseTemplate(request.body);
      if (await findOwnerTemplate(db, owner, template.id)) {
        throw new ConflictError(`A synchronization template with id '${template.id}' already exists.`, { code: 'ObjectConflict' });
      }
      await saveCustomTemplate(db, application.id, template);
      return reply.status(201).send({
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/templates/$entity`),
        ...template,
      });
    });

    const replaceTemplate = async (request: FastifyRequest<{ Params: TemplateParams }>) => {
      const owner = await ownerOf(request, context, collection);
      const application = requireApplication(owner);
      await loadTemplate(request, owner);
      const template = parseTemplate({ ...(request.body as object), id: request.params.templateId });
      await saveCustomTemplate(db, application.id, template);
    };
    app.patch<{ Params: TemplateParams }>(templatePath, write, async (request, reply) => {
      await replaceTemplate(request);
      return reply.status(204).send();
    });
    app.put<{ Params: TemplateParams }>(templatePath, write, async (request, reply) => {
      await replaceTemplate(request);
      return reply.status(204).send();
    });

    app.delete<{ Params: TemplateParams }>(templatePath, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const application = requireApplication(owner);
      await loadTemplate(request, owner);
      if (!(await deleteCustomTemplate(db, application.id, request.params.templateId))) {
        throw new BadRequestError(`The template '${request.params.templateId}' is built in and cannot be deleted.`);
      }
      return reply.status(204).send();
    });

    app.get<{ Params: TemplateParams }>(`${templatePath}/schema`, read, async (request) => {
      const owner = await ownerOf(request, context, collection);
      const template = await loadTemplate(request, owner);
      if (!template.schema) throw new NotFoundError(`The template '${template.id}' has no schema.`);
      return {
        '@odata.context': odataContext(request, context, version, `${owner.contextPath}/synchronization/templates('${template.id}')/schema/$entity`),
        ...template.schema,
      };
    });

    app.put<{ Params: TemplateParams }>(`${templatePath}/schema`, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const application = requireApplication(owner);
      const template = await loadTemplate(request, owner);
      const schema = prepareSchemaUpdate(request.body, template.schema?.id || template.id, runtimeOf(template.id).expressionDialect);
      await saveCustomTemplate(db, application.id, { ...template, schema });
      return reply.status(204).send();
    });

    app.delete<{ Params: TemplateParams }>(`${templatePath}/schema`, write, async (request, reply) => {
      const owner = await ownerOf(request, context, collection);
      const application = requireApplication(owner);
      const template = await loadTemplate(request, owner);
      const reset =
        (template.factoryTag ? defaultSchemaForFactoryTag(template.factoryTag) : undefined) ?? findSynchronizationTemplate(template.id)?.schema ?? null;
      await saveCustomTemplate(db, application.id, {
        ...template,
        schema: reset === null ? null : { ...structuredClone(reset), version: newSchemaVersion() },
      });
      return reply.status(204).send();
    });
  }
};
