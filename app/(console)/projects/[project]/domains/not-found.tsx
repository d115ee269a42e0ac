import { ScopeNotFound } from "../../scope-not-found";

/** Thrown by [domain]/layout.tsx for a domain the project does not have. */
export default function DomainNotFound() {
  return <ScopeNotFound missing="domain" />;
}
