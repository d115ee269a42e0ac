import type { Page, Request } from "@playwright/test";

/**
 * Counts the requests a page sends whose URL contains `path` (and whose body passes `body`, when given), so a
 * "nothing was sent" check counts requests instead of sleeping and hoping nothing came in the meantime.
 */
export function requestCounter(page: Page, path: string, body?: (text: string) => boolean) {
  const seen: Request[] = [];
  page.on("request", (r) => {
    if (r.url().includes(path) && (!body || body(r.postData() ?? ""))) seen.push(r);
  });
  return {
    get count() {
      return seen.length;
    },
    /** Resolves once every request counted so far has been answered (or failed). */
    async settled() {
      await Promise.all(seen.map((r) => r.response().catch(() => null)));
    },
  };
}
