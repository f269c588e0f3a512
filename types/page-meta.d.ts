declare module '#app' {
  interface PageMeta {
    /** Pages that exist only on a hotel's host. */
    surface?: 'hotel'
  }
}

export {}
