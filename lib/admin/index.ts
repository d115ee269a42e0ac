// lib/admin's public entry for server pages (app/**/page.tsx): what they may load from FlyteAdmin
// while rendering. Route handlers use the modules they need directly.
export { loadFirstPage } from "./dashboard/first-page";
