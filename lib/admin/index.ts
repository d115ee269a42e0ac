// lib/admin's public entry for server pages and layouts (app/**/page.tsx, layout.tsx): what they may load
// from FlyteAdmin while rendering. Route handlers use the modules they need directly.
export { loadFirstPage } from "./dashboard/first-page";
export { loadProjectScope, type ProjectScope } from "./project-scope";
export { loadExecutionPreload } from "./execution-preload";
