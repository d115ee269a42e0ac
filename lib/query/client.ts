import { Code, ConnectError } from "@connectrpc/connect";
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { handleUnauthenticated, type SignInEnv } from "./sign-in";

/** Errors that no retry will fix: show them at once. */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof ConnectError)) return false;
  return [Code.InvalidArgument, Code.NotFound, Code.PermissionDenied, Code.Unauthenticated, Code.Unimplemented].includes(
    error.code,
  );
}

export function createQueryClient(opts: { signInEnv?: SignInEnv } = {}): QueryClient {
  // The transport already saw Connect calls' errors; these catch errors thrown by plain-fetch query functions.
  // Handling the same error twice is harmless: one redirect at most.
  const onError = (error: unknown) => handleUnauthenticated(error, opts.signInEnv);
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: (failures, error) => !isPermanent(error) && failures < 2,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
