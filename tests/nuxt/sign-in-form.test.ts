// The sign-in form (components/auth/SignInForm.vue) with the shared signInInput schema. The API is
// a registered endpoint in the test's Nuxt runtime: the form's request is what is checked.
import { mountSuspended, registerEndpoint } from '@nuxt/test-utils/runtime'
import { readBody } from 'h3'
import { describe, expect, it } from 'vitest'
import SignInForm from '../../components/auth/SignInForm.vue'
import { LANGS, expected, other, setInput, submit, useLang } from './helpers'

const requests: unknown[] = []
registerEndpoint('/api/v1/auth/sign-in', {
  method: 'POST',
  handler: async (event) => {
    requests.push(await readBody(event))
    return { ok: true }
  },
})
registerEndpoint('/api/_auth/session', () => ({}))

describe('SignInForm', () => {
  it.each(LANGS)('empty email and password show the field messages in %s', async (lang) => {
    await useLang(lang)
    const wrapper = await mountSuspended(SignInForm, { props: { portal: 'hotel', home: '/' } })
    await submit(wrapper)
    expect(wrapper.text()).toContain(expected('email', lang))
    expect(wrapper.text()).toContain(expected('password', lang))
    expect(wrapper.text()).not.toContain(expected('password', other(lang)))
  })

  it('a valid submit sends the parsed input with the portal', async () => {
    await useLang('en')
    requests.length = 0
    const wrapper = await mountSuspended(SignInForm, { props: { portal: 'agent', home: '/agent' } })
    await setInput(wrapper, 'email', 'agent@example.jp')
    await setInput(wrapper, 'password', 'correct horse')
    await submit(wrapper)
    await expect
      .poll(() => requests)
      .toEqual([{ email: 'agent@example.jp', password: 'correct horse', portal: 'agent' }])
  })
})
