import type { ReactNode } from "react";

type Tone = "error" | "warning" | "info" | "success";

const TONE_CLASS: Record<Tone, string> = {
  error: "border-red-300 bg-red-50 text-red-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  info: "border-sky-300 bg-sky-50 text-sky-900",
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
};

export function Banner({
  tone,
  title,
  children,
  action,
  testId,
}: {
  tone: Tone;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`flex items-start justify-between gap-4 rounded-md border px-4 py-3 text-sm ${TONE_CLASS[tone]}`}
    >
      <div className="min-w-0">
        <p className="font-semibold">{title}</p>
        {children ? <div className="mt-1 break-words">{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}
