import { invalidFilterPattern } from './pattern-errors.js';
import { type ConditionParser, parseExpression } from './pattern-expression.js';
import { tokenizePattern } from './pattern-lexer.js';
import { compileValueTest } from './pattern-values.js';

/** One comma-separated entry of `[ip, user, ..., status=4*, bytes>1000]`. */
type Slot = { kind: 'ellipsis' } | { kind: 'field'; test: (field: string) => boolean };

const FIELD_NAME = /^\w+$/;
const ANY_FIELD: Slot = { kind: 'field', test: () => true };

/**
 * Compiles the body of a space-delimited filter pattern. Each entry stands for one field of the message
 * (`...` for any number of them); an entry may hold conditions on its own field joined with `&&`/`||`.
 */
export function compileDelimitedPattern(body: string): (message: string) => boolean {
  const tokens = tokenizePattern(body);
  if (tokens.length === 0) throw invalidFilterPattern();
  const slots: Slot[] = [];
  let at = 0;
  for (;;) {
    const token = tokens[at];
    if (token === undefined || token.kind === 'comma') {
      slots.push(ANY_FIELD);
    } else if (token.kind === 'word' && token.text === '...') {
      slots.push({ kind: 'ellipsis' });
      at += 1;
    } else {
      const names = new Set<string>();
      const { test, next } = parseExpression(tokens, at, fieldCondition(names));
      // Every condition of an entry is about that entry's field; naming another field is an error.
      if (names.size > 1) throw invalidFilterPattern();
      slots.push({ kind: 'field', test });
      at = next;
    }
    if (at >= tokens.length) break;
    if (tokens[at]?.kind !== 'comma') throw invalidFilterPattern();
    at += 1;
  }
  return (message) => slotsMatch(slots, splitFields(message));
}

function fieldCondition(names: Set<string>): ConditionParser<string> {
  return (tokens, at) => {
    const name = tokens[at];
    if (name?.kind !== 'word' || !FIELD_NAME.test(name.text)) throw invalidFilterPattern();
    names.add(name.text);
    const operator = tokens[at + 1];
    const value = tokens[at + 2];
    if (operator?.kind !== 'operator') return { test: () => true, next: at + 1 };
    if (!value) throw invalidFilterPattern();
    const valueTest = compileValueTest(operator.operator, value);
    return { test: (field) => valueTest(field), next: at + 3 };
  };
}

/**
 * The fields of a message: runs of non-blank characters, where text between double quotes or square
 * brackets is one field (without its quotes or brackets), as in an Apache access log line. Tabs count
 * as blanks so that Lambda's tab-separated log lines split too.
 */
export function splitFields(message: string): string[] {
  const fields: string[] = [];
  const blank = (character: string | undefined) =>
    character === ' ' || character === '\t' || character === '\n' || character === '\r';
  let at = 0;
  while (at < message.length) {
    const character = message[at];
    if (blank(character)) {
      at += 1;
      continue;
    }
    if (character === '"' || character === '[') {
      const end = message.indexOf(character === '"' ? '"' : ']', at + 1);
      if (end >= 0) {
        fields.push(message.slice(at + 1, end));
        at = end + 1;
        continue;
      }
    }
    let end = at;
    while (end < message.length && !blank(message[end])) end += 1;
    fields.push(message.slice(at, end));
    at = end;
  }
  return fields;
}

/** Whether the slots, `...` matching any run of fields, cover the fields exactly. */
function slotsMatch(slots: readonly Slot[], fields: readonly string[]): boolean {
  if (!slots.some((slot) => slot.kind === 'ellipsis')) {
    return (
      slots.length === fields.length &&
      slots.every((slot, index) => slot.kind === 'field' && slot.test(fields[index] as string))
    );
  }
  // reachable[j]: the slots seen so far can cover exactly the first j fields.
  let reachable = new Uint8Array(fields.length + 1);
  reachable[0] = 1;
  for (const slot of slots) {
    const next = new Uint8Array(fields.length + 1);
    for (let j = 0; j <= fields.length; j += 1) {
      if (!reachable[j]) continue;
      if (slot.kind === 'ellipsis') {
        next.fill(1, j);
        break;
      }
      if (j < fields.length && slot.test(fields[j] as string)) next[j + 1] = 1;
    }
    reachable = next;
  }
  return reachable[fields.length] === 1;
}
