import type { AttributeValue } from 'aws-lambda';

/**
 * A DynamoDB stream image (attribute values in their wire form: `{ S }`, `{ N }`, `{ M }`, …) as a
 * plain object, the way the document client reads items: numbers as numbers, maps as objects,
 * lists and sets as arrays, binary as bytes.
 */
export function plainImage(
  image: Record<string, AttributeValue> | undefined,
): Record<string, unknown> | undefined {
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, plainValue(value)]));
}

function plainValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.M !== undefined) return plainImage(value.M);
  if (value.L !== undefined) return value.L.map(plainValue);
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.B !== undefined) return Buffer.from(value.B, 'base64');
  if (value.BS !== undefined) return value.BS.map((bytes) => Buffer.from(bytes, 'base64'));
  throw new Error(`unknown attribute value type: ${Object.keys(value).join(', ')}`);
}
