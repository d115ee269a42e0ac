import { ScopeNotFound } from "./scope-not-found";

/** Thrown by projects/[project]/layout.tsx for a project FlyteAdmin does not know. */
export default function ProjectNotFound() {
  return <ScopeNotFound missing="project" />;
}
