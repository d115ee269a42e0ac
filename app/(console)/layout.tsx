import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { ConnectionBanner } from "@/components/shell/connection-banner";
import { SessionBanner } from "@/components/shell/session-banner";

export default function ConsoleLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <AppHeader />
      <div className="mx-auto max-w-7xl space-y-2 px-4 pt-3" data-testid="connection-region">
        <SessionBanner />
        <ConnectionBanner />
      </div>
      <main className="mx-auto max-w-7xl px-4 py-6" data-testid="main">
        {children}
      </main>
    </div>
  );
}
