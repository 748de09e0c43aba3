import { Counter, Gauge, Histogram, collectDefaultMetrics, register, type Registry } from 'prom-client';

let defaultsCollected = false;

/** Starts prom-client's default Node metrics once per process, labelled with the service name. */
export function initMetrics(service: string): Registry {
  if (!defaultsCollected) {
    register.setDefaultLabels({ service });
    collectDefaultMetrics({ register });
    defaultsCollected = true;
  }
  return register;
}

/** Returns the metric registered under `name` or registers a new one: safe when modules load twice. */
export function counter(name: string, help: string, labelNames: string[] = []): Counter<string> {
  return (register.getSingleMetric(name) as Counter<string>) ?? new Counter({ name, help, labelNames });
}

/** Same as counter(), for histograms. */
export function histogram(name: string, help: string, labelNames: string[] = [], buckets?: number[]): Histogram<string> {
  return (register.getSingleMetric(name) as Histogram<string>) ?? new Histogram({ name, help, labelNames, ...(buckets ? { buckets } : {}) });
}

/** Same as counter(), for gauges. */
export function gauge(name: string, help: string, labelNames: string[] = []): Gauge<string> {
  return (register.getSingleMetric(name) as Gauge<string>) ?? new Gauge({ name, help, labelNames });
}

/** HTTP latency of every service, labelled by method, route template and status code. */
export function httpRequestDuration(): Histogram<string> {
  return histogram('http_request_duration_seconds', 'HTTP request duration in seconds', ['method', 'route', 'status_code'], [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]);
}
