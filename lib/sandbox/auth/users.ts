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
  /** write: may launch, terminate, approve, archive; read: may only look (mutations are PermissionDenied). */
  access: DemoAccess;
}

/** The token claim listing a user's groups, and the groups that mean each access level. */
export const GROUPS_CLAIM = "groups";
export const GROUP_FOR: Record<DemoAccess, string> = { write: "flyte-writers", read: "flyte-viewers" };

export const DEMO_USERS: readonly DemoUser[] = [
  { subject: "ada", name: "Ada Lovelace", givenName: "Ada", familyName: "Lovelace", preferredUsername: "ada", email: "ada@flyte.example", access: "write" },
  { subject: "grace", name: "Grace Hopper", givenName: "Grace", familyName: "Hopper", preferredUsername: "grace", email: "grace@flyte.example", access: "write" },
  { subject: "alan", name: "Alan Turing", givenName: "Alan", familyName: "Turing", preferredUsername: "alan", email: "alan@flyte.example", access: "read" },
];

export function demoUser(subject: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.subject === subject);
}
