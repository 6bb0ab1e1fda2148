import type { Context } from 'aws-lambda';
import { ENV } from '#adapters/aws/schema.js';
import { createObservability, type Observability } from './aws-clients.js';

/** A function's handler before instrumentation: the event in, the response out. */
export type Handler<E, R> = (event: E) => Promise<R>;

/**
 * Wraps a handler with Powertools: Lambda context on every log line, a cold-start metric, an X-Ray
 * subsegment with cold-start and service annotations (errors attached), and the invocation's EMF
 * metrics flushed when it ends, whether it succeeded or threw.
 */
export function instrument<E, R>(
  observability: Observability,
  handler: Handler<E, R>,
): (event: E, context: Context) => Promise<R> {
  const { logger, metrics, tracer } = observability;
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
    const segment = parent?.addNewSubsegment(`## ${context.functionName}`);
    if (segment) tracer.setSegment(segment);
    tracer.annotateColdStart();
    tracer.addServiceNameAnnotation();
    try {
      return await handler(event);
    } catch (error) {
      tracer.addErrorAsMetadata(error as Error);
      throw error;
    } finally {
      segment?.close();
      if (parent) tracer.setSegment(parent);
      if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    }
  };
}

/** Instruments a handler of the named function, reading its stage from the environment (composition root only). */
export function instrumentFor<E, R>(
  serviceName: string,
  env: Record<string, string | undefined>,
  handler: Handler<E, R>,
): (event: E, context: Context) => Promise<R> {
  return instrument(createObservability(serviceName, env[ENV.stage] ?? 'unknown'), handler);
}
