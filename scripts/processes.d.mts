import type { ChildProcess, StdioOptions } from "node:child_process";
export function processGroup(
  label: string,
  cwd: string,
): {
  run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, stdio?: StdioOptions): ChildProcess;
  stopAll(code: number): void;
};
export function waitForPort(port: number, host: string, timeoutMs: number): Promise<void>;
