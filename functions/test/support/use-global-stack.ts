import { inject } from 'vitest';
import { useCloud } from './app.js';

// Points the test support at the local cloud that global-stack.ts started for this run.
useCloud({ url: inject('cloudUrl'), identityPoolId: inject('identityPoolId') });
