import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { ConnectionBanner } from "@/components/shell/connection-banner";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <AppHeader />
      <div className="mx-auto max-w-7xl px-4 pt-3" data-testid="connection-region">
        <ConnectionBanner />
      </div>
      <main className="mx-auto max-w-7xl px-4 py-6" data-testid="main">
        {children}
      </main>
    </div>
  );
}
