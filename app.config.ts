export default defineAppConfig({
  ui: {
    colors: { primary: 'rose', neutral: 'stone' },
    // Column headings never wrap letter by letter (Japanese breaks between any two characters): a
    // table wider than a phone scrolls sideways inside its own box instead.
    table: { slots: { th: 'whitespace-nowrap' } },
  },
})
