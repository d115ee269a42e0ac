// Authorization codes of the sign-in round trip (the sign-in page → /callback?code=…): random, single use,
// valid for five minutes (FlyteAdmin's default authorizationCodeLifespan), kept in memory only.
import { randomBytes } from "node:crypto";

export const CODE_LIFETIME_MS = 5 * 60_000;

export interface CodeGrant {
  subject: string;
  /** The lifetime of the tokens the code is exchanged for. */
  tokenTtlMs: number;
}

export class AuthorizationCodes {
  private readonly codes = new Map<string, CodeGrant & { expiresAtMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  issue(grant: CodeGrant): string {
    const now = this.now();
    for (const [code, g] of this.codes) if (g.expiresAtMs <= now) this.codes.delete(code);
    const code = randomBytes(24).toString("base64url");
    this.codes.set(code, { ...grant, expiresAtMs: now + CODE_LIFETIME_MS });
    return code;
  }

  /** The grant behind a code, once; undefined for an unknown, used or expired code. */
  redeem(code: string): CodeGrant | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.expiresAtMs <= this.now()) return undefined;
    return { subject: grant.subject, tokenTtlMs: grant.tokenTtlMs };
  }
}
