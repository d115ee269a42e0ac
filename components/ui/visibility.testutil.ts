// jsdom's tab is always visible: these let a test hide and show it as a browser does
// (document.visibilityState, then a visibilitychange event that reaches window's listeners).
let state: DocumentVisibilityState = "visible";

export function installVisibility() {
  state = "visible";
  Object.defineProperty(document, "visibilityState", { configurable: true, get: () => state });
  Object.defineProperty(document, "hidden", { configurable: true, get: () => state === "hidden" });
}

export function setVisibility(next: DocumentVisibilityState) {
  state = next;
  document.dispatchEvent(new Event("visibilitychange", { bubbles: true }));
}
