// A node's task attempts as the node panel lists them, and errors read the way a person scans them. Pure.
import type { TaskExecution } from "@/lib/gen/flyteidl/admin/task_execution_pb";

/** Attempts newest first: the one that decided the node's phase leads. */
export function newestFirst(attempts: readonly TaskExecution[]): TaskExecution[] {
  return [...attempts].sort((a, b) => (b.id?.retryAttempt ?? 0) - (a.id?.retryAttempt ?? 0));
}

/**
 * The line of an error message that says what went wrong: a Python traceback's last line
 * ("RuntimeError: …"), or the last non-blank line of any other message.
 */
export function lastErrorLine(message: string): string {
  const lines = message.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  return lines.at(-1) ?? "";
}
