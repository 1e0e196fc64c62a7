import type { TemplateIssue } from './types.js';

/**
 * The template features the local cloud does not honour, each resource + property reported once
 * however many times the reader stumbles on it (a Globals property lands in every function).
 */
export class IssueList {
  private readonly byKey = new Map<string, TemplateIssue>();

  add(resource: string, property: string | undefined, message: string): void {
    // Section-level notes without a property are told apart by their message.
    const key = `${resource}\u0000${property ?? `\u0000${message}`}`;
    if (this.byKey.has(key)) return;
    this.byKey.set(key, property === undefined ? { resource, message } : { resource, property, message });
  }

  toArray(): TemplateIssue[] {
    return [...this.byKey.values()];
  }
}
