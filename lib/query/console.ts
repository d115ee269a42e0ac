// The console's own service: what backend we talk to and whether it answers.
import { ConsoleService } from "@/lib/gen/flyteconsole/v1/console_pb";

export const getConsoleInfo = ConsoleService.method.getConsoleInfo;

/** Poll faster while FlyteAdmin is down so the page recovers soon after it is back. */
export function consoleInfoInterval(reachable: boolean | undefined): number {
  return reachable === false ? 2_000 : 15_000;
}
