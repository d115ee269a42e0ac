// @vitest-environment jsdom
import { create } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NodeExecutionSchema } from "@/lib/gen/flyteidl/admin/node_execution_pb";
import { ObjectReadError, type NodeDeck as Deck } from "@/lib/query/dataproxy";

type DeckQuery = { data?: Deck; error: unknown; isPending: boolean; refetch: () => void };
let query: DeckQuery;
vi.mock("@/lib/query/dataproxy", async (real) => ({ ...(await real<object>()), useNodeDeck: () => query }));
const { NodeDeck } = await import("./node-deck");

afterEach(cleanup);

const node = (deckUri: string) =>
  create(NodeExecutionSchema, { id: { nodeId: "n2", executionId: { project: "p", domain: "d", name: "e" } }, closure: { deckUri } });
const DECK = "s3://bucket/metadata/propeller/p-d-e/n2/data/0/deck.html";

describe("NodeDeck", () => {
  it("renders the deck in a frame that may run scripts but is never same-origin nor able to navigate the console", () => {
    const signed = "https://bucket.s3.amazonaws.com/deck.html?X-Amz-Signature=abc";
    query = { data: { url: signed, html: "<h1>Deck</h1><script>1</script>" }, error: null, isPending: false, refetch: vi.fn() };
    render(<NodeDeck nodeExecution={node(DECK)} />);
    const frame = screen.getByTestId("deck-frame");
    expect(frame.getAttribute("sandbox")).toBe("allow-scripts");
    expect(frame.getAttribute("srcdoc")).toBe("<h1>Deck</h1><script>1</script>");
    const full = screen.getByRole("link", { name: "Open full page" });
    expect(full.getAttribute("href")).toBe(`/console/api/logs?${new URLSearchParams({ uri: signed, as: "html" })}`);
    expect(full.getAttribute("rel")).toContain("noopener");
    expect(screen.getByTestId("deck-uri").textContent).toBe(DECK);
  });

  it("says plainly when FlyteAdmin has no DataProxy, and offers no retry", () => {
    query = { error: new ConnectError("unknown service flyteidl.service.DataProxyService", Code.Unimplemented), isPending: false, refetch: vi.fn() };
    render(<NodeDeck nodeExecution={node(DECK)} />);
    expect(screen.getByRole("alert").textContent).toContain("This FlyteAdmin does not offer DataProxy (Unimplemented)");
    expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
    expect(screen.queryByTestId("deck-frame")).toBeNull();
  });

  it("names the origin the console may not read decks from, and a deck not written yet", () => {
    query = { error: new ObjectReadError("https://b.example is not an allowed log origin", 403, "https://b.example/deck.html?sig=1"), isPending: false, refetch: vi.fn() };
    render(<NodeDeck nodeExecution={node(DECK)} />);
    expect(screen.getByRole("alert").textContent).toContain("does not read the deck from https://b.example");
    expect(screen.getByRole("alert").textContent).toContain("FLYTE_CONSOLE_LOG_ORIGINS");
    cleanup();
    query = { error: new ConnectError("URL [s3://x/deck.html] does not exist yet.", Code.NotFound), isPending: false, refetch: vi.fn() };
    render(<NodeDeck nodeExecution={node(DECK)} />);
    expect(screen.getByRole("alert").textContent).toContain("The deck is not in the store (yet): URL [s3://x/deck.html] does not exist yet.");
    expect(screen.getByRole("button", { name: "Try again" })).toBeTruthy();
  });
});
