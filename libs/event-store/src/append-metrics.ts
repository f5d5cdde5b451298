import { Histogram, register } from 'prom-client';

/** Event-append latency, per process (the worker does nearly all appends; it serves its own /metrics). */
export const appendSeconds: Histogram<'events'> =
  (register.getSingleMetric('talentflow_event_append_seconds') as Histogram<'events'> | undefined) ??
  new Histogram({
    name: 'talentflow_event_append_seconds',
    help: 'Time to append a batch of events (one transaction: version check, hash chain, inline read models)',
    labelNames: ['events'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  });
