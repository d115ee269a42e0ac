// GetSession answers for tests: signed in as someone, sign-in off, or (no handler) Unimplemented.
import { create } from "@bufbuild/protobuf";
import { GetSessionResponseSchema } from "@/lib/gen/flyteconsole/v1/console_pb";

export interface SignedIn {
  subject: string;
  name?: string;
  preferredUsername?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  picture?: string;
}

export const SIGN_IN_URL = "http://flyteadmin.test/login";
export const SIGN_OUT_URL = "http://flyteadmin.test/logout";

/** A ConsoleService implementation whose GetSession says `user` is signed in (or, with null, that sign-in is off). */
export function sessionService(user: SignedIn | null) {
  return {
    getSession: () =>
      create(
        GetSessionResponseSchema,
        user ? { authEnabled: true, user, signInUrl: SIGN_IN_URL, signOutUrl: SIGN_OUT_URL } : { authEnabled: false },
      ),
  };
}
