/**
 * Runs a page action: a success toast (its text may follow the result), or the API's error message;
 * then refreshes the page's data.
 * Resolves to whether it succeeded (a ConfirmModal stays open when it did not).
 */
export function useAction(refresh: () => Promise<unknown>) {
  const toast = useToast()
  const { t } = useI18n()
  return async function run<T>(action: () => Promise<T>, done: string | ((result: T) => string)): Promise<boolean> {
    try {
      const result = await action()
      toast.add({ title: typeof done === 'string' ? done : done(result), color: 'success' })
      await refresh()
      return true
    } catch (e) {
      toast.add({ title: apiErrorMessage(e, t('errors.generic')), color: 'error' })
      return false
    }
  }
}
