/** Runs a page action: a success toast, or the API's error message; then refreshes the page's data. */
export function useAction(refresh: () => Promise<unknown>) {
  const toast = useToast()
  const { t } = useI18n()
  return async function run(action: () => Promise<unknown>, done: string) {
    try {
      await action()
      toast.add({ title: done, color: 'success' })
      await refresh()
    } catch (e) {
      toast.add({ title: apiErrorMessage(e, t('errors.generic')), color: 'error' })
    }
  }
}
