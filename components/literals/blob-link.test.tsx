// @vitest-environment jsdom
import { Code, ConnectError } from "@connectrpc/connect";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DisplayNode } from "@/lib/flyte/literals/display-node";
import { LiteralTree } from "./literal-tree";

afterEach(cleanup);

const file: DisplayNode = { kind: "blob", uri: "s3://bucket/data/report.csv", format: "csv", dimensionality: "single" };

describe("a file in a literal tree", () => {
  it("gets a signed link on request and opens it in a new tab, away from the console", async () => {
    const open = vi.fn(async () => ({ url: "https://bucket.s3.amazonaws.com/data/report.csv?sig=1", expiresAtMs: Date.UTC(2024, 5, 1, 13, 0) }));
    render(<LiteralTree node={file} path="normalized" openBlob={open} />);
    fireEvent.click(screen.getByRole("button", { name: "Get a download link for normalized" }));
    const link = await screen.findByRole("link", { name: "Open normalized" });
    expect(open).toHaveBeenCalledWith("s3://bucket/data/report.csv");
    expect(link.getAttribute("href")).toBe("https://bucket.s3.amazonaws.com/data/report.csv?sig=1");
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    expect(screen.getByTestId("blob-link").textContent).toContain("link valid until 13:00 UTC");
  });

  it("says so when FlyteAdmin has no DataProxy, and the URI stays there to copy", async () => {
    const open = vi.fn(async () => {
      throw new ConnectError("unknown service", Code.Unimplemented);
    });
    render(<LiteralTree node={file} path="normalized" openBlob={open} />);
    fireEvent.click(screen.getByRole("button", { name: "Get a download link for normalized" }));
    expect((await screen.findByRole("alert")).textContent).toContain("This FlyteAdmin does not offer DataProxy (Unimplemented)");
    expect(screen.getByTestId("literal-uri").textContent).toBe("s3://bucket/data/report.csv");
    expect(screen.getByRole("button", { name: "Copy URI of normalized" })).toBeTruthy();
  });

  it("offers no link for a directory, nor without DataProxy access", () => {
    render(<LiteralTree node={{ ...file, uri: "s3://bucket/images/", dimensionality: "multipart" }} path="images" openBlob={vi.fn()} />);
    expect(screen.queryByRole("button", { name: /download link/ })).toBeNull();
    cleanup();
    render(<LiteralTree node={file} path="normalized" />);
    expect(screen.queryByRole("button", { name: /download link/ })).toBeNull();
  });
});
