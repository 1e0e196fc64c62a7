/**
 * A setting the template gives the function as an environment variable. Read at cold start, so
 * a missing one fails the first invocation loudly instead of a query going to table "undefined".
 */
export function setting(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set (see infra/template.yaml)`);
  return value;
}
