/**
 * A count the API gives as a number or a numeric string, written by `format` (the interface
 * language's digits and grouping); a capped one ("100+") as the API gives it; none as 0.
 */
export function countText(v: string | number | undefined, format: (n: number) => string): string {
  if (v === undefined) return format(0);
  return typeof v === 'number' || /^\d+$/.test(v) ? format(Number(v)) : v;
}

/** The number a PLURAL form is chosen by for such a count ("100+" counts as 100). */
export const countForPlural = (v: string | number | undefined): number =>
  typeof v === 'number' ? v : Number.parseInt(v ?? '0', 10) || 0;
