// Money amounts of compensation claims. The server keeps them in minor currency units (cents),
// so that sums are exact; people type and read them in major units.

/** Major units as typed ("1250.50" or "1250,50") in minor units; null when it is not an amount. */
export function amountInMinorUnits(typed: string): number | null {
  const text = typed.trim().replace(',', '.');
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(text)) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** An amount kept in minor units, in major units as `language` writes them. */
export function formatAmount(minorUnits: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(minorUnits / 100);
}
