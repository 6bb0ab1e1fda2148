import type { Logger } from '#lambdas/ports.js';

const LEVELS = { DEBUG: 10, INFO: 20, WARN: 30, ERROR: 40, SILENT: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** A structured JSON logger for the local runtime, shaped like Powertools' output. */
export function consoleLogger(
  service: string,
  level: LogLevel = 'INFO',
  write: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Logger {
  const threshold = LEVELS[level];
  const log =
    (name: Exclude<LogLevel, 'SILENT'>) =>
    (message: string, ...extra: object[]) => {
      if (LEVELS[name] < threshold) return;
      write(
        JSON.stringify(
          Object.assign({ level: name, message, service, timestamp: new Date().toISOString() }, ...extra),
        ),
      );
    };
  return { debug: log('DEBUG'), info: log('INFO'), warn: log('WARN'), error: log('ERROR') };
}
