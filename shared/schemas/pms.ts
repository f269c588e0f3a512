import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

const secret = (what: string) => z.string().trim().min(4, fk('secret', { what })).max(4_000)

/** Credentials per vendor, as the hotel copies them from its PMS. */
export const pmsCredentialsInput = {
  mews: z.object({ clientToken: secret('clientToken'), accessToken: secret('accessToken') }).strict(),
  cloudbeds: z
    .object({
      propertyId: z.string().trim().min(1, fk('propertyId')).max(40),
      apiKey: secret('apiKey').optional(),
      accessToken: secret('accessToken').optional(),
    })
    .strict()
    .refine((c) => Boolean(c.apiKey) !== Boolean(c.accessToken), { message: fk('apiKeyOrToken'), path: ['apiKey'] }),
  opera: z
    .object({
      hotelId: z.string().trim().min(1, fk('operaHotel')).max(40),
      clientId: secret('clientId'),
      clientSecret: secret('clientSecret'),
      appKey: secret('appKey'),
    })
    .strict(),
} as const

export type PmsCredentials = z.infer<(typeof pmsCredentialsInput)[keyof typeof pmsCredentialsInput]>

const roomStatus = z.enum(['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied'])
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, fk('day'))

/** A vendor pushing room status for a hotel that connected it. */
export const pmsRoomPushInput = z
  .object({
    rooms: z
      .array(
        z
          .object({
            externalId: z.string().trim().min(1).max(100),
            roomNumber: z.string().trim().min(1).max(20),
            status: roomStatus,
            roomType: z.string().max(100).optional(),
            floor: z.number().int().min(-10).max(300).optional(),
            changedAt: z.iso.datetime({ offset: true }).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(2_000),
  })
  .strict()

/** A vendor pushing reservations for a hotel that connected it. */
export const pmsReservationPushInput = z
  .object({
    reservations: z
      .array(
        z
          .object({
            externalId: z.string().trim().min(1).max(100),
            roomExternalId: z.string().max(100).nullable().optional(),
            guestName: z.string().max(200).nullable().optional(),
            arrival: day,
            departure: day,
            status: z.enum(['confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show']),
            changedAt: z.iso.datetime({ offset: true }).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(2_000),
  })
  .strict()
