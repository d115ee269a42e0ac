import { describe, expect, it } from "vitest";
import { actorLabel, displayName, initials } from "./identity";

const user = (u: Partial<Parameters<typeof actorLabel>[0]>) => ({ subject: "", name: "", preferredUsername: "", givenName: "", familyName: "", email: "", ...u });

describe("identity names", () => {
  it("names the actor with the handle people know them by", () => {
    expect(actorLabel(user({ subject: "00u1", name: "Ada Lovelace", preferredUsername: "ada" }))).toBe("Ada Lovelace (ada)");
    expect(actorLabel(user({ subject: "00u1", name: "Ada Lovelace", email: "ada@example.org" }))).toBe("Ada Lovelace (ada@example.org)");
    expect(actorLabel(user({ subject: "00u1", preferredUsername: "ada" }))).toBe("ada (00u1)");
    expect(actorLabel(user({ subject: "00u1" }))).toBe("00u1");
  });

  it("builds a name from given and family names, and initials from it", () => {
    const grace = user({ subject: "s", givenName: "Grace", familyName: "Hopper" });
    expect(displayName(grace)).toBe("Grace Hopper");
    expect(initials(grace)).toBe("GH");
    expect(initials(user({ subject: "s", email: "ada.lovelace@example.org" }))).toBe("AL");
    expect(initials(user({ subject: "42" }))).toBe("4");
  });
});
