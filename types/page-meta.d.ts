declare module '#app' {
  interface PageMeta {
    /** Pages that exist only on a hotel's host, or only on the root domain. */
    surface?: 'hotel' | 'root'
  }
}

export {}
