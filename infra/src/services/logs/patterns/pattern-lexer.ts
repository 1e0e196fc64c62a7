import { invalidCharactersInTerm, invalidFilterPattern, rejectedCharacters } from './pattern-errors.js';

/** The pieces of a JSON (`{ … }`) or space-delimited (`[ … ]`) filter pattern body. */
export type PatternToken =
  | { kind: 'open' | 'close' | 'and' | 'or' | 'comma' }
  | { kind: 'operator'; operator: ComparisonOperator }
  | { kind: 'word'; text: string }
  | { kind: 'quoted'; text: string }
  | { kind: 'regex'; source: string };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** Characters that end an unquoted word: whitespace and the operators' own characters. */
const WORD_END = /[\s()&|,=!<>"]/;

/**
 * What a `%regex%` may contain: CloudWatch accepts letters, digits, a few symbols and the regex operators,
 * but neither parentheses nor spaces.
 */
const REGEX_CHARACTER = /[A-Za-z0-9_#=@/;,\-^$?[\]{}|\\*+.]/;

/** Splits a pattern body into tokens; quoted strings keep their content, unescaped. */
export function tokenizePattern(body: string): PatternToken[] {
  const tokens: PatternToken[] = [];
  let at = 0;
  while (at < body.length) {
    const character = body[at] as string;
    const next = body[at + 1];
    if (/\s/.test(character)) {
      at += 1;
    } else if (character === '(' || character === ')') {
      tokens.push({ kind: character === '(' ? 'open' : 'close' });
      at += 1;
    } else if (character === ',') {
      tokens.push({ kind: 'comma' });
      at += 1;
    } else if (character === '&' || character === '|') {
      if (next !== character) throw invalidFilterPattern();
      tokens.push({ kind: character === '&' ? 'and' : 'or' });
      at += 2;
    } else if (character === '!' || character === '<' || character === '>' || character === '=') {
      const twoCharacters = next === '=' && character !== '=';
      if (character === '!' && !twoCharacters) throw invalidFilterPattern();
      const operator = (twoCharacters ? `${character}=` : character) as ComparisonOperator;
      tokens.push({ kind: 'operator', operator });
      at += twoCharacters ? 2 : 1;
    } else if (character === '"') {
      const { text, end } = readQuoted(body, at);
      tokens.push({ kind: 'quoted', text });
      at = end;
    } else if (character === '%') {
      const end = body.indexOf('%', at + 1);
      if (end < 0) throw invalidFilterPattern();
      tokens.push({ kind: 'regex', source: checkedRegexSource(body.slice(at + 1, end)) });
      at = end + 1;
    } else {
      let end = at;
      while (end < body.length && !WORD_END.test(body[end] as string)) end += 1;
      tokens.push({ kind: 'word', text: body.slice(at, end) });
      at = end;
    }
  }
  return tokens;
}

/** Reads a double-quoted string starting at `start`; `\"` and `\\` escape. */
export function readQuoted(text: string, start: number): { text: string; end: number } {
  let content = '';
  let at = start + 1;
  while (at < text.length) {
    const character = text[at] as string;
    if (character === '\\' && at + 1 < text.length) {
      content += text[at + 1];
      at += 2;
    } else if (character === '"') {
      return { text: content, end: at + 1 };
    } else {
      content += character;
      at += 1;
    }
  }
  throw invalidFilterPattern();
}

/** Validates the body of a `%regex%` against what CloudWatch accepts, then against JavaScript. */
export function checkedRegexSource(source: string): string {
  if (source.length === 0) throw invalidFilterPattern();
  const rejected = rejectedCharacters(source, REGEX_CHARACTER);
  if (rejected) throw invalidCharactersInTerm(rejected);
  try {
    new RegExp(source);
  } catch {
    throw invalidFilterPattern();
  }
  return source;
}
