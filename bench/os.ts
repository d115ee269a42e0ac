import { cpus, totalmem } from "node:os";

export function os() {
  return { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30) };
}
