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
