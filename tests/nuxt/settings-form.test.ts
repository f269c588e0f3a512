// The hotel settings form (components/hotel/SettingsForm.vue) with the shared tenantSettingsInput.
import { mountSuspended } from '@nuxt/test-utils/runtime'
import { describe, expect, it } from 'vitest'
import SettingsForm from '../../components/hotel/SettingsForm.vue'
import { LANGS, expected, other, setInput, submit, useLang } from './helpers'

const initial = {
  staffHourlyCost: 2000,
  minutesSavedPerConversation: 5,
  timeZone: 'Asia/Tokyo',
  notificationEmails: [],
}

describe('SettingsForm', () => {
  it.each(LANGS)('an empty time zone and a bad address show the field messages in %s', async (lang) => {
    await useLang(lang)
    const wrapper = await mountSuspended(SettingsForm, { props: { initial, canSave: true } })
    await setInput(wrapper, 'settings-time-zone', '')
    await setInput(wrapper, 'settings-emails', 'front-desk@')
    await submit(wrapper)
    expect(wrapper.text()).toContain(expected('timeZone', lang))
    expect(wrapper.text()).toContain(expected('emails', lang))
    expect(wrapper.text()).not.toContain(expected('timeZone', other(lang)))
    expect(wrapper.emitted('submit')).toBeUndefined()
  })

  it('a valid submit sends the parsed settings, the address list split and trimmed', async () => {
    await useLang('ja')
    const wrapper = await mountSuspended(SettingsForm, { props: { initial, canSave: true } })
    await setInput(wrapper, 'settings-emails', ' gm@hotel.jp, front@hotel.jp ')
    await submit(wrapper)
    expect(wrapper.emitted('submit')).toEqual([[{ ...initial, notificationEmails: ['gm@hotel.jp', 'front@hotel.jp'] }]])
  })

  it('staff see why they cannot save', async () => {
    await useLang('ja')
    const wrapper = await mountSuspended(SettingsForm, { props: { initial, canSave: false } })
    expect(wrapper.find('[data-testid="settings-save"]').attributes('disabled')).toBeDefined()
    expect(wrapper.find('[data-testid="settings-role-note"]').exists()).toBe(true)
  })
})
