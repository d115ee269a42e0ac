// Errors as FlyteAdmin reports them: a Connect code and a message a person can act on.
import { Code, ConnectError, type Interceptor } from "@connectrpc/connect";
import { QueryError } from "../store/query";

export const invalidArgument = (message: string) => new ConnectError(message, Code.InvalidArgument);
export const notFound = (message: string) => new ConnectError(message, Code.NotFound);
export const alreadyExists = (message: string) => new ConnectError(message, Code.AlreadyExists);
export const failedPrecondition = (message: string) => new ConnectError(message, Code.FailedPrecondition);

/** Throws InvalidArgument unless every named field is a non-empty string. */
export function requireFields(what: string, fields: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(fields)) {
    if (!value) throw invalidArgument(`missing ${name} in ${what}`);
  }
}

/** FlyteAdmin rejects list calls without a positive limit. */
export function requireLimit(limit: number): void {
  if (limit < 1) throw invalidArgument("invalid value for limit: must be greater than 0");
}

/** Turns store errors into Connect codes, and logs what would otherwise be an opaque Internal. */
export const errorInterceptor: Interceptor = (next) => async (req) => {
  try {
    return await next(req);
  } catch (err) {
    if (err instanceof ConnectError) throw err;
    if (err instanceof QueryError) throw invalidArgument(err.message);
    console.error(`sandbox: ${req.method.name} failed:`, err);
    throw new ConnectError(err instanceof Error ? err.message : String(err), Code.Internal);
  }
};
