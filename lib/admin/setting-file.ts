// Server-only: reads a file a setting names (a CA bundle, a cookie key), failing with what is wrong
// with it in words and never with its contents.
import { readFileSync } from "node:fs";

const READ_ERRORS: Record<string, string> = {
  ENOENT: "no such file",
  EACCES: "permission denied",
  EISDIR: "it is a directory",
  ENOTDIR: "it is not a directory",
};

/** What went wrong with a file in words: "no such file", "permission denied", … */
export function fileErrorReason(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return READ_ERRORS[code] ?? (code || (err as Error).message);
}

/** The file's text; `what` (e.g. `FLYTE_ADMIN_CA_CERT_FILE=/x.pem`) opens the error message, `hint` ends it. */
export function readSettingFile(path: string, what: string, hint?: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`${what} cannot be read (${fileErrorReason(err)})${hint ? `; ${hint}` : ""}`);
  }
}
