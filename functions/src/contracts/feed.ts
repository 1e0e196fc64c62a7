import { z } from 'zod';
import { cursor, pageLimit, photoPage } from './common.js';

export const getFeed = {
  input: z.object({ cursor, limit: pageLimit(50, 20) }),
  output: photoPage,
};
