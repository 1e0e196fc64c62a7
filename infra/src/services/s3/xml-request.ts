import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { malformedXml } from './errors.js';

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
