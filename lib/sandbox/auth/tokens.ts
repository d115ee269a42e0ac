// The sandbox's tokens, as FlyteAdmin's self-hosted authorization server (authzserver/provider.go) and an
// OpenID provider issue them: RS256 JWTs signed with token_rsa_key.pem, `kid` = the key's RFC 7638
// thumbprint (what FlyteAdmin's jwk.AssignKeyID publishes in /oauth2/jwks).
//   access token: iss, aud = [issuer], sub, iat, exp, jti, scp (scopes), user_info (FlyteAdmin's claim), groups
//   ID token:     iss, aud = OIDC_CLIENT_ID, sub, iat, exp, auth_time, name, given_name, family_name,
//                 preferred_username, email, picture (when the person has one), groups
// The issuer is one fixed origin (the sandbox's own HTTP URL), and verification checks the signature,
// `exp`, `iss` and `aud` against it: never against the Host of a request, so a token verifies whichever
// origin (direct, or through a proxy) the browser used.
import { randomUUID } from "node:crypto";
import { fromJson, type JsonObject } from "@bufbuild/protobuf";
import { calculateJwkThumbprint, exportJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from "jose";
import { UserInfoResponseSchema, type UserInfoResponse } from "@/lib/gen/flyteidl/service/identity_pb";
import type { AuthSecrets } from "./secrets";
import { GROUP_FOR, GROUPS_CLAIM, type DemoUser } from "./users";

/** The client id FlyteAdmin would be registered under at the identity provider: the ID token's audience. */
export const OIDC_CLIENT_ID = "flyteadmin";
/** FlyteAdmin's one scope: everything a signed-in user may do (auth.ScopeAll). */
export const SCOPE_ALL = "all";
export const SCOPES_CLAIM = "scp";
export const USER_INFO_CLAIM = "user_info";

export interface IssuedTokens {
  accessToken: string;
  idToken: string;
  expiresAtMs: number;
}

export type TokenKind = "access token" | "ID token";

/** Why a token was refused. The message names the token kind and the reason, never the token. */
export class TokenError extends Error {
  override readonly name = "TokenError";
  constructor(
    readonly kind: TokenKind,
    readonly reason: "expired" | "invalid" | "scope",
    message: string,
  ) {
    super(message);
  }
}

/** Who a verified token says the caller is (FlyteAdmin's IdentityContext). */
export interface Identity {
  subject: string;
  via: TokenKind;
  scopes: string[];
  groups: string[];
  /** What IdentityService.UserInfo answers: the profile, subject filled in, every claim in additional_claims. */
  userInfo: UserInfoResponse;
}

/** The profile as FlyteAdmin keeps it: the JSON of a UserInfoResponse, Go's field names. */
export function userInfoJson(user: DemoUser): JsonObject {
  return {
    subject: user.subject,
    name: user.name,
    preferred_username: user.preferredUsername,
    given_name: user.givenName,
    family_name: user.familyName,
    email: user.email,
    ...(user.picture ? { picture: user.picture } : {}),
  };
}

function stringList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return typeof value === "string" ? value.split(" ").filter(Boolean) : [];
}

function toUserInfo(profile: unknown, subject: string, claims: JWTPayload): UserInfoResponse {
  let info: UserInfoResponse;
  try {
    info = fromJson(UserInfoResponseSchema, (profile ?? {}) as JsonObject, { ignoreUnknownFields: true });
  } catch {
    info = fromJson(UserInfoResponseSchema, {});
  }
  info.subject ||= subject;
  info.additionalClaims = JSON.parse(JSON.stringify(claims)) as JsonObject;
  return info;
}

export class TokenAuthority {
  private constructor(
    private readonly secrets: AuthSecrets,
    readonly kid: string,
    private readonly jwk: JWK,
    private readonly issuerOf: () => string,
    private readonly now: () => number,
  ) {}

  /** `issuer` is read at each use: the sandbox knows its HTTP URL only once it listens. */
  static async create(secrets: AuthSecrets, issuer: () => string, now: () => number = Date.now): Promise<TokenAuthority> {
    const jwk = await exportJWK(secrets.publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    return new TokenAuthority(secrets, kid, { ...jwk, kid, alg: "RS256", use: "sig" }, issuer, now);
  }

  get issuer(): string {
    return this.issuerOf();
  }

  /** The JSON Web Key Set served at /oauth2/jwks. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.jwk] };
  }

  async issue(user: DemoUser, ttlMs: number): Promise<IssuedTokens> {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + Math.max(1, Math.round(ttlMs / 1000));
    const groups = [GROUP_FOR[user.access]];
    const sign = (claims: JWTPayload, audience: string | string[]) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: this.kid, typ: "JWT" })
        .setIssuer(this.issuer)
        .setAudience(audience)
        .setSubject(user.subject)
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(this.secrets.signingKey);
    const accessToken = await sign(
      { [SCOPES_CLAIM]: [SCOPE_ALL], [USER_INFO_CLAIM]: userInfoJson(user), [GROUPS_CLAIM]: groups, jti: randomUUID() },
      [this.issuer],
    );
    const profile = userInfoJson(user);
    delete profile.subject;
    const idToken = await sign({ ...profile, auth_time: iat, [GROUPS_CLAIM]: groups }, OIDC_CLIENT_ID);
    return { accessToken, idToken, expiresAtMs: exp * 1000 };
  }

  private async verify(token: string, kind: TokenKind, audience: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, this.secrets.publicKey, {
        algorithms: ["RS256"],
        issuer: this.issuer,
        audience,
        requiredClaims: ["sub", "exp"],
        currentDate: new Date(this.now()),
      });
      return payload;
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === "ERR_JWT_EXPIRED") {
        const exp = (err as { payload?: JWTPayload }).payload?.exp;
        const when = typeof exp === "number" ? ` at ${new Date(exp * 1000).toISOString()}` : "";
        throw new TokenError(kind, "expired", `the ${kind} expired${when}; sign in again`);
      }
      const why =
        code === "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"
          ? "its signature does not verify with this sandbox's key"
          : code === "ERR_JWT_CLAIM_VALIDATION_FAILED"
            ? `its "${(err as { claim?: string }).claim ?? "?"}" claim is not what this sandbox issues`
            : code === "ERR_JOSE_ALG_NOT_ALLOWED"
              ? "it is not signed with RS256"
              : "it is not a JWT this sandbox issued";
      throw new TokenError(kind, "invalid", `the ${kind} is not valid: ${why}`);
    }
  }

  /** An access token (`authorization: Bearer …`), as FlyteAdmin's ValidateAccessToken and BlanketAuthorization check it. */
  async verifyAccessToken(token: string): Promise<Identity> {
    const claims = await this.verify(token, "access token", this.issuer);
    const subject = claims.sub!;
    const scopes = stringList(claims[SCOPES_CLAIM]);
    if (!claims.client_id && scopes.length === 0) scopes.push(SCOPE_ALL);
    if (!scopes.includes(SCOPE_ALL)) throw new TokenError("access token", "scope", "authenticated user doesn't have required scope");
    const userInfo = toUserInfo(claims[USER_INFO_CLAIM], subject, claims);
    if (typeof claims.email === "string") userInfo.email = claims.email;
    return { subject, via: "access token", scopes, groups: stringList(claims[GROUPS_CLAIM]), userInfo };
  }

  /**
   * An ID token (`authorization: IDToken …`). The profile comes from `userInfoJson` (the `userinfo-bin`
   * metadata FlyteAdmin's gateway adds from flyte_user_info) when given, else from the token's own claims.
   */
  async verifyIdToken(token: string, userInfoJsonText?: string): Promise<Identity> {
    const claims = await this.verify(token, "ID token", OIDC_CLIENT_ID);
    let profile: unknown = claims;
    if (userInfoJsonText) {
      try {
        profile = JSON.parse(userInfoJsonText);
      } catch {
        // FlyteAdmin ignores user info it cannot read.
      }
    }
    const userInfo = toUserInfo(profile, claims.sub!, claims);
    return { subject: claims.sub!, via: "ID token", scopes: [SCOPE_ALL], groups: stringList(claims[GROUPS_CLAIM]), userInfo };
  }
}
