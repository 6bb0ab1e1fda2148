import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The CloudWatch namespace of every Auto-Flow metric (EMF); the stage is a default dimension. */
export const METRICS_NAMESPACE = 'AutoFlow';

/** Logger, metrics and tracer of one function, shared by its handler wrapper and its dependencies. */
export interface Observability {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly tracer: Tracer;
}

const loggers = new Map<string, Logger>();
// One tracer per process: every SDK client of the function reports into the same trace.
let tracer: Tracer | undefined;

/** Powertools logger for one function, one per service name; correlation ids are appended per invocation by the functions. */
export function createLogger(serviceName: string): Logger {
  const existing = loggers.get(serviceName);
  if (existing) return existing;
  const logger = new Logger({ serviceName });
  loggers.set(serviceName, logger);
  return logger;
}

/** The process's X-Ray tracer (a no-op outside Lambda, or when POWERTOOLS_TRACE_ENABLED is false). */
export function getTracer(serviceName?: string): Tracer {
  tracer ??= new Tracer(serviceName ? { serviceName } : {});
  return tracer;
}

/** Logger, EMF metrics (namespace `AutoFlow`, dimensions `service` and `stage`) and tracer for a function. */
export function createObservability(serviceName: string, stage: string): Observability {
  return {
    logger: createLogger(serviceName),
    metrics: new Metrics({ namespace: METRICS_NAMESPACE, serviceName, defaultDimensions: { stage } }),
    tracer: getTracer(serviceName),
  };
}

/** The DocumentClient every DynamoDB adapter shares (undefined attributes are dropped, not errors); traced. */
export function createDocumentClient(region: string): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(getTracer().captureAWSv3Client(new DynamoDBClient({ region })), {
    marshallOptions: { removeUndefinedValues: true },
  });
}
