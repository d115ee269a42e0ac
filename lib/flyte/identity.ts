// Names for a signed-in user (FlyteAdmin's UserInfo), as the header and confirmations show them.
import type { UserInfoResponse } from "@/lib/gen/flyteidl/service/identity_pb";

type User = Pick<UserInfoResponse, "subject" | "name" | "preferredUsername" | "givenName" | "familyName" | "email">;

/** The friendliest name there is: full name, user name, email, else the subject. */
export function displayName(user: User): string {
  const full = user.name.trim() || [user.givenName.trim(), user.familyName.trim()].filter(Boolean).join(" ");
  return full || user.preferredUsername.trim() || user.email.trim() || user.subject;
}

/** "Ada Lovelace (ada)": the name and, when there is one besides, the handle people know them by. */
export function actorLabel(user: User): string {
  const name = displayName(user);
  const handle = [user.preferredUsername, user.email, user.subject].map((s) => s.trim()).find((s) => s && s !== name);
  return handle ? `${name} (${handle})` : name;
}

/** Up to two letters for an avatar without a picture. */
export function initials(user: User): string {
  const full = displayName(user);
  const name = full.includes("@") ? full.slice(0, full.indexOf("@")) : full;
  const words = name.split(/[\s._@-]+/).filter((w) => /^\p{L}/u.test(w));
  const letters = (words.length >= 2 ? [words[0], words[words.length - 1]] : words.slice(0, 1)).map((w) => [...w][0]);
  return (letters.join("") || [...full][0] || "?").toUpperCase();
}
