// The confirmation modal (components/shell/ConfirmModal.vue) that destructive and money actions use:
// it says what will happen, runs the action on confirm, and closes only when the action succeeded.
import { mountSuspended } from '@nuxt/test-utils/runtime'
import { flushPromises } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import ConfirmModal from '../../components/shell/ConfirmModal.vue'
import { LANGS, useLang } from './helpers'

const CANCEL = { ja: 'キャンセル', en: 'Cancel' }
const button = (testId: string) => document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!

async function mountModal(action: () => Promise<unknown>) {
  const wrapper = await mountSuspended(ConfirmModal, {
    props: {
      open: true,
      'onUpdate:open': (open: boolean) => wrapper.setProps({ open }),
      title: '支払いを記録',
      description: '入金として記録します。',
      confirmLabel: '記録する',
      details: [{ label: '金額', value: '¥128,000' }],
      action,
    },
  })
  return wrapper
}

describe('ConfirmModal', () => {
  it.each(LANGS)('says what will happen, with the cancel button in %s', async (lang) => {
    await useLang(lang)
    const wrapper = await mountModal(async () => true)
    const modal = document.querySelector('[role="dialog"]')!
    expect(modal.textContent).toContain('支払いを記録')
    expect(modal.textContent).toContain('¥128,000')
    expect(button('confirm-cancel').textContent).toBe(CANCEL[lang])
    wrapper.unmount()
  })

  it('runs the action and closes when it succeeds', async () => {
    let ran = 0
    const wrapper = await mountModal(async () => ran++)
    button('confirm-submit').click()
    await flushPromises()
    expect(ran).toBe(1)
    expect(wrapper.emitted('update:open')).toEqual([[false]])
    wrapper.unmount()
  })

  it('stays open when the action reports failure (false), so the person can retry or cancel', async () => {
    const wrapper = await mountModal(async () => false)
    button('confirm-submit').click()
    await flushPromises()
    expect(wrapper.emitted('update:open')).toBeUndefined()
    wrapper.unmount()
  })
})
