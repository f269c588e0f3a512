/**
 * Runs a page action: a success toast, or the API's error message; then refreshes the page's data.
 * Resolves to whether it succeeded (a ConfirmModal stays open when it did not).
 */
export function useAction(refresh: () => Promise<unknown>) {
  const toast = useToast()
  const { t } = useI18n()
  return async function run(action: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await action()
      toast.add({ title: done, color: 'success' })
      await refresh()
      return true
    } catch (e) {
      toast.add({ title: apiErrorMessage(e, t('errors.generic')), color: 'error' })
      return false
    }
  }
}
