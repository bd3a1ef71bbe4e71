/**
 * `@odata.context`: `https://host/v1.0/$metadata#users`, with `$select`ed properties
 * (`#users(id,displayName)`) and, for a single entity, `/$entity` (`#users/$entity`).
 * `entitySet` is the path Graph names, e.g. `servicePrincipals('{id}')/synchronization/jobs`.
 */
export function contextUrl(
  baseUrl: string,
  version: string,
  entitySet: string,
  select?: readonly string[],
  kind: 'collection' | 'entity' = 'collection',
): string {
  const projection = select !== undefined && select.length > 0 ? `(${select.join(',')})` : '';
  const entity = kind === 'entity' ? '/$entity' : '';
  return `${baseUrl.replace(/\/+$/, '')}/${version}/$metadata#${entitySet}${projection}${entity}`;
}
