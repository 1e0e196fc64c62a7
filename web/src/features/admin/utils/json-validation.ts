/**
 * Validates JSON as it is typed, saying where the first mistake is (line and column, 1-based) in the
 * same words in every browser: `JSON.parse`'s messages differ between engines, and some give no
 * position at all, so a small scanner of the JSON grammar (RFC 8259) finds the spot.
 */
export type JsonCheck =
  | { ok: true; value: unknown }
  | { ok: false; message: string; line: number; column: number; offset: number };

/**
 * @example
 * checkJson('{ "value1": 1, }');
 * // { ok: false, message: "Remove the trailing ',' before '}'.", line: 1, column: 14, offset: 13 }
 */
export function checkJson(text: string): JsonCheck {
  const problem = findProblem(text);
  if (problem) return { ok: false, ...problem, ...positionOf(text, problem.offset) };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // The scanner and the engine agree on the grammar; this is a safety net, not a path.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, line: 1, column: 1, offset: 0 };
  }
}

/** The 1-based line and column of a UTF-16 offset in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = 0; index < offset && index < text.length; index += 1) {
    if (text[index] === '\n') {
      line += 1;
      lineStart = index + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

interface Problem {
  message: string;
  offset: number;
}

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

function findProblem(text: string): Problem | undefined {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    if (scanner.atEnd()) throw new JsonSyntaxError('Enter a JSON value, for example {}.', scanner.at);
    scanner.value();
    scanner.skipSpace();
    if (!scanner.atEnd()) {
      throw new JsonSyntaxError(
        `Unexpected ${scanner.describeNext()} after the end of the JSON value.`,
        scanner.at,
      );
    }
    return undefined;
  } catch (error) {
    if (error instanceof JsonSyntaxError) return { message: error.message, offset: error.offset };
    throw error;
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const WORDS = ['true', 'false', 'null'] as const;
/** Deep enough for any payload a person types; stops a pathological one from overflowing the stack. */
const MAX_DEPTH = 512;

class Scanner {
  at = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.at >= this.text.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && ' \t\n\r'.includes(this.text[this.at] as string)) this.at += 1;
  }

  describeNext(): string {
    if (this.atEnd()) return 'end of input';
    const char = this.text[this.at] as string;
    if (char === "'") return "' (strings use double quotes)";
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.at))?.[0];
    if (word) return `'${word.length > 20 ? `${word.slice(0, 20)}…` : word}'`;
    return `'${char}'`;
  }

  value(): void {
    const char = this.text[this.at];
    if (char === '{') this.object();
    else if (char === '[') this.array();
    else if (char === '"') this.string();
    else if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) this.number();
    else this.literal(char);
  }

  private literal(char: string | undefined): void {
    for (const word of WORDS) {
      if (this.text.startsWith(word, this.at)) {
        this.at += word.length;
        return;
      }
    }
    if (char === "'") throw new JsonSyntaxError('Strings use double quotes ("), not single quotes.', this.at);
    if (this.atEnd()) throw new JsonSyntaxError('The JSON ends too early: a value is missing.', this.at);
    throw new JsonSyntaxError(
      `Expected a value (an object, array, string, number, true, false or null), found ${this.describeNext()}.`,
      this.at,
    );
  }

  private enter(): void {
    this.depth += 1;
    if (this.depth > MAX_DEPTH) throw new JsonSyntaxError(`Nested deeper than ${MAX_DEPTH} levels.`, this.at);
  }

  private object(): void {
    this.members({ kind: 'object', close: '}', member: 'a property' }, () => {
      if (this.text[this.at] !== '"') {
        throw new JsonSyntaxError(
          this.text[this.at] === "'"
            ? 'Property names use double quotes ("), not single quotes.'
            : `Expected a property name in double quotes, found ${this.describeNext()}.`,
          this.at,
        );
      }
      this.string();
      this.skipSpace();
      if (this.text[this.at] !== ':') {
        throw new JsonSyntaxError(
          `Expected ':' after the property name, found ${this.describeNext()}.`,
          this.at,
        );
      }
      this.at += 1;
      this.skipSpace();
      this.value();
    });
  }

  private array(): void {
    this.members({ kind: 'array', close: ']', member: 'an element' }, () => this.value());
  }

  /**
   * An object or an array, from its opening bracket to `close`: members read by `member`, separated
   * by commas, with no trailing comma.
   */
  private members(
    { kind, close, member }: { kind: 'object' | 'array'; close: '}' | ']'; member: string },
    readMember: () => void,
  ): void {
    this.enter();
    const open = this.at;
    const notClosed = () =>
      new JsonSyntaxError(
        `The ${kind} opened at ${this.where(open)} is not closed with '${close}'.`,
        this.at,
      );
    this.at += 1; // { or [
    this.skipSpace();
    if (this.text[this.at] === close) {
      this.at += 1;
      this.depth -= 1;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.atEnd()) throw notClosed();
      readMember();
      this.skipSpace();
      const next = this.text[this.at];
      if (next === close) {
        this.at += 1;
        this.depth -= 1;
        return;
      }
      if (next !== ',') {
        if (this.atEnd()) throw notClosed();
        throw new JsonSyntaxError(
          `Expected ',' or '${close}' after ${member}, found ${this.describeNext()}.`,
          this.at,
        );
      }
      const comma = this.at;
      this.at += 1;
      this.skipSpace();
      if (this.text[this.at] === close) {
        throw new JsonSyntaxError(`Remove the trailing ',' before '${close}'.`, comma);
      }
    }
  }

  private string(): void {
    const open = this.at;
    this.at += 1; // "
    for (;;) {
      if (this.atEnd())
        throw new JsonSyntaxError(`The string started at ${this.where(open)} is not closed with '"'.`, open);
      const char = this.text[this.at] as string;
      if (char === '"') {
        this.at += 1;
        return;
      }
      if (char === '\\') {
        const escaped = this.text[this.at + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.at + 2, this.at + 6))) {
            throw new JsonSyntaxError('A \\u escape needs four hexadecimal digits.', this.at);
          }
          this.at += 6;
          continue;
        }
        if (escaped === undefined || !ESCAPES.has(escaped)) {
          throw new JsonSyntaxError(
            `Unknown escape '\\${escaped ?? ''}': use \\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\uXXXX.`,
            this.at,
          );
        }
        this.at += 2;
        continue;
      }
      if (char < ' ') {
        throw new JsonSyntaxError(
          char === '\n'
            ? `The string started at ${this.where(open)} is not closed before the end of the line (write a line break as \\n).`
            : 'A control character must be escaped inside a string (\\t for a tab).',
          this.at,
        );
      }
      this.at += 1;
    }
  }

  private number(): void {
    NUMBER.lastIndex = this.at;
    const match = NUMBER.exec(this.text);
    if (!match || match[0] === '-')
      throw new JsonSyntaxError('A minus sign must be followed by digits.', this.at);
    const end = this.at + match[0].length;
    const after = this.text[end];
    if (after === '.' || after === 'e' || after === 'E') {
      throw new JsonSyntaxError(`Malformed number: '${after}' must be followed by digits.`, end);
    }
    if (match[0].replace('-', '').startsWith('0') && after !== undefined && after >= '0' && after <= '9') {
      throw new JsonSyntaxError('Numbers cannot have leading zeros.', this.at);
    }
    this.at = end;
  }

  private where(offset: number): string {
    const { line, column } = positionOf(this.text, offset);
    return `line ${line}, column ${column}`;
  }
}
