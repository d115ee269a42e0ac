"use client";

import { Code, ConnectError } from "@connectrpc/connect";
import type { ReactNode } from "react";
import { Banner } from "./banner";
import { Button } from "./button";

/** A person-readable title for a failed request. */
export function errorTitle(error: unknown): string {
  const ce = ConnectError.from(error);
  switch (ce.code) {
    case Code.Unavailable:
      return "FlyteAdmin is unreachable";
    case Code.DeadlineExceeded:
      return "FlyteAdmin is not answering";
    case Code.NotFound:
      return "Not found";
    case Code.PermissionDenied:
      return "Permission denied";
    case Code.Unauthenticated:
      return "You are not signed in";
    case Code.InvalidArgument:
      return "The request was refused";
    default:
      return "Something went wrong";
  }
}

export function QueryError({ error, retry }: { error: unknown; retry?: () => void }) {
  const ce = ConnectError.from(error);
  return (
    <Banner
      tone="error"
      title={errorTitle(error)}
      testId="query-error"
      action={retry ? <Button onClick={retry}>Retry</Button> : undefined}
    >
      {ce.rawMessage}
      {ce.code === Code.Unavailable ? (
        <span className="block text-red-800/80">This page will refresh by itself when it is back.</span>
      ) : null}
    </Banner>
  );
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId} className="rounded-md border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <p className="font-medium text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-500">{children}</div> : null}
    </div>
  );
}

export function LoadingRows({ rows = 5, label }: { rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label} data-testid="loading" className="space-y-2">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-9 animate-pulse rounded bg-slate-200/70" />
      ))}
    </div>
  );
}
