/**
 * A part of a query that Graph only serves for directory objects as an "advanced query": with the header
 * `ConsistencyLevel: eventual` and, except for `$search`, `$count=true`.
 */
export type AdvancedFeature =
  | { readonly kind: 'count' }
  | { readonly kind: 'search' }
  /** `ne`, `not`, `endswith`, or an operator the catalog marks advanced for a property. */
  | { readonly kind: 'operator'; readonly operator: string; readonly property: string | undefined }
  /** `$orderby` on a property the catalog marks advanced-only. */
  | { readonly kind: 'sort'; readonly property: string }
  /** `$filter` and `$orderby` in the same request. */
  | { readonly kind: 'filter-with-orderby' };
