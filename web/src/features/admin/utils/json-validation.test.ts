import { describe, expect, it } from 'vitest';
import { checkJson, positionOf } from './json-validation';

function problemOf(text: string) {
  const check = checkJson(text);
  if (check.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused`);
  return check;
}

describe('checkJson', () => {
  it('accepts every kind of JSON value and returns it parsed', () => {
    expect(checkJson('{ "value1": 1, "value2": 2 }')).toEqual({ ok: true, value: { value1: 1, value2: 2 } });
    expect(checkJson(' [1, -2.5e3, "a\\n\\u00e9", true, false, null, {}, []] ')).toEqual({
      ok: true,
      value: [1, -2500, 'a\né', true, false, null, {}, []],
    });
    expect(checkJson('3')).toEqual({ ok: true, value: 3 });
  });

  it('points at the trailing comma, on the right line and column', () => {
    const problem = problemOf('{\n  "value1": 1,\n  "value2": 2,\n}');
    expect(problem).toMatchObject({ line: 3, column: 14, message: "Remove the trailing ',' before '}'." });
  });

  it('says a property name is missing its quotes', () => {
    expect(problemOf('{ value1: 1 }')).toMatchObject({
      line: 1,
      column: 3,
      message: "Expected a property name in double quotes, found 'value1'.",
    });
  });

  it('explains single quotes', () => {
    expect(problemOf("{ 'a': 1 }").message).toMatch(/double quotes/);
    expect(problemOf('["a", \'b\']').message).toMatch(/double quotes/);
  });

  it('finds a missing comma between properties', () => {
    expect(problemOf('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({
      line: 3,
      column: 3,
      message: "Expected ',' or '}' after a property, found '\"'.",
    });
  });

  it('reports an unclosed object where the text ends, naming where it opened', () => {
    expect(problemOf('{\n  "a": [1, 2]\n')).toMatchObject({
      line: 3,
      column: 1,
      message: "The object opened at line 1, column 1 is not closed with '}'.",
    });
  });

  it('reports an unclosed string where it starts', () => {
    expect(problemOf('{ "message": "hello }')).toMatchObject({ line: 1, column: 14 });
    expect(problemOf('{ "message": "hello\n" }').message).toMatch(/write a line break as \\n/);
  });

  it('refuses bad escapes, bad numbers and text after the value', () => {
    expect(problemOf('"\\x"').message).toMatch(/Unknown escape/);
    expect(problemOf('"\\u12"').message).toMatch(/four hexadecimal digits/);
    expect(problemOf('01').message).toMatch(/leading zeros/);
    expect(problemOf('1.').message).toMatch(/followed by digits/);
    expect(problemOf('-').message).toMatch(/minus sign/);
    expect(problemOf('{} {}')).toMatchObject({
      column: 4,
      message: "Unexpected '{' after the end of the JSON value.",
    });
    expect(problemOf('tru').message).toMatch(/Expected a value/);
  });

  it('asks for a value when the text is empty', () => {
    expect(problemOf('  \n ')).toMatchObject({
      line: 2,
      column: 2,
      message: 'Enter a JSON value, for example {}.',
    });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{"a":{"b":[1,{"c":null}]}}',
      '[1,]',
      '{"a":1,}',
      '"\\/"',
      '1e5',
      '1E+5',
      '-0',
      '[',
      '{"a"}',
      'nul',
    ];
    for (const sample of samples) {
      let parses = true;
      try {
        JSON.parse(sample);
      } catch {
        parses = false;
      }
      expect(checkJson(sample).ok, sample).toBe(parses);
    }
  });
});

describe('positionOf', () => {
  it('counts lines and columns from 1', () => {
    expect(positionOf('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
  });
});
