"use client";

// Light, Dark or System (the default) in the header: three radio buttons drawn as icons, so arrow keys move
// between them. Rendered as "System" on the server and while hydrating; the stored choice shows after.
import type { ReactNode } from "react";
import { THEME_CHOICES, type ThemeChoice } from "./theme";
import { useThemeChoice } from "./use-theme";

const LABEL: Record<ThemeChoice, string> = { light: "Light", dark: "Dark", system: "System" };

const ICON: Record<ThemeChoice, ReactNode> = {
  light: (
    <>
      <circle cx="8" cy="8" r="3" />
      <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" strokeLinecap="round" />
    </>
  ),
  dark: <path d="M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5Z" strokeLinejoin="round" />,
  system: (
    <>
      <rect x="2" y="3" width="12" height="8" rx="1" />
      <path d="M6 13.5h4M8 11v2.5" strokeLinecap="round" />
    </>
  ),
};

export function ThemeSwitch() {
  const [choice, setChoice] = useThemeChoice();
  return (
    <div role="radiogroup" aria-label="Theme" data-testid="theme-switch" data-choice={choice} className="flex shrink-0 items-center rounded-md border border-slate-200 bg-slate-50 p-0.5">
      {THEME_CHOICES.map((c) => (
        <label
          key={c}
          title={`${LABEL[c]} theme`}
          className={`flex cursor-pointer items-center rounded p-1 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600 ${
            choice === c ? "bg-white text-slate-900 shadow-sm ring-1 ring-slate-200" : "text-slate-600 hover:text-slate-900"
          }`}
        >
          <input type="radio" name="flyteconsole-theme" value={c} checked={choice === c} onChange={() => setChoice(c)} className="sr-only" />
          <svg viewBox="0 0 16 16" aria-hidden className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth={1.5}>
            {ICON[c]}
          </svg>
          <span className="sr-only">{LABEL[c]}</span>
        </label>
      ))}
    </div>
  );
}
