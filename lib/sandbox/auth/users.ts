// The people the sandbox's sign-in page offers, standing in for an identity provider's directory.
// Subjects are stable: they are what FlyteAdmin records as an execution's principal, and the seeded
// execution history (seed/history.ts) launches as the same subjects, so "Launched by me" finds rows.

export type DemoAccess = "write" | "read";

export interface DemoUser {
  /** The token's `sub`: FlyteAdmin's principal. */
  subject: string;
  name: string;
  givenName: string;
  familyName: string;
  preferredUsername: string;
  email: string;
  /** A profile picture URL (OpenID's `picture`), for some people only, as with real directories. */
  picture?: string;
  /** write: may launch, terminate, approve, archive; read: may only look (mutations are PermissionDenied). */
  access: DemoAccess;
}

/** The token claim listing a user's groups, and the groups that mean each access level. */
export const GROUPS_CLAIM = "groups";
export const GROUP_FOR: Record<DemoAccess, string> = { write: "flyte-writers", read: "flyte-viewers" };

/** A self-contained avatar (an SVG data URL, kept short: it travels in the session cookies twice). */
function avatar(initials: string, colour: string): string {
  const svg = `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 64 64'><circle cx='32' cy='32' r='32' fill='${colour}'/><text x='32' y='41' font-size='24' fill='white' text-anchor='middle'>${initials}</text></svg>`;
  return `data:image/svg+xml,${svg.replace(/[<>#% ]/g, encodeURIComponent)}`;
}

export const DEMO_USERS: readonly DemoUser[] = [
  { subject: "ada", name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace", preferredUsername: "ada", email: "ada@flyte.example", access: "write" },
  { subject: "grace", name: "Grace Hopper", givenName: "Grace", familyName: "Hopper", preferredUsername: "grace", email: "grace@flyte.example", picture: avatar("GH", "#5b4bdb"), access: "write" },
  { subject: "alan", name: "Alan Turing", givenName: "Alan", familyName: "Turing", preferredUsername: "alan", email: "alan@flyte.example", access: "read" },
];

export function demoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}
