/** A piece of an `Fn::Sub` string: literal text, or a `${Name}` / `${Resource.Attribute}` to fill in. */
export type SubPart = { literal: string } | { variable: string };

/**
 * Splits an `Fn::Sub` string into literal text and placeholders. `${!Name}` stays the literal
 * `${Name}`, as CloudFormation writes it, and a `${` never closed is kept as text.
 *
 * @example parseSub('arn:${AWS::Partition}:s3:::${Bucket}/*')
 */
export function parseSub(text: string): SubPart[] {
  const parts: SubPart[] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const start = text.indexOf('${', index);
    const end = start < 0 ? -1 : text.indexOf('}', start + 2);
    if (start < 0 || end < 0) {
      literal += text.slice(index);
      break;
    }
    literal += text.slice(index, start);
    const inside = text.slice(start + 2, end);
    if (inside.startsWith('!')) {
      literal += `\${${inside.slice(1)}}`;
    } else {
      if (literal) parts.push({ literal });
      literal = '';
      parts.push({ variable: inside.trim() });
    }
    index = end + 1;
  }
  if (literal) parts.push({ literal });
  return parts;
}
