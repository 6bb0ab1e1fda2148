import { ValidationError } from '#core/errors.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 strictly and parses JSON; throws ValidationError naming the problem.
 * No reviver: `JSON.parse` never touches prototypes (a `__proto__` key stays an own property), and
 * every payload is read through a zod schema that copies only known keys, so nothing raw is spread.
 */
export function parseJsonBody(body: Buffer): unknown {
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ValidationError('Body is not valid UTF-8', [{ path: '(body)', message: 'invalid UTF-8' }]);
  }
  if (text.trim() === '') throw new ValidationError('Body is empty', [{ path: '(body)', message: 'empty' }]);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError(`Body is not valid JSON: ${(error as Error).message}`, [
      { path: '(body)', message: 'malformed JSON' },
    ]);
  }
}
