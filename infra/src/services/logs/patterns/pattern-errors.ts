import { ServiceError } from '../../../core/errors.js';

/** The service's catch-all answer to a filter pattern it cannot parse. */
export function invalidFilterPattern(message = 'Invalid filter pattern'): ServiceError {
  return new ServiceError('InvalidParameterException', message, 400);
}

/**
 * The service names the offending characters of an unquoted term (`Invalid character(s) in term '@'`),
 * which tells the user to quote it.
 */
export function invalidCharactersInTerm(characters: string): ServiceError {
  return invalidFilterPattern(`Invalid character(s) in term '${characters}'`);
}

/** Each distinct character of `text` that `allowed` rejects, in order of appearance. */
export function rejectedCharacters(text: string, allowed: RegExp): string {
  let rejected = '';
  for (const character of text) {
    if (!allowed.test(character) && !rejected.includes(character)) rejected += character;
  }
  return rejected;
}
