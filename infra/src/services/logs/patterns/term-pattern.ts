import { invalidCharactersInTerm, invalidFilterPattern, rejectedCharacters } from './pattern-errors.js';
import { readQuoted } from './pattern-lexer.js';

/** What an unquoted term may contain; anything else has to be put in double quotes. */
const UNQUOTED_CHARACTER = /[\p{L}\p{N}_]/u;

/**
 * Compiles a pattern of terms matched anywhere in the message, case-sensitively: `ERROR Exception`
 * (all), `?ERROR ?WARN` (at least one), `-DEBUG` (none), `"exact phrase"`.
 */
export function compileTermPattern(pattern: string): (message: string) => boolean {
  const required: string[] = [];
  const optional: string[] = [];
  const excluded: string[] = [];
  let at = 0;
  while (at < pattern.length) {
    const character = pattern[at] as string;
    if (/\s/.test(character)) {
      at += 1;
      continue;
    }
    let bucket = required;
    if (character === '?' || character === '-') {
      bucket = character === '?' ? optional : excluded;
      at += 1;
      // The documentation writes an exclusion as `"ERROR" - "Exiting"`, with a blank after the minus.
      while (at < pattern.length && /\s/.test(pattern[at] as string)) at += 1;
      if (at >= pattern.length) throw invalidFilterPattern();
    }
    if (pattern[at] === '"') {
      const quoted = readQuoted(pattern, at);
      bucket.push(quoted.text);
      at = quoted.end;
      continue;
    }
    let end = at;
    while (end < pattern.length && !/\s/.test(pattern[end] as string)) end += 1;
    const term = pattern.slice(at, end);
    const rejected = rejectedCharacters(term, UNQUOTED_CHARACTER);
    if (rejected) throw invalidCharactersInTerm(rejected);
    bucket.push(term);
    at = end;
  }
  return (message) =>
    required.every((term) => message.includes(term)) &&
    !excluded.some((term) => message.includes(term)) &&
    (optional.length === 0 || optional.some((term) => message.includes(term)));
}
