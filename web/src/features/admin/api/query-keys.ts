/**
 * The admin panel's query keys. They stay inside the feature: nothing else shows functions, their
 * logs or the outbox.
 */
export const adminKeys = {
  all: ['admin'] as const,
  functions: ['admin', 'functions'] as const,
  configuration: (functionName: string) => ['admin', 'functions', functionName] as const,
  logs: (functionName: string) => ['admin', 'logs', functionName] as const,
  logSearch: (functionName: string, filterPattern: string, sinceMs: number) =>
    ['admin', 'logs', functionName, { filterPattern, sinceMs }] as const,
  outbox: ['admin', 'outbox'] as const,
};
