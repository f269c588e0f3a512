// The add-a-room form (components/hotel/RoomForm.vue) with the shared roomInput schema.
import { mountSuspended } from '@nuxt/test-utils/runtime'
import { describe, expect, it } from 'vitest'
import RoomForm from '../../components/hotel/RoomForm.vue'
import { LANGS, expected, other, setInput, submit, useLang } from './helpers'

describe('RoomForm', () => {
  it.each(LANGS)('an empty room number shows the field message in %s', async (lang) => {
    await useLang(lang)
    const wrapper = await mountSuspended(RoomForm)
    await submit(wrapper)
    expect(wrapper.text()).toContain(expected('roomNumber', lang))
    expect(wrapper.text()).not.toContain(expected('roomNumber', other(lang)))
    expect(wrapper.emitted('submit')).toBeUndefined()
  })

  it('a valid submit sends the parsed input: trimmed, defaults applied', async () => {
    await useLang('ja')
    const wrapper = await mountSuspended(RoomForm)
    await setInput(wrapper, 'room-number', '  301 ')
    await submit(wrapper)
    expect(wrapper.emitted('submit')).toEqual([[{ roomNumber: '301', capacity: 2, status: 'clean' }]])
  })
})
