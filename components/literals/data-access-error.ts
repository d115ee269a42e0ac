import { Code, ConnectError } from "@connectrpc/connect";
import { ObjectReadError } from "@/lib/query/dataproxy";
import { urlOrigin } from "@/lib/flyte/remote-data";

/**
 * Why the console could not open something from FlyteAdmin's store, in words a person can act on.
 * `unavailable`: this FlyteAdmin has no DataProxy at all, so there is nothing to retry.
 */
export function dataAccessError(error: unknown, what: string): { text: string; unavailable: boolean } {
  if (error instanceof ObjectReadError) {
    if (error.status === 403 && error.url) {
      return {
        text: `The console does not read ${what} from ${urlOrigin(error.url)} (${error.message}). An operator can allow that origin with FLYTE_CONSOLE_LOG_ORIGINS.`,
        unavailable: false,
      };
    }
    return { text: `Could not read ${what}: ${error.message}`, unavailable: false };
  }
  const ce = ConnectError.from(error);
  switch (ce.code) {
    case Code.Unimplemented:
      return { text: `This FlyteAdmin does not offer DataProxy (Unimplemented), so the console cannot open ${what}. Use the URI with your storage tools.`, unavailable: true };
    case Code.NotFound:
      return { text: `${capitalize(what)} is not in the store (yet): ${ce.rawMessage}`, unavailable: false };
    case Code.PermissionDenied:
      return { text: `You may not read ${what}: ${ce.rawMessage}`, unavailable: false };
    default:
      return { text: `Could not open ${what} (${Code[ce.code] ?? ce.code}): ${ce.rawMessage}`, unavailable: false };
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
