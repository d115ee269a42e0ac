import type { ButtonHTMLAttributes } from "react";

type Variant = "primary" | "secondary" | "ghost" | "danger";

const VARIANT_CLASS: Record<Variant, string> = {
  primary: "bg-indigo-600 text-white hover:bg-indigo-700",
  secondary: "border border-slate-300 bg-white text-slate-800 hover:bg-slate-50",
  ghost: "text-slate-700 hover:bg-slate-100",
  danger: "bg-red-600 text-white hover:bg-red-700",
};

/*
 * Unavailable looks the same whatever the variant: neutral grey, so a disabled red button never reads as live.
 * Same box as the variant (a ring, not a border, where the variant has none) so toggling does not shift layout.
 */
const DISABLED_CLASS: Record<Variant, string> = {
  primary: "bg-slate-100 text-slate-400 ring-1 ring-inset ring-slate-200",
  secondary: "border border-slate-200 bg-slate-100 text-slate-400",
  ghost: "text-slate-400",
  danger: "bg-slate-100 text-slate-400 ring-1 ring-inset ring-slate-200",
};

/**
 * Disabled either way: `disabled`, or `aria-disabled` for buttons that stay focusable so their reason can be read.
 * `awaitingHydration`: aria-disabled only until the page's code runs; drawn as available (a progress cursor).
 */
export function Button({
  variant = "secondary",
  className = "",
  type = "button",
  awaitingHydration = false,
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant; awaitingHydration?: boolean }) {
  const ariaDisabled = props["aria-disabled"];
  const off = !awaitingHydration && (props.disabled === true || ariaDisabled === true || ariaDisabled === "true");
  const look = awaitingHydration ? `cursor-progress ${VARIANT_CLASS[variant]}` : off ? `cursor-not-allowed ${DISABLED_CLASS[variant]}` : VARIANT_CLASS[variant];
  return (
    <button
      type={type}
      className={`inline-flex items-center gap-1.5 rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${look} ${className}`}
      {...props}
    />
  );
}
