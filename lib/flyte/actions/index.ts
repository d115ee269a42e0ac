export * from "./availability";
export * from "./gates";
export * from "./recover";
export * from "./signal-prefill";
