// The names of FlyteAdmin's browser-session cookies (flyteadmin/auth/constants.go), shared by the
// BFF, which opens them, and the sandbox, which seals them as FlyteAdmin does.
export const ID_TOKEN_COOKIE = "flyte_idt";
/** The access token in one cookie, as FlyteAdmin releases before the split wrote it. */
export const ACCESS_TOKEN_COOKIE = "flyte_at";
/** The access token's first and second halves (split at half its length in bytes). */
export const ACCESS_TOKEN_COOKIE_1 = "flyte_at_1";
export const ACCESS_TOKEN_COOKIE_2 = "flyte_at_2";
export const REFRESH_TOKEN_COOKIE = "flyte_rt";
export const USER_INFO_COOKIE = "flyte_user_info";
/** Where /login keeps the page to return to while the identity provider signs the user in. */
export const REDIRECT_URL_COOKIE = "flyte_redirect_location";
/** The CSRF value behind the OAuth2 `state` of the login round trip. */
export const CSRF_STATE_COOKIE = "flyte_csrf_state";
