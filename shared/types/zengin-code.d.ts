declare module 'zengin-code' {
  /** Banks by 4-digit code, each with its branches by 3-digit code (names in katakana). */
  const banks: Record<
    string,
    { code: string; name: string; kana: string; branches: Record<string, { code: string; name: string; kana: string }> }
  >
  export default banks
}
