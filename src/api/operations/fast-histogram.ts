import type { Registry } from 'prom-client';

interface Series {
  readonly labels: Readonly<Record<string, string>>;
  /** Observations per bucket (not cumulative), the last one past the highest bound. */
  readonly counts: number[];
  sum: number;
  count: number;
}

interface MetricValue {
  readonly metricName: string;
  readonly labels: Readonly<Record<string, string | number>>;
  readonly value: number;
}

/**
 * A Prometheus histogram that costs little to observe: series are kept by their label values joined into one
 * key, and turned into Prometheus' bucket, sum and count lines only when scraped. prom-client's own histogram
 * validates and hashes the label object on every observation, which was a few per cent of the CPU of a small
 * Graph read (every request observes its latency and each of its store queries). Registered with a
 * prom-client registry, so `/metrics` serves it beside the other metrics.
 */
export class FastHistogram<LabelName extends string> {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  readonly #series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly LabelName[],
    private readonly buckets: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  /** Records `value` for the label values, given in the order of the label names. */
  observe(labelValues: readonly string[], value: number): void {
    const key = labelValues.join('\u0000');
    let series = this.#series.get(key);
    if (series === undefined) {
      const labels = Object.fromEntries(this.labelNames.map((name, index) => [name, labelValues[index] ?? '']));
      series = { labels, counts: new Array<number>(this.buckets.length + 1).fill(0), sum: 0, count: 0 };
      this.#series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.buckets.length && value > this.buckets[bucket]!) bucket += 1;
    series.counts[bucket]! += 1;
    series.sum += value;
    series.count += 1;
  }

  /** What prom-client's registry reads when `/metrics` is scraped. */
  get(): Promise<{ name: string; help: string; type: string; aggregator: string; values: MetricValue[] }> {
    const values: MetricValue[] = [];
    for (const series of this.#series.values()) {
      let cumulative = 0;
      for (const [index, bound] of [...this.buckets, Number.POSITIVE_INFINITY].entries()) {
        cumulative += series.counts[index]!;
        values.push({ metricName: `${this.name}_bucket`, labels: { le: bound === Number.POSITIVE_INFINITY ? '+Inf' : bound, ...series.labels }, value: cumulative });
      }
      values.push({ metricName: `${this.name}_sum`, labels: series.labels, value: series.sum });
      values.push({ metricName: `${this.name}_count`, labels: series.labels, value: series.count });
    }
    return Promise.resolve({ name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values });
  }

  reset(): void {
    this.#series.clear();
  }
}
