// The classes of a count map (map.ts), apart so they can be tested without a browser: up to five
// classes of equal width between the smallest and the largest published count, coloured from a
// sequential scale so that more people always means a darker country.

/** Five classes of a sequential blue scale (ColorBrewer Blues), light to dark. */
export const COUNT_COLOURS = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/** Upper bounds of up to five classes of equal width from the smallest to the largest count. */
export function classBounds(smallest: number, largest: number): number[] {
  if (largest <= 0 || smallest > largest) return [];
  const span = largest - smallest + 1;
  const classes = Math.min(COUNT_COLOURS.length, span);
  const width = Math.ceil(span / classes);
  const bounds: number[] = [];
  for (let bound = smallest + width - 1; bounds.length < classes; bound += width) {
    bounds.push(Math.min(largest, bound));
    if (bound >= largest) break;
  }
  return bounds;
}

/** The colour of a class: fewer than five classes still run from light to dark. */
export function classColour(index: number, classes: number): string {
  const last = COUNT_COLOURS.length - 1;
  const position = classes <= 1 ? last - 1 : Math.round((index * last) / (classes - 1));
  return COUNT_COLOURS[position] ?? COUNT_COLOURS[0] ?? '';
}

export function classOf(value: number, bounds: readonly number[]): number {
  const index = bounds.findIndex((bound) => value <= bound);
  return index < 0 ? bounds.length - 1 : index;
}
