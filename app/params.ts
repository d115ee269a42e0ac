// Route params arrive percent-encoded or decoded depending on the path taken; decode once, safely.
export function decodeParam(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export async function decodeParams<T extends Record<string, string>>(params: Promise<T>): Promise<T> {
  const raw = await params;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decodeParam(v)])) as T;
}
