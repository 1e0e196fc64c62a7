import { z } from 'zod';

/**
 * What the web app reads from `/config.json` at start: one build serves every environment. The
 * publisher writes it from the stack's outputs; the web app checks it without zod (its own
 * `parseConfig`, held to this schema by a test) so that zod stays out of the bundle.
 */
export const appConfig = z.object({
  region: z.string().min(1),
  identityPoolId: z.string().min(1),
  /** Function names are `<functionPrefix>-<operation>`, e.g. `lambdagram-getFeed`. */
  functionPrefix: z.string().min(1),
  photosBucket: z.string().min(1),
  /** The local cloud's endpoint; absent on AWS. */
  endpoint: z.string().min(1).optional(),
  /** The local cloud's mail outbox; absent on AWS. */
  outboxUrl: z.string().min(1).optional(),
});
export type AppConfig = z.infer<typeof appConfig>;
