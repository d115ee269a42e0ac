// The child processes of a launcher script (`npm start`, the e2e ingress stack): started together,
// stopped together, and when one exits the others follow, so nothing is left holding a port.
import { spawn } from "node:child_process";
import { createConnection } from "node:net";

/** A group that stops every child on SIGINT/SIGTERM or when any of them exits. */
export function processGroup(label, cwd) {
  const children = [];
  function stopAll(code) {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    setTimeout(() => process.exit(code), 300).unref();
  }
  process.on("SIGINT", () => stopAll(130));
  process.on("SIGTERM", () => stopAll(143));
  /** Starts a child; `stdio` as spawn's (inherited by default). */
  function run(name, command, args, env, stdio = "inherit") {
    const child = spawn(command, args, { cwd, env, stdio });
    child.on("exit", (code, signal) => {
      console.error(`${label}: ${name} exited (${signal ?? code}); stopping`);
      stopAll(code ?? 1);
    });
    children.push(child);
    return child;
  }
  return { run, stopAll };
}

/** Resolves once something accepts connections on host:port. */
export function waitForPort(port, host, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ port, host }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 150);
      });
    };
    attempt();
  });
}
