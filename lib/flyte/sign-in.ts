// How the console and FlyteAdmin agree on sending people to sign in, shared by the BFF (which names the
// sign-in page) and the browser (which goes there and back).

/** Response header (Connect error metadata) with FlyteAdmin's sign-in URL; the browser appends ?redirect_url=. */
export const SIGN_IN_URL_HEADER = "x-flyte-sign-in-url";
/** FlyteAdmin's query parameter for where to land after /login and /logout (flyteadmin/auth/handlers.go). */
export const REDIRECT_URL_PARAM = "redirect_url";

/** FlyteAdmin's /login or /logout with where to land afterwards. */
export function withRedirectUrl(url: string, redirectTo: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}${REDIRECT_URL_PARAM}=${encodeURIComponent(redirectTo)}`;
}
