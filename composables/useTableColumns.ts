import { h } from 'vue'

/**
 * The header of a column that needs no visible title (row actions, a print link): read by screen
 * readers, hidden on screen. Never `header: ''`: the server renders no text node for an empty string
 * while the browser expects one, so every page with such a column failed to hydrate cleanly.
 */
export function hiddenHeader(label: string) {
  return () => h('span', { class: 'sr-only' }, label)
}

/** Column meta: a column a phone can do without (shown from the `sm` breakpoint up). */
export const desktopOnly = { class: { th: 'hidden sm:table-cell', td: 'hidden sm:table-cell' } }
/** Column meta: a short cell (a number, an amount, a date, a badge) that must not wrap letter by letter. */
export const noWrap = { class: { th: 'whitespace-nowrap', td: 'whitespace-nowrap' } }
