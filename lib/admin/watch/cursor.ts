// Where a live stream left its client: `<generation>.<sequence>`, opaque to the browser.
// The generation names one ExecutionWatch (one process, one stretch of watching); the sequence
// counts the changes it sent. A cursor of another generation (another replica, a restart, a watch
// that was forgotten after its last viewer left) cannot be resumed: the client gets a snapshot.
import { randomBytes } from "node:crypto";

export interface Cursor {
  generation: string;
  sequence: number;
}

export function newGeneration(): string {
  return randomBytes(6).toString("base64url");
}

export function formatCursor(generation: string, sequence: number): string {
  return `${generation}.${sequence}`;
}

/** The cursor a client sent, or undefined when it is empty or not one of ours. */
export function parseCursor(raw: string): Cursor | undefined {
  const m = /^([A-Za-z0-9_-]{1,64})\.(\d{1,15})$/.exec(raw);
  return m ? { generation: m[1], sequence: Number(m[2]) } : undefined;
}

/**
 * When each node (and the execution) last changed, by sequence: enough to answer "what changed since
 * sequence s" for any s of this generation. Its size is one number per node the watch already holds,
 * so unlike a log of changes it needs no window and no cap of its own.
 */
export class ChangeLog {
  private readonly nodeSequence = new Map<string, number>();
  private executionSequence = 0;

  record(sequence: number, nodeIds: Iterable<string>, execution: boolean) {
    for (const id of nodeIds) this.nodeSequence.set(id, sequence);
    if (execution) this.executionSequence = sequence;
  }

  /** Node ids that changed after `sequence`, and whether the execution did. */
  since(sequence: number): { nodeIds: string[]; execution: boolean } {
    const nodeIds: string[] = [];
    for (const [id, seq] of this.nodeSequence) if (seq > sequence) nodeIds.push(id);
    return { nodeIds, execution: this.executionSequence > sequence };
  }
}
