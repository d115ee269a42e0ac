import { cpus, loadavg, totalmem } from "node:os";

/** The machine, and how busy it was when a section's figures were written (other work shares the CPU). */
export function os() {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), loadAverage: loadavg().map((x) => Math.round(x * 10) / 10) };
}
