export function buildIsStale(root?: string): boolean;
export function buildIfStale(root?: string): void;
export function standaloneServer(root?: string): string;
