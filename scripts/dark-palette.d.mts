export interface Oklch {
  l: number;
  c: number;
  h: number;
}
export const OUTPUT: string;
export const DARK_SURFACE: Oklch;
export function parseColour(text: string): Oklch;
export function toHex(colour: Oklch): string;
export function luminance(colour: Oklch): number;
export function contrast(a: Oklch, b: Oklch): number;
export function darkTwin(colour: Oklch, options?: { surface?: Oklch; below?: boolean; minContrast?: number }): Oklch;
export function colourVariables(css: string, prefix?: string): [string, string][];
export function darkPaletteCss(tailwindTheme: string, globals: string): string;
export function darkPaletteStatus(): { expected: string; current: string };
