// Execution names chosen by the console before it sends anything, so one form submits one name:
// a double click or a retry after a network error names the same execution, and FlyteAdmin's
// AlreadyExists for it means "created". Same shape as FlyteAdmin's own: a letter, then 19 of [a-z0-9].

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const ALPHANUMERIC = `${LETTERS}0123456789`;

/** `randomBytes` defaults to the platform's crypto; tests pass a fixed source. */
export function newExecutionName(randomBytes: (n: number) => Uint8Array = cryptoBytes): string {
  const bytes = randomBytes(20);
  let name = LETTERS[bytes[0] % LETTERS.length];
  for (let i = 1; i < 20; i++) name += ALPHANUMERIC[bytes[i] % ALPHANUMERIC.length];
  return name;
}

function cryptoBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

const NAME_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const MAX_EXECUTION_NAME = 63;

/** Why a user-chosen execution name would be refused by FlyteAdmin, or undefined when it is fine. */
export function executionNameProblem(name: string): string | undefined {
  if (name.length > MAX_EXECUTION_NAME) return `use at most ${MAX_EXECUTION_NAME} characters`;
  if (!NAME_RE.test(name)) return "use lowercase letters, digits and '-', starting with a letter and not ending with '-'";
  return undefined;
}
