// Renders `ui` on a "server" (empty query cache) and hydrates that HTML in the browser with a cache that
// already holds answers, as when a query the header started answers before a Suspense boundary below it
// hydrates. Gives React's recoverable errors (a mismatch in text or elements, #418, is one) and the hydrated
// DOM: a mismatch in attributes raises nothing but leaves the server's values in place.
import type { Transport } from "@connectrpc/connect";
import { TransportProvider } from "@connectrpc/connect-query";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, type ReactElement } from "react";
import { hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";

function withProviders(transport: Transport, client: QueryClient, ui: ReactElement) {
  return (
    <TransportProvider transport={transport}>
      <QueryClientProvider client={client}>{ui}</QueryClientProvider>
    </TransportProvider>
  );
}

const quiet = () => new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export async function hydrateOverAnswers(
  transport: Transport,
  ui: ReactElement,
  prime: (browserCache: QueryClient) => void,
): Promise<{ errors: unknown[]; container: HTMLElement; unmount(): Promise<void> }> {
  const html = renderToString(withProviders(transport, quiet(), ui));
  const container = document.createElement("div");
  container.innerHTML = html;
  document.body.append(container);
  const browserCache = quiet();
  prime(browserCache);
  const errors: unknown[] = [];
  const root = await act(async () =>
    hydrateRoot(container, withProviders(transport, browserCache, ui), {
      onRecoverableError: (e) => errors.push(e),
    }),
  );
  const unmount = async () => {
    await act(async () => root.unmount());
    container.remove();
  };
  return { errors, container, unmount };
}
