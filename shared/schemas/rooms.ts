import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const ROOM_STATUSES = ['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied'] as const

const roomFields = {
  roomNumber: z
    .string()
    .trim()
    .min(1, fk('roomNumber'))
    .max(20, fk('roomNumberLength'))
    .regex(/^[\p{L}\p{N}-]+$/u, fk('roomNumberChars')),
  name: z.string().trim().max(100).optional(),
  roomType: z.string().trim().max(50).optional(),
  floor: z.number().int().min(-5).max(200).optional(),
  capacity: z.number().int().min(1, fk('capacity')).max(20),
  status: z.enum(ROOM_STATUSES),
}

/** A new room: capacity and status default when not given. */
export const roomInput = z
  .object({ ...roomFields, capacity: roomFields.capacity.default(2), status: roomFields.status.default('clean') })
  .strict()
export type RoomInput = z.infer<typeof roomInput>

/**
 * A change to a room: only the fields sent. Built from the fields without their defaults: zod 4's
 * `.partial()` keeps `.default()`s, so `roomInput.partial()` reset an omitted capacity to 2.
 */
export const roomUpdate = z.object(roomFields).partial().strict()
