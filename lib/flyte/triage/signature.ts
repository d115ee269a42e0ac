// A failed execution's error reduced to what recurs: the error kind, its code, the exception type and
// the exception's message with everything that differs from run to run (ids, numbers, hex, UUIDs,
// paths and URIs, execution names) masked. Two runs that broke the same way get the same signature. Pure.
import { ExecutionError_ErrorKind, type ExecutionError } from "@/lib/gen/flyteidl/core/execution_pb";
import { errorHeadline } from "../error-line";

export type ErrorKindName = "USER" | "SYSTEM" | "UNKNOWN";

export interface ErrorSignature {
  kind: ErrorKindName;
  code: string;
  /** "ValueError", "flytekit.exceptions.user.FlyteValueException"; "" when the message names none. */
  exceptionType: string;
  /** The exception's message, masked (see maskVolatile); "" when there is no error text. */
  message: string;
  /** The node the error names (FlytePropeller's "failed at Node[n1]" or a task pod's name); FlyteAdmin's error has no field for it. */
  nodeId?: string;
  /** Equal for equal signatures. */
  key: string;
}

/** How long a masked message may be: enough to tell errors apart, short enough to keep answers small. */
export const SIGNATURE_MESSAGE_MAX = 240;

// FlytePropeller's lead once a task's attempts are used up, nested once per level that gave up:
// "[3/3] currentAttempt done. Last Error: SYSTEM::[1/1] currentAttempt done. Last Error: USER::Traceback…".
const PROPELLER_LEAD = /^\s*\[\d+\/\d+\] currentAttempt done\. Last Error: (?:(USER|SYSTEM|UNKNOWN)::)?/;
// A scope tag some flytekit versions put first: "[user] Traceback …", "[system] …".
const SCOPE_TAG = /^\s*\[(user|system)\]\s*/i;
// flytekit's closing line saying whose fault it was (older releases), after the "Message:" section.
const TRAILER = /^(?:user error\.?|system error\.?|unknown error\.?|SYSTEM ERROR! Contact platform administrators\.?)$/i;
// A Python exception class as tracebacks print it: dotted, and named like one.
const EXCEPTION = /^((?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Error|Exception|Warning|Exit|Interrupt|Iteration|Failure|Timeout))(?::\s*|$)/;
const NODE_ERROR = /failed at Node\[([^\]\s]+)\]/;

const KIND_NAMES: Record<number, ErrorKindName> = {
  [ExecutionError_ErrorKind.USER]: "USER",
  [ExecutionError_ErrorKind.SYSTEM]: "SYSTEM",
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The message with what varies between runs masked, in this order (a URI's path is one URI, not a path):
 * URIs `<uri>`, UUIDs `<uuid>`, the run's own execution name and names shaped like FlyteAdmin's
 * (20 characters, a letter first, a digit somewhere) `<execution>`, file paths `<path>`, dates and times
 * `<time>`, hex strings of 8 or more with a letter and a digit `<hex>`, numbers `<n>` (a unit after one stays: "<n>s").
 * Digits inside a word ("n0", "s3", "py311") stay: node ids and names are what tell errors apart. Whitespace collapses to one space.
 */
export function maskVolatile(text: string, executionName?: string): string {
  let out = text;
  out = out.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s'"`)\]}>,]+/gi, "<uri>");
  out = out.replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>");
  if (executionName) out = out.replace(new RegExp(escapeRegExp(executionName), "g"), "<execution>");
  out = out.replace(/(?<![A-Za-z0-9])(?=[a-z0-9]*\d)[a-z][a-z0-9]{19}(?![A-Za-z0-9])/g, "<execution>");
  // Absolute ("/root/wf.py", "~/x") and relative ("data/part-1.parquet") paths; a lone "/" is not one.
  out = out.replace(/(?<![\w<>/.~-])(?:~|\.{1,2})?\/[^\s'"`)\]}>,:]+|(?<![\w<>/.-])[\w.-]+(?:\/[\w.-]+)+\/?/g, "<path>");
  out = out.replace(/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?/g, "<time>");
  out = out.replace(/(?<![A-Za-z0-9])(?:0x)?(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}(?![A-Za-z0-9])/gi, "<hex>");
  out = out.replace(/(?<![A-Za-z0-9.])\d+(?:\.\d+)*(?![0-9])/g, "<n>");
  return out.replace(/\s+/g, " ").trim();
}

/** What the message says after FlytePropeller's leads, and the kind the innermost lead names. */
function withoutLeads(message: string): { text: string; leadKind?: ErrorKindName } {
  let text = message;
  let leadKind: ErrorKindName | undefined;
  for (;;) {
    const m = PROPELLER_LEAD.exec(text) ?? SCOPE_TAG.exec(text);
    if (!m) return { text, leadKind };
    if (m[1]) leadKind = m[1].toUpperCase() as ErrorKindName;
    text = text.slice(m[0].length);
  }
}

/**
 * The exception line(s) a person reads: flytekit's "Message:" section when there is one (both its
 * "Trace: … Message: …" form and the older "Traceback … Message: … User error." one; a message can
 * span lines), else a traceback's last line (errorHeadline), else the whole message on one line.
 */
export function exceptionSummary(message: string): string {
  const lines = message.split(/\r?\n/);
  const at = lines.map((l) => l.trim()).lastIndexOf("Message:");
  if (at >= 0) {
    const rest = lines
      .slice(at + 1)
      .map((l) => l.trim())
      .filter(Boolean);
    while (rest.length > 1 && TRAILER.test(rest[rest.length - 1])) rest.pop();
    if (rest.length > 0) return rest.join(" ");
  }
  // A traceback ends with its exception; other messages (a pod's exit, a timeout) are read whole.
  if (/Traceback \(most recent call last\)/.test(message)) return errorHeadline(message).line;
  return message.replace(/\s+/g, " ").trim();
}

/** The node a message names: FlytePropeller's node errors, or a task pod `[<execution>-<node>-<attempt>]`. */
export function nodeIdFromMessage(message: string, executionName?: string): string | undefined {
  const named = NODE_ERROR.exec(message);
  if (named) return named[1];
  if (!executionName) return undefined;
  const pod = new RegExp(`\\[${escapeRegExp(executionName)}-([a-z0-9][a-z0-9-]*?)-\\d+\\]`).exec(message);
  return pod?.[1];
}

/** The type part of an error code ("USER:ValueError" → "ValueError"), when it names an exception. */
function typeFromCode(code: string): string {
  const last = code.split(/[|:]/).pop() ?? "";
  return EXCEPTION.test(last) ? last : "";
}

/**
 * The signature of an execution's error. `executionName` is the run's own name (masked wherever it
 * appears, and how a pod name gives the node away). No error at all (a run that timed out without one)
 * is a signature too: kind UNKNOWN, everything else empty.
 */
export function errorSignature(error: Pick<ExecutionError, "code" | "message" | "kind"> | undefined, executionName?: string): ErrorSignature {
  const raw = error?.message ?? "";
  const { text, leadKind } = withoutLeads(raw);
  // The kind of the last attempt's error, which FlytePropeller's lead keeps: it records every exhausted
  // node as USER, even one whose attempts all died of a SYSTEM error.
  const kind = leadKind ?? KIND_NAMES[error?.kind ?? -1] ?? "UNKNOWN";
  const code = (error?.code ?? "").trim();
  const summary = exceptionSummary(text);
  const typed = EXCEPTION.exec(summary);
  const exceptionType = typed ? typed[1] : typeFromCode(code);
  const rest = typed ? summary.slice(typed[0].length) : summary;
  let message = maskVolatile(rest, executionName);
  if (message.length > SIGNATURE_MESSAGE_MAX) message = `${message.slice(0, SIGNATURE_MESSAGE_MAX - 1)}…`;
  const nodeId = nodeIdFromMessage(raw, executionName);
  return {
    kind,
    code,
    exceptionType,
    message,
    ...(nodeId ? { nodeId } : {}),
    key: JSON.stringify([kind, code, exceptionType, message]),
  };
}
