// Saves text as a file from the browser, without a round trip.
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** "Sandbox logs (attempt 1)" → "Sandbox-logs-attempt-1.log". */
export function logFileName(name: string): string {
  const base = name.replace(/[^\w.-]+/g, "-").replace(/^-+|-+$/g, "") || "task";
  return base.endsWith(".log") ? base : `${base}.log`;
}
