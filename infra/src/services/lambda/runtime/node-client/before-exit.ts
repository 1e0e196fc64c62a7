/**
 * The one 'beforeExit' action of the current invocation. Kept on the global symbol AWS's runtime
 * uses, because observability layers read and wrap it there.
 */
const LISTENER = Symbol.for('aws.lambda.beforeExit');
const slot = globalThis as unknown as Record<symbol, () => void>;
const noOp = (): void => {};

/** Routes process 'beforeExit' (the event loop has drained) to the current action. */
export function installBeforeExit(): void {
  slot[LISTENER] = noOp;
  process.on('beforeExit', () => slot[LISTENER]?.());
}

/** Runs `action` the next time the event loop drains, replacing any earlier action. */
export function setBeforeExit(action: () => void): void {
  slot[LISTENER] = action;
}

/** Drops the pending action. */
export function resetBeforeExit(): void {
  slot[LISTENER] = noOp;
}
