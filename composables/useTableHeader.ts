import { h } from 'vue'

/**
 * The header of a column that needs no visible title (row actions, a print link): read by screen
 * readers, hidden on screen. Never `header: ''`: the server renders no text node for an empty string
 * while the browser expects one, so every page with such a column failed to hydrate cleanly.
 */
export function hiddenHeader(label: string) {
  return () => h('span', { class: 'sr-only' }, label)
}
