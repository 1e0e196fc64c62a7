import { compileDelimitedPattern } from './delimited-pattern.js';
import { compileJsonPattern } from './json-pattern.js';
import { invalidFilterPattern } from './pattern-errors.js';
import { checkedRegexSource } from './pattern-lexer.js';
import { compileTermPattern } from './term-pattern.js';

/** Tests one log event message against a compiled filter pattern. */
export type MessageFilter = (message: string) => boolean;

/**
 * Compiles a CloudWatch Logs filter pattern once, for testing many messages: terms (`ERROR -DEBUG`,
 * `?ERROR ?WARN`, `"exact phrase"`), a JSON pattern (`{ $.level = "error" && $.ms > 500 }`), a
 * space-delimited pattern (`[ip, user, ..., status=4*, bytes>1000]`) or a `%regex%`. The empty pattern
 * matches every message.
 *
 * @throws ServiceError `InvalidParameterException` when the pattern does not parse, worded as the service.
 * @example compileFilterPattern('{ $.statusCode >= 500 }')('{"statusCode":503}') // true
 */
export function compileFilterPattern(pattern: string): MessageFilter {
  const trimmed = pattern.trim();
  if (trimmed === '') return () => true;
  if (trimmed.startsWith('{')) {
    if (!trimmed.endsWith('}'))
      throw invalidFilterPattern("If a filter pattern starts with '{' it must end with '}'");
    return compileJsonPattern(trimmed.slice(1, -1));
  }
  if (trimmed.startsWith('[')) {
    if (!trimmed.endsWith(']'))
      throw invalidFilterPattern("If a filter pattern starts with '[' it must end with ']'");
    return compileDelimitedPattern(trimmed.slice(1, -1));
  }
  if (trimmed.startsWith('%')) {
    if (trimmed.length < 2 || !trimmed.endsWith('%')) throw invalidFilterPattern();
    const regex = new RegExp(checkedRegexSource(trimmed.slice(1, -1)));
    return (message) => regex.test(message);
  }
  return compileTermPattern(trimmed);
}
