/** One measured figure of a benchmark, printed as a row of `npm run bench`'s table. */
export interface BenchResult {
  /** What was measured, e.g. "GET /v1.0/servicePrincipals?$top=1 (authenticated)". */
  name: string;
  value: number;
  /** Unit of `value`, e.g. "req/s", "ms", "ratio", "MiB". */
  unit: string;
  /** The target, written as a human reads it, e.g. ">= 0.4". */
  goal?: string;
  /** Whether the goal is met; omitted when there is no goal. */
  ok?: boolean;
}

/** A benchmark module (bench/<name>.bench.ts) default-exports one of these. */
export interface Benchmark {
  name: string;
  run(): Promise<BenchResult[]>;
}
