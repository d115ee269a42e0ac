// Apart from layout.ts, which brings dagre: the browser's page reads it without loading the layout code.

/**
 * Part of every stored layout's key (components/dag/stored-layouts.ts keeps layouts across visits, lib/admin's
 * layout cache across viewers): bump it when the placement in layout.ts or the node sizes in layout-input.ts
 * change, so no browser or server reuses a layout drawn the old way.
 */
export const LAYOUT_VERSION = 3;
