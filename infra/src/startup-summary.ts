import type { Deployments } from './services/lambda/packaging/deployments.js';
import { OUTBOX_ROUTE } from './services/ses/outbox-route.js';
import type { StackDefinition, TemplateIssue } from './stack/types.js';

/**
 * The start-up report: one line per function (runtime, memory, timeout, build status), then every
 * template feature the local cloud does not honour, then anything that behaves differently here.
 */
export function startupSummary(
  stack: StackDefinition,
  deployments: Deployments,
  replayedEvents: number,
  endpointUrl: string,
  warnings: readonly TemplateIssue[] = [],
): string {
  const lines = [`stack ${stack.stackName} from ${stack.templatePath}`];
  const rows = stack.functions.map((fn) => {
    const state = deployments.get(fn.functionName);
    const status = state?.buildFailure ? 'BUILD FAILED' : 'ready';
    return [fn.functionName, fn.runtime, `${fn.memorySize} MB`, `${fn.timeout} s`, status];
  });
  const header = ['function', 'runtime', 'memory', 'timeout', 'status'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] as string).length)),
  );
  const format = (row: string[]) =>
    `  ${row.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ')}`.trimEnd();
  lines.push(format(header), ...rows.map(format));
  if (stack.functions.length === 0) lines.push('  (no functions in this template)');

  for (const state of deployments.all()) {
    if (state.buildFailure) lines.push('', state.buildFailure.message);
  }
  lines.push(...resourceLines(stack, endpointUrl));
  if (warnings.length > 0) {
    lines.push('', 'kept as they are, though the template differs:');
    for (const warning of warnings) {
      lines.push(
        `  - ${warning.resource}${warning.property ? ` ${warning.property}` : ''}: ${warning.message}`,
      );
    }
  }
  if (stack.issues.length > 0) {
    lines.push('', 'not supported by the local cloud (left out):');
    for (const issue of stack.issues) {
      lines.push(`  - ${issue.resource}${issue.property ? ` ${issue.property}` : ''}: ${issue.message}`);
    }
  }
  const localNode = process.versions.node.split('.')[0];
  const otherNode = stack.functions.filter(
    (fn) => fn.kind === 'nodejs' && !fn.runtime.startsWith(`nodejs${localNode}.`),
  );
  if (otherNode.length > 0) {
    lines.push(
      '',
      `note: ${otherNode.map((fn) => `${fn.functionName} (${fn.runtime})`).join(', ')} run on this machine's Node.js ${process.versions.node}.`,
    );
  }
  if (replayedEvents > 0)
    lines.push('', `resuming ${replayedEvents} asynchronous event(s) accepted before the last stop`);
  return lines.join('\n');
}

/** The buckets (with their website URLs), tables, pools, email identities and stream mappings of the stack. */
function resourceLines(stack: StackDefinition, endpointUrl: string): string[] {
  const lines: string[] = [];
  const port = new URL(endpointUrl).port;
  for (const bucket of stack.buckets) {
    const notes = [
      bucket.notifications.length > 0
        ? `notifies ${[...new Set(bucket.notifications.map((n) => n.functionName))].join(', ')}`
        : '',
      bucket.website ? `website http://${bucket.bucketName}.s3-website.localhost:${port}/` : '',
    ].filter(Boolean);
    lines.push(`  bucket ${bucket.bucketName}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
  }
  for (const table of stack.tables) {
    const stream = table.createTable.StreamSpecification?.StreamEnabled
      ? `stream ${table.createTable.StreamSpecification.StreamViewType}`
      : '';
    const ttl = table.timeToLiveAttribute ? `TTL on ${table.timeToLiveAttribute}` : '';
    const notes = [stream, ttl].filter(Boolean);
    lines.push(`  table ${table.tableName}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
  }
  for (const pool of stack.identityPools) {
    lines.push(`  identity pool ${pool.identityPoolName} ${pool.identityPoolId}`);
  }
  for (const { identity } of stack.emailIdentities) lines.push(`  email identity ${identity}`);
  if (stack.emailIdentities.length > 0) {
    lines.push(`  email outbox ${endpointUrl}${OUTBOX_ROUTE} (sent email is kept there, not delivered)`);
  }
  for (const mapping of stack.eventSourceMappings) {
    lines.push(
      `  stream of ${mapping.tableName} → ${mapping.functionName}${mapping.enabled ? '' : ' (disabled)'}`,
    );
  }
  return lines.length > 0 ? ['', ...lines] : [];
}
