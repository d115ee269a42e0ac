import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import { THEME_HEAD_SCRIPT } from "@/components/theme/theme";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Flyte Console", template: "%s · Flyte Console" },
  description: "Watch, understand and steer Flyte workflow executions.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The head script sets data-theme on <html> before the first paint, so React finds an attribute the server did not render.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_HEAD_SCRIPT }} />
      </head>
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
