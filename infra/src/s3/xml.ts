import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from './errors.js';

/** A value that renders as XML: elements from objects, repeated elements from arrays, text from scalars. */
export type XmlValue = string | number | boolean | Date | undefined | null | XmlElement | XmlValue[];
export interface XmlElement {
  [name: string]: XmlValue;
}

const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/**
 * Renders an S3 response document. Arrays repeat their element (`{Contents: [a, b]}` gives two
 * `<Contents>`), `undefined` leaves the element out, dates render as S3's ISO timestamps.
 *
 * @example xmlDocument('ListAllMyBucketsResult', { Buckets: { Bucket: [{ Name: 'photos' }] } })
 */
export function xmlDocument(
  root: string,
  content: XmlElement,
  namespace: string | null = S3_NAMESPACE,
): string {
  const attributes = namespace ? ` xmlns="${namespace}"` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root}${attributes}>${renderChildren(content)}</${root}>`;
}

function renderChildren(element: XmlElement): string {
  let out = '';
  for (const [name, value] of Object.entries(element)) out += renderElement(name, value);
  return out;
}

function renderElement(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((item) => renderElement(name, item)).join('');
  if (value instanceof Date) return `<${name}>${value.toISOString()}</${name}>`;
  if (typeof value === 'object') return `<${name}>${renderChildren(value)}</${name}>`;
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Elements that may repeat in the request documents S3 takes; they always parse as arrays. */
const REPEATED = new Set([
  'Part',
  'Object',
  'CORSRule',
  'AllowedOrigin',
  'AllowedMethod',
  'AllowedHeader',
  'ExposeHeader',
  'RoutingRule',
  'CloudFunctionConfiguration',
  'LambdaFunctionConfiguration',
  'QueueConfiguration',
  'TopicConfiguration',
  'Event',
  'FilterRule',
]);

const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  parseTagValue: false,
  trimValues: true,
  removeNSPrefix: true,
  isArray: (name) => REPEATED.has(name),
});

/** Parses a request document and returns its root element's content; malformed XML is S3's MalformedXML. */
export function parseXml(body: Buffer, root: string): Record<string, unknown> {
  const text = body.toString('utf8');
  if (text.trim() === '' || XMLValidator.validate(text) !== true) throw malformedXml();
  const document = parser.parse(text) as Record<string, unknown>;
  const content = document[root];
  if (content === undefined) throw malformedXml();
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {};
}

/** The elements of a parsed document that repeat, as an array (absent → empty). */
export function repeated(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

/** The text of a parsed element, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
