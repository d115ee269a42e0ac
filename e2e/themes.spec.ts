// Light, dark or the system's: chosen in the header, kept across reloads, and right from the first paint
// (the head script sets <html data-theme> before the body is parsed, so no page flashes the other theme).
import type { Page } from "@playwright/test";
import { expect, test } from "./test";
import { DOMAIN, PROJECT, executionUrl } from "./helpers";
import { chooseTheme, THEME_KEY } from "./theme-helpers";

const dashboard = `/console/projects/${PROJECT}/domains/${DOMAIN}/executions`;

/** Records the theme <html> has when the parser reaches <body>: what the first paint shows. */
async function recordThemeAtFirstPaint(page: Page) {
  await page.addInitScript(() => {
    const observer = new MutationObserver(() => {
      if (!document.body) return;
      (window as unknown as { themeAtBody?: string | null }).themeAtBody = document.documentElement.getAttribute("data-theme");
      observer.disconnect();
    });
    observer.observe(document, { childList: true, subtree: true });
  });
}
const themeAtFirstPaint = (page: Page) => page.evaluate(() => (window as unknown as { themeAtBody?: string | null }).themeAtBody);

/** In the page, computed colours (Chromium gives lab() or oklch() for Tailwind's) as `rgb(r, g, b)`, read back from a canvas. */
const rgbOf = <K extends string>(page: Page, pick: () => Record<K, string>): Promise<Record<K, string>> =>
  page.evaluate((source) => {
    const picked = (new Function(`return (${source})()`) as () => Record<string, string>)();
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    return Object.fromEntries(
      Object.entries(picked).map(([k, c]) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = c;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return [k, `rgb(${r}, ${g}, ${b})`];
      }),
    );
  }, pick.toString()) as Promise<Record<K, string>>;

const colours = (page: Page) =>
  rgbOf(page, () => ({ body: getComputedStyle(document.body).backgroundColor, header: getComputedStyle(document.querySelector("header")!).backgroundColor }));

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

test.beforeEach(async ({ page }) => {
  await recordThemeAtFirstPaint(page);
});

test("with nothing chosen the console follows the system, from the first paint and live", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(dashboard);
  expect(await themeAtFirstPaint(page)).toBe("dark");
  await expect(page.getByRole("radio", { name: "System" })).toBeChecked();
  const dark = await colours(page);

  // The system turns light while the page is open.
  await page.emulateMedia({ colorScheme: "light" });
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  const light = await colours(page);
  expect(light.body).not.toBe(dark.body);
  expect(light.header).not.toBe(dark.header);
  expect(contrast(light.header, "rgb(255, 255, 255)")).toBeLessThan(1.1);
  expect(contrast(dark.header, "rgb(255, 255, 255)")).toBeGreaterThan(10);
});

test("a theme chosen in the header applies at once and survives a reload with no flash", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(dashboard);
  expect(await themeAtFirstPaint(page)).toBe("light");
  const switcher = page.getByRole("radiogroup", { name: "Theme" });
  // Wait until hydrated: the switch answers clicks from then on.
  await expect(page.getByTestId("execution-row").first()).toBeVisible({ timeout: 30_000 });
  await switcher.getByTitle("Dark theme").click();
  await expect(switcher.getByRole("radio", { name: "Dark" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(await page.evaluate((key) => window.localStorage.getItem(key), THEME_KEY)).toBe("dark");

  await page.reload();
  expect(await themeAtFirstPaint(page)).toBe("dark");
  await expect(switcher.getByRole("radio", { name: "Dark" })).toBeChecked();

  // By keyboard: from Dark, the arrow key moves to the next choice, System, which follows the (light) system.
  await switcher.getByRole("radio", { name: "Dark" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(switcher.getByRole("radio", { name: "System" })).toBeChecked();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
});

test("a stored Dark wins over a light system on a server-rendered page", async ({ page }) => {
  await chooseTheme(page, "dark");
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(executionUrl("seed-basic-wf"));
  expect(await themeAtFirstPaint(page)).toBe("dark");
  await expect(page.getByTestId("execution-phase")).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe("dark");
});

test("phase badges keep their phase, icon and readable colours in both themes", async ({ page }) => {
  const badge = page.getByTestId("execution-phase");
  const look = async () => ({
    phase: await badge.getAttribute("data-phase"),
    icon: (await badge.locator("svg").count()) === 1,
    ...(await rgbOf(page, () => {
      const style = getComputedStyle(document.querySelector('[data-testid="execution-phase"]')!);
      return { colour: style.color, background: style.backgroundColor };
    })),
  });
  const seen: Record<string, Awaited<ReturnType<typeof look>>> = {};
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(executionUrl("seed-retries-fail"));
    await expect(page.locator("html")).toHaveAttribute("data-theme", theme);
    await expect(badge).toBeVisible({ timeout: 30_000 });
    seen[theme] = await look();
    expect(seen[theme].icon).toBe(true);
    expect(contrast(seen[theme].colour, seen[theme].background), `${theme}: ${JSON.stringify(seen[theme])}`).toBeGreaterThanOrEqual(4.5);
  }
  expect(seen.dark.phase).toBe(seen.light.phase);
  expect(seen.dark.colour).not.toBe(seen.light.colour);
  expect(seen.dark.background).not.toBe(seen.light.background);
});
