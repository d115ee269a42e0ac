"use client";

// next/link prefetches every link that scrolls into view. Every console route is rendered per request with
// FlyteAdmin calls (the project layouts ask GetProject), so an execution page's dozen links cost a dozen
// server renders while the page itself loads: the bench's waterfall showed them competing with its data.
// These links prefetch only once the pointer or the focus reaches them, then as next/link does.
import NextLink from "next/link";
import { useState, type ComponentProps } from "react";

export function Link({ prefetch, onMouseEnter, onFocus, onTouchStart, ...props }: ComponentProps<typeof NextLink>) {
  const [intent, setIntent] = useState(false);
  const wanted = prefetch !== false && intent;
  return (
    <NextLink
      {...props}
      prefetch={wanted ? (prefetch ?? null) : false}
      onMouseEnter={(e) => {
        setIntent(true);
        onMouseEnter?.(e);
      }}
      onFocus={(e) => {
        setIntent(true);
        onFocus?.(e);
      }}
      onTouchStart={(e) => {
        setIntent(true);
        onTouchStart?.(e);
      }}
    />
  );
}
