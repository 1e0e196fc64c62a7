import type { PolicyCase } from './builders.js';
import { EVALUATION_AND_ACTION_CASES } from './evaluation-and-actions.js';
import { RESOURCE_POLICY_CASES } from './resource-policies.js';
import { RESOURCE_CASES } from './resources.js';
import { SET_CONDITION_CASES } from './set-conditions.js';
import { STRING_CONDITION_CASES } from './string-conditions.js';
import { TYPED_CONDITION_CASES } from './typed-conditions.js';
import { VARIABLE_CASES } from './variables.js';

/** The whole behaviour table, by area. */
export const POLICY_CASES: Record<string, PolicyCase[]> = {
  'evaluation logic and actions': EVALUATION_AND_ACTION_CASES,
  resources: RESOURCE_CASES,
  'policy variables': VARIABLE_CASES,
  'string operators and combining': STRING_CONDITION_CASES,
  'typed operators': TYPED_CONDITION_CASES,
  'set operators and identity-pool keys': SET_CONDITION_CASES,
  'resource-based policies and principals': RESOURCE_POLICY_CASES,
};
