// Shared steps for the component tests: the page language, and what a person sees after submitting.
import type { VueWrapper } from '@vue/test-utils'
import { flushPromises } from '@vue/test-utils'
import { useNuxtApp } from '#imports'
import { fieldMessage, fk, type FieldMessageKey, type Lang } from '../../shared/i18n/field-messages'

export const LANGS: Lang[] = ['ja', 'en']

export async function useLang(lang: Lang) {
  await useNuxtApp().$i18n.setLocale(lang)
}

/** The catalogue's message for `key` in `lang`: what UForm must show next to the field. */
export const expected = (key: FieldMessageKey, lang: Lang, values?: Record<string, number>) =>
  fieldMessage(fk(key, values), lang)

/** The other language: its message must not be on the screen. */
export const other = (lang: Lang): Lang => (lang === 'ja' ? 'en' : 'ja')

export async function setInput(wrapper: VueWrapper, testId: string, value: string) {
  const input = wrapper.find(`input[data-testid="${testId}"]`)
  await input.setValue(value)
}

export async function submit(wrapper: VueWrapper) {
  await wrapper.find('form').trigger('submit')
  await flushPromises()
}
