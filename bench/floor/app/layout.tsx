// The floor: a blank App Router page with the console's next and react, built by bench/floor.ts. Its
// first-load JavaScript is what any page of this framework costs before the console adds a byte.
import type { ReactNode } from "react";

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
