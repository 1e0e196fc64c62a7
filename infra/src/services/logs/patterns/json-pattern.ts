import { invalidFilterPattern } from './pattern-errors.js';
import { type ConditionParser, parseExpression } from './pattern-expression.js';
import { tokenizePattern } from './pattern-lexer.js';
import { compileValueTest } from './pattern-values.js';

type PathStep = string | number;
type Document = object;

/** `IS NULL`, `IS TRUE`, `IS FALSE`: the value the selected field must be. */
const KEYWORD_VALUES = new Map<string, null | boolean>([
  ['IS NULL', null],
  ['IS TRUE', true],
  ['IS FALSE', false],
]);
const SELECTOR = /^\$(?:\.[^.[\]]+|\[\d+\])+$/;
const SELECTOR_STEP = /\.([^.[\]]+)|\[(\d+)\]/g;

/**
 * Compiles the body of a JSON filter pattern (`$.a = "x" && ($.n > 5 || $.b IS TRUE)`). Events whose
 * message is not JSON never match.
 */
export function compileJsonPattern(body: string): (message: string) => boolean {
  const tokens = tokenizePattern(body);
  if (tokens.length === 0) throw invalidFilterPattern();
  const { test, next } = parseExpression(tokens, 0, parseJsonCondition);
  if (next !== tokens.length) throw invalidFilterPattern();
  return (message) => {
    const document = parseJsonMessage(message);
    return document !== undefined && test(document);
  };
}

const parseJsonCondition: ConditionParser<Document> = (tokens, at) => {
  const selector = tokens[at];
  if (selector?.kind !== 'word') throw invalidFilterPattern();
  const path = parseSelector(selector.text);
  const verb = tokens[at + 1];
  const object = tokens[at + 2];
  if (verb?.kind === 'operator' && object) {
    const valueTest = compileValueTest(verb.operator, object);
    return { test: (document) => valueTest(resolve(document, path)), next: at + 3 };
  }
  if (verb?.kind === 'word' && object?.kind === 'word') {
    const phrase = `${verb.text} ${object.text}`.toUpperCase();
    const expected = KEYWORD_VALUES.get(phrase);
    if (expected !== undefined) {
      return { test: (document) => resolve(document, path) === expected, next: at + 3 };
    }
    if (phrase === 'NOT EXISTS') {
      return { test: (document) => resolve(document, path) === undefined, next: at + 3 };
    }
  }
  throw invalidFilterPattern();
};

/** `$.users[0].id` → `['users', 0, 'id']`. */
function parseSelector(selector: string): PathStep[] {
  if (!SELECTOR.test(selector)) throw invalidFilterPattern();
  return [...selector.matchAll(SELECTOR_STEP)].map((step) => step[1] ?? Number(step[2]));
}

function resolve(document: Document, path: readonly PathStep[]): unknown {
  let current: unknown = document;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(current) || step >= current.length) return undefined;
      current = current[step];
    } else {
      if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
      if (!Object.hasOwn(current, step)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
  }
  return current;
}

/**
 * The JSON object of a message. Lambda's text log format puts `<time>\t<request id>\tINFO\t` before what
 * the function printed, so when the whole message is not JSON the part from the first `{` is tried.
 */
function parseJsonMessage(message: string): Document | undefined {
  const start = message.indexOf('{');
  if (start < 0) return undefined;
  try {
    const parsed: unknown = JSON.parse(message.slice(start));
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined;
  }
}
