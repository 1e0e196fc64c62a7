import { parsePolicyString } from './policy-string.js';
import { anchored, hasWildcard, stringPatternSource } from './wildcards.js';

/** Matches a lower-case action (`lambda:invokefunction`) against an Action or NotAction list. */
export type ActionMatcher = (action: string) => boolean;

const ACTION = /^[A-Za-z0-9*?-]+:[^\s:]+$/;

/** Why an action is not one IAM takes; undefined when it is. */
export function actionProblem(action: string): string | undefined {
  if (action === '*' || ACTION.test(action)) return undefined;
  return `Action ${JSON.stringify(action)} must be prefaced by a vendor, e.g. lambda:InvokeFunction`;
}

/** Actions match case-insensitively; wildcards are compiled once, exact names go in a set. */
export function compileActions(actions: readonly string[], negated: boolean): ActionMatcher {
  const matches = compileList(actions);
  return negated ? (action) => !matches(action) : matches;
}

function compileList(actions: readonly string[]): ActionMatcher {
  if (actions.includes('*')) return () => true;
  const exact = new Set<string>();
  const patterns: RegExp[] = [];
  for (const action of actions) {
    // Actions take no policy variables; `*` and `?` are their only wildcards.
    const encoded = parsePolicyString(action.toLowerCase(), { variables: false, wildcards: true })
      .fixed as string;
    if (hasWildcard(encoded)) patterns.push(anchored(stringPatternSource(encoded)));
    else exact.add(encoded);
  }
  if (patterns.length === 0) {
    return exact.size === 1 ? singleAction([...exact][0] as string) : (action) => exact.has(action);
  }
  return (action) => {
    if (exact.has(action)) return true;
    for (const pattern of patterns) if (pattern.test(action)) return true;
    return false;
  };
}

function singleAction(expected: string): ActionMatcher {
  return (action) => action === expected;
}
