// The sandbox's sign-in page: it stands in for the identity provider FlyteAdmin would send the browser
// to. One self-contained HTML document (no scripts, no external assets), every text escaped, a labelled
// button per person; in test mode also a token lifetime field.
import type { DemoUser } from "./users";

/**
 * Content-Security-Policy for the page: inline styles only, nothing loaded, never framed. No form-action:
 * browsers apply it to the whole redirect chain of the submission, which ends at the console's origin.
 */
export const SIGN_IN_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface SignInPage {
  users: readonly DemoUser[];
  /** The OAuth2 state bound to the flyte_csrf_state cookie. */
  state: string;
  /** Shown in test mode: the default lifetime, in seconds. */
  ttlSeconds?: number;
  maxTtlSeconds?: number;
  /** A problem with the last attempt, shown above the form. */
  error?: string;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2433}
main{max-width:28rem;margin:4rem auto;padding:2rem;background:#fff;border-radius:8px;box-shadow:0 1px 4px #0002}
h1{font-size:1.4rem;margin:0 0 .5rem}p{margin:.25rem 0 1.25rem;color:#4a5468}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:.5rem}
button{display:block;width:100%;text-align:left;margin:.5rem 0;padding:.75rem 1rem;border:1px solid #c9ced8;border-radius:6px;background:#fff;font:inherit;cursor:pointer}
button:hover,button:focus-visible{border-color:#5b4bdb;outline:2px solid #5b4bdb33}
.who{display:block;font-weight:600}.what{display:block;font-size:.875rem;color:#4a5468}
label{display:block;font-weight:600}input{font:inherit;padding:.4rem;width:8rem;margin-bottom:1rem}
.error{color:#a3121f;background:#fdecee;padding:.5rem .75rem;border-radius:6px}
`;

function userButton(u: DemoUser): string {
  const access = u.access === "write" ? "can launch, terminate, approve and archive" : "read-only: can look, not change";
  return `<button type="submit" name="user" value="${escapeHtml(u.subject)}"><span class="who">${escapeHtml(u.name)}</span><span class="what">${escapeHtml(u.email)} · ${escapeHtml(access)}</span></button>`;
}

export function renderSignInPage(p: SignInPage): string {
  const ttl =
    p.ttlSeconds === undefined
      ? ""
      : `<label for="ttl">Token lifetime (seconds)</label>
<input id="ttl" name="ttl_seconds" type="number" inputmode="numeric" min="1" max="${p.maxTtlSeconds ?? p.ttlSeconds}" step="1" value="${p.ttlSeconds}">`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · Flyte sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>Sign in to Flyte</h1>
<p>This sandbox stands in for your identity provider: choose who you are.</p>
${p.error ? `<p class="error" role="alert">${escapeHtml(p.error)}</p>` : ""}
<form method="post" action="/login">
<input type="hidden" name="state" value="${escapeHtml(p.state)}">
${ttl}
<fieldset>
<legend>Sign in as</legend>
${p.users.map(userButton).join("\n")}
</fieldset>
</form>
</main>
</body>
</html>
`;
}
