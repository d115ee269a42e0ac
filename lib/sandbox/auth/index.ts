// The sandbox's authentication, assembled: settings, secrets, the token authority and the codes of the
// sign-in round trip. Created before the servers listen, so the secrets are on disk before anyone (the
// console started by scripts/start.mjs) looks for them.
import { AuthorizationCodes } from "./codes";
import type { SandboxAuthConfig } from "./config";
import { ensureAuthSecrets, type AuthSecrets } from "./secrets";
import { TokenAuthority } from "./tokens";

export interface SandboxAuth {
  config: SandboxAuthConfig;
  secrets: AuthSecrets;
  tokens: TokenAuthority;
  codes: AuthorizationCodes;
  now: () => number;
}

/** `issuer`: the sandbox's own HTTP origin, read at each use (it is known once the HTTP server listens). */
export async function createSandboxAuth(config: SandboxAuthConfig, issuer: () => string, now: () => number = Date.now): Promise<SandboxAuth> {
  const secrets = ensureAuthSecrets(config.secretsDir);
  return { config, secrets, tokens: await TokenAuthority.create(secrets, issuer, now), codes: new AuthorizationCodes(now), now };
}
