// The line of an execution's error a person reads first. Pure.

// flytekit ends its error messages with a line saying whose fault it was; the exception is above it.
const TRAILERS = /^(user|system|unknown) error\.?$/i;
// FlytePropeller's lead on a task's last attempt: "[1/1] currentAttempt done. Last Error: USER::".
const PROPELLER_LEAD = /^\[\d+\/\d+\] currentAttempt done\. Last Error: (?:[A-Z]+::)?/;

/**
 * A traceback's last line is the exception ("RuntimeError: boom"), which is what the list shows;
 * `more` says the message holds more than that line (the row offers to expand it).
 */
export function errorHeadline(message: string): { line: string; more: boolean } {
  const lines = message
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  while (lines.length > 1 && TRAILERS.test(lines[lines.length - 1])) lines.pop();
  const line = (lines[lines.length - 1] ?? "").replace(PROPELLER_LEAD, "");
  return { line, more: message.trim() !== line };
}
