// Checks every BFF call passes before its handler runs (a Connect router interceptor, so a refusal is a
// proper Connect error on unary calls and on the WatchExecution stream alike).
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { reflect } from "@bufbuild/protobuf/reflect";
import type { DescField, DescMessage } from "@bufbuild/protobuf";
import { firstForeignHost, hostRefusal, requestHostsOf, type AllowedHosts } from "@/lib/hosts/allowed-hosts";

export const ALLOWED_HOSTS_SETTING = "FLYTE_CONSOLE_ALLOWED_HOSTS";
export const MAX_LIST_LIMIT_SETTING = "FLYTE_CONSOLE_MAX_LIST_LIMIT";

/** The refusal for a request whose Host the console does not answer to, or undefined when it does. */
export function foreignHost(headers: Headers, url: string, allowed: AllowedHosts): string | undefined {
  const foreign = firstForeignHost(requestHostsOf(headers.get("x-forwarded-host"), headers.get("host") ?? new URL(url).host), allowed);
  return foreign === undefined ? undefined : hostRefusal(foreign, ALLOWED_HOSTS_SETTING);
}

/**
 * DNS rebinding: every call, reads and the watch too, not only mutations. The rebinding page is
 * same-origin in its browser's eyes, so it reads whatever it is answered; with auth off (a console
 * FlyteAdmin trusts by network), reads are the data to protect. Cookies do not travel (they belong to the
 * console's name), but an Authorization-less FlyteAdmin needs none.
 */
export function hostGuard(allowed: AllowedHosts): Interceptor {
  return (next) => async (req) => {
    const refusal = foreignHost(req.header, req.url, allowed);
    if (refusal) throw new ConnectError(refusal, Code.PermissionDenied);
    return next(req);
  };
}

const limitFields = new WeakMap<DescMessage, DescField | null>();
function limitField(message: DescMessage): DescField | undefined {
  let field = limitFields.get(message);
  if (field === undefined) {
    const found = message.fields.find((f) => f.localName === "limit" && f.fieldKind === "scalar");
    field = found ?? null;
    limitFields.set(message, field);
  }
  return field ?? undefined;
}

/**
 * A page size over the cap is refused, not lowered: FlyteAdmin itself has no upper bound and never
 * clamps (flyteadmin/pkg/manager/impl/validation/validation.go ValidateLimit only refuses 0), so a
 * client could not tell a lowered page from the last one by its length.
 */
export function listLimitGuard(maxLimit: number): Interceptor {
  return (next) => async (req) => {
    if (!req.stream) {
      const field = limitField(req.method.input);
      if (field) {
        const limit = Number(reflect(req.method.input, req.message).get(field));
        if (limit > maxLimit) {
          throw new ConnectError(
            `limit ${limit} exceeds the console's maximum of ${maxLimit} (${MAX_LIST_LIMIT_SETTING}); page with the returned token instead`,
            Code.InvalidArgument,
          );
        }
      }
    }
    return next(req);
  };
}
