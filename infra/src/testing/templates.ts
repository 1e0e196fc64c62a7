import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The infra package's folder. */
export const INFRA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const fixture = (name: string) => path.join(INFRA_DIR, 'test', 'fixtures', name, 'template.yaml');

/** The product's own stack: infra/template.yaml, what `npm start` runs. */
export const PRODUCT_TEMPLATE = path.join(INFRA_DIR, 'template.yaml');
/** A few small functions in every runtime (Node, Python, `provided`). */
export const FIXTURE_TEMPLATE = fixture('lambda-stack');
/** Buckets, a table with a stream, and functions that write the events they receive to `RecordDir`. */
export const EVENT_STACK_TEMPLATE = fixture('event-stack');
/** An identity pool with its roles, and functions that report who called them. */
export const IDENTITY_STACK_TEMPLATE = fixture('identity-stack');
/** Verified SES identities and a function that sends email. */
export const EMAIL_STACK_TEMPLATE = fixture('email-stack');
