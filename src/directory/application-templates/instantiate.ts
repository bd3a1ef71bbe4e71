import type { Kysely } from 'kysely';
import type { Database } from '../../store/database.js';
import { newApplication, type Application } from '../applications/application.js';
import { insertApplication } from '../applications/application-repository.js';
import { newGuid } from '../guid.js';
import { newServicePrincipal, type ServicePrincipal } from '../service-principals/service-principal.js';
import { insertServicePrincipal } from '../service-principals/service-principal-repository.js';
import type { ApplicationTemplate } from './application-template.js';

const integratedAppTags = ['WindowsAzureActiveDirectoryIntegratedApp'];

/**
 * `instantiate`: a new app registration and its service principal, both linked to the template so the
 * service principal lists the template's synchronization templates. Each call makes a new pair (new appId).
 */
export async function instantiateApplicationTemplate(
  db: Kysely<Database>,
  template: ApplicationTemplate,
  displayName: string,
): Promise<{ application: Application; servicePrincipal: ServicePrincipal }> {
  const appId = newGuid();
  const application = newApplication({
    id: newGuid(),
    appId,
    displayName,
    applicationTemplateId: template.id,
    tags: [...integratedAppTags],
  });
  const servicePrincipal = newServicePrincipal({
    id: newGuid(),
    appId,
    displayName,
    applicationTemplateId: template.id,
    homepage: template.homePageUrl,
    tags: [...integratedAppTags, 'WindowsAzureActiveDirectoryCustomSingleSignOnApplication'],
  });
  await db.transaction().execute(async (trx) => {
    await insertApplication(trx, application);
    await insertServicePrincipal(trx, servicePrincipal);
  });
  return { application, servicePrincipal };
}
