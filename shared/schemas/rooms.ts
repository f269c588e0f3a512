import { z } from 'zod'

export const ROOM_STATUSES = ['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied'] as const

export const roomInput = z.object({
  roomNumber: z.string().trim().min(1, 'Enter a room number.').max(20, 'A room number has at most 20 characters.').regex(/^[\p{L}\p{N}-]+$/u, 'Use letters, digits and hyphens only.'),
  name: z.string().trim().max(100).optional(),
  roomType: z.string().trim().max(50).optional(),
  floor: z.number().int().min(-5).max(200).optional(),
  capacity: z.number().int().min(1, 'A room holds at least 1 guest.').max(20).default(2),
  status: z.enum(ROOM_STATUSES).default('clean'),
}).strict()
export type RoomInput = z.infer<typeof roomInput>

export const roomUpdate = roomInput.partial().strict()
