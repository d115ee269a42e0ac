import { Link } from "@/components/ui/link";
import { CommandPalette } from "@/components/search/command-palette";
import { BackendBadge } from "./connection-banner";
import { ProjectSwitcher } from "./project-switcher";
import { UserMenu } from "./user-menu";
import { ThemeSwitch } from "@/components/theme/theme-switch";

export function AppHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-12 max-w-7xl items-center gap-3 px-4">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
          <svg aria-hidden viewBox="0 0 24 24" className="h-5 w-5 text-indigo-600" fill="currentColor">
            <path d="M12 2 3 7v10l9 5 9-5V7l-9-5Zm0 2.3 6.8 3.8L12 11.9 5.2 8.1 12 4.3Z" />
          </svg>
          Flyte Console
        </Link>
        <BackendBadge />
        <ProjectSwitcher />
        <CommandPalette />
        <ThemeSwitch />
        <UserMenu />
      </div>
    </header>
  );
}
