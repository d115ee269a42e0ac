"use client";

import { useState } from "react";

const DEFAULT_LIMIT = 500;

/** Text that may be huge (a string input, a JSON struct): first `limit` characters, then "Show all". */
export function LongText({
  text,
  limit = DEFAULT_LIMIT,
  className = "",
  pre = false,
}: {
  text: string;
  limit?: number;
  className?: string;
  /** Keep line breaks and indentation (JSON). */
  pre?: boolean;
}) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > limit;
  const shown = long && !expanded ? `${text.slice(0, limit)}…` : text;
  const Tag = pre ? "pre" : "span";
  return (
    <>
      <Tag className={`whitespace-pre-wrap break-words font-mono ${className}`}>{shown}</Tag>
      {long ? (
        <button
          type="button"
          onClick={() => setExpanded((e) => !e)}
          className="ml-1 text-xs text-indigo-700 hover:underline"
        >
          {expanded ? "Show less" : `Show all (${text.length.toLocaleString("en")} characters)`}
        </button>
      ) : null}
    </>
  );
}
