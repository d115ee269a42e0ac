import type { ReactNode } from "react";

/** A titled panel of an entity page. */
export function Card({
  title,
  actions,
  children,
  testId,
  flush = false,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  /** No inner padding: for tables and graphs that run to the edges. */
  flush?: boolean;
}) {
  const id = `card-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} data-testid={testId} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <header className="flex items-center justify-between gap-3 border-b border-slate-100 px-4 py-2.5">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {actions ? <div className="flex items-center gap-2">{actions}</div> : null}
      </header>
      <div className={flush ? "" : "p-4"}>{children}</div>
    </section>
  );
}

/** A label/value list for facts (image, retries, schedule…). */
export function Facts({ items }: { items: { label: string; value: ReactNode; testId?: string }[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
      {items.map((i) => (
        <div key={i.label} className="contents">
          <dt className="text-slate-500">{i.label}</dt>
          <dd className="min-w-0 break-words text-slate-900" data-testid={i.testId}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
