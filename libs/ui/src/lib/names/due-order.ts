/**
 * Inbox order (issue 17): what is due comes first, the earliest deadline (or the most overdue) on
 * top; items with no running clock (answered, closed) follow in the order the API gave them (most
 * recently changed first). Stable, and it never drops or duplicates an item.
 */
export function sortByDue<T>(items: readonly T[], dueOf: (item: T) => string | null): T[] {
  const keyed = items.map((item, index) => {
    const due = dueOf(item);
    const t = due ? Date.parse(due) : NaN;
    return { item, index, t: Number.isNaN(t) ? null : t };
  });
  keyed.sort((a, b) => {
    if (a.t !== null && b.t !== null) return a.t - b.t || a.index - b.index;
    if (a.t !== null) return -1;
    if (b.t !== null) return 1;
    return a.index - b.index;
  });
  return keyed.map((k) => k.item);
}
