import { ACCESS_POLICIES } from '../services/iam/template/supported-properties.js';
import { FUNCTION_PROPERTIES } from '../services/lambda/template/supported-properties.js';
import { STORAGE_POLICIES } from '../services/s3/template/supported-properties.js';
import { EMAIL_POLICIES } from '../services/ses/template/supported-properties.js';
import type { PropertyPolicy } from '../stack/supported-properties.js';

/** Every resource type a service reads, with what the local cloud does with each of its properties. */
export const SUPPORTED_PROPERTIES: Readonly<Record<string, PropertyPolicy>> = {
  ...STORAGE_POLICIES,
  ...ACCESS_POLICIES,
  ...EMAIL_POLICIES,
  ...FUNCTION_PROPERTIES,
};
