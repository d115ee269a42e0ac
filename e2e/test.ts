// Every spec's `test` and `expect`: Playwright's, with an automatic check, after each test, that no page
// threw and React reported no hydration mismatch (#418 and kin: text the server rendered that the browser
// renders differently). Specs that must see no console error at all add `failOnPageErrors` (helpers.ts);
// this floor leaves out other console errors because some specs make requests fail on purpose, which
// the browser logs.
import { expect, test as base } from "@playwright/test";

const REACT_HYDRATION_ERROR = /Minified React error #(418|419|421|422|423|425)\b|hydrat|did not match/i;

export const test = base.extend<{ noPageErrors: void }>({
  noPageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`uncaught: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" && REACT_HYDRATION_ERROR.test(m.text())) errors.push(`console: ${m.text()}`);
      });
      await use();
      expect(errors, "uncaught page errors and React hydration errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
