/**
 * Graph `applicationTemplate` (graph-sync-api.md §4.1): a gallery entry that
 * `POST /applicationTemplates/{id}/instantiate` turns into an application and service principal.
 */
export interface ApplicationTemplate {
  readonly id: string;
  readonly displayName: string;
  readonly homePageUrl: string | null;
  /** `oidc`, `password`, `saml`, `notSupported`; gallery entries also show `external`. */
  readonly supportedSingleSignOnModes: readonly string[];
  /** `sync` when the app supports automatic provisioning. */
  readonly supportedProvisioningTypes: readonly string[];
  readonly logoUrl: string | null;
  /** Camel-case category keys as the gallery returns them (`developerServices`, `crm`…). */
  readonly categories: readonly string[];
  readonly publisher: string | null;
  readonly description: string | null;
}

/** A catalog entry: the Graph template plus the synchronization templates its service principals offer. */
export interface ApplicationTemplateEntry {
  readonly applicationTemplate: ApplicationTemplate;
  /** Ids of the synchronization templates listed under `…/synchronization/templates` after instantiation. */
  readonly synchronizationTemplateIds: readonly string[];
}
