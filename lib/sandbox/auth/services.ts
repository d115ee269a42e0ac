// AuthMetadataService and IdentityService, as FlyteAdmin serves them with its self-hosted authorization
// server (authzserver/metadata_provider.go, auth/user_info_provider.go). Over the REST gateway they are
// /.well-known/oauth-authorization-server, /config/v1/flyte_client and /me.
import { create } from "@bufbuild/protobuf";
import type { ServiceImpl } from "@connectrpc/connect";
import { AuthMetadataService, OAuth2MetadataResponseSchema, PublicClientAuthConfigResponseSchema } from "@/lib/gen/flyteidl/service/auth_pb";
import { IdentityService, UserInfoResponseSchema } from "@/lib/gen/flyteidl/service/identity_pb";
import { callerOf } from "./grpc";
import type { SandboxAuth } from "./index";
import { requestOrigin } from "./origins";
import { SCOPE_ALL } from "./tokens";

/** FlyteAdmin's defaults for the public client flytectl and pyflyte use (auth/config/config.go). */
export const PUBLIC_CLIENT = {
  clientId: "flytectl",
  redirectUri: "http://localhost:53593/callback",
  scopes: [SCOPE_ALL, "offline"],
  authorizationMetadataKey: "flyte-authorization",
};

export function authMetadataService(auth: SandboxAuth): ServiceImpl<typeof AuthMetadataService> {
  return {
    getOAuth2Metadata(_req, context) {
      // GetPublicURL: the origin the gateway was reached on; direct gRPC callers get the sandbox's HTTP origin.
      const forwarded = context.requestHeader.has("x-forwarded-host") ? requestOrigin(context.requestHeader) : undefined;
      const base = forwarded ?? auth.tokens.issuer;
      return create(OAuth2MetadataResponseSchema, {
        issuer: auth.tokens.issuer,
        authorizationEndpoint: `${base}/oauth2/authorize`,
        tokenEndpoint: `${base}/oauth2/token`,
        jwksUri: `${base}/oauth2/jwks`,
        codeChallengeMethodsSupported: ["S256"],
        responseTypesSupported: ["code", "token", "code token"],
        grantTypesSupported: ["client_credentials", "refresh_token", "authorization_code"],
        scopesSupported: [SCOPE_ALL],
        tokenEndpointAuthMethodsSupported: ["client_secret_basic"],
      });
    },
    getPublicClientConfig() {
      return create(PublicClientAuthConfigResponseSchema, PUBLIC_CLIENT);
    },
  };
}

export function identityService(): ServiceImpl<typeof IdentityService> {
  return {
    userInfo(_req, context) {
      return callerOf(context)?.userInfo ?? create(UserInfoResponseSchema);
    },
  };
}
