import { z } from 'zod'

const secret = (what: string) => z.string().trim().min(4, `Enter the ${what}.`).max(4_000)

/** Credentials per vendor, as the hotel copies them from its PMS. */
export const pmsCredentialsInput = {
  mews: z.object({ clientToken: secret('client token'), accessToken: secret('access token') }).strict(),
  cloudbeds: z.object({ propertyId: z.string().trim().min(1, 'Enter the property ID.').max(40), apiKey: secret('API key').optional(), accessToken: secret('access token').optional() }).strict()
    .refine((c) => Boolean(c.apiKey) !== Boolean(c.accessToken), { message: 'Enter either an API key or an OAuth access token.', path: ['apiKey'] }),
  opera: z.object({ hotelId: z.string().trim().min(1, 'Enter the OPERA hotel code.').max(40), clientId: secret('client id'), clientSecret: secret('client secret'), appKey: secret('application key') }).strict(),
} as const

export type PmsCredentials = z.infer<(typeof pmsCredentialsInput)[keyof typeof pmsCredentialsInput]>

const roomStatus = z.enum(['clean', 'dirty', 'inspected', 'out_of_order', 'out_of_service', 'occupied'])
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD.')

/** A vendor pushing room status for a hotel that connected it. */
export const pmsRoomPushInput = z.object({
  rooms: z.array(z.object({ externalId: z.string().trim().min(1).max(100), roomNumber: z.string().trim().min(1).max(20), status: roomStatus, roomType: z.string().max(100).optional(), floor: z.number().int().min(-10).max(300).optional(), changedAt: z.iso.datetime({ offset: true }).optional() }).strict()).min(1).max(2_000),
}).strict()

/** A vendor pushing reservations for a hotel that connected it. */
export const pmsReservationPushInput = z.object({
  reservations: z.array(z.object({ externalId: z.string().trim().min(1).max(100), roomExternalId: z.string().max(100).nullable().optional(), guestName: z.string().max(200).nullable().optional(), arrival: day, departure: day, status: z.enum(['confirmed', 'checked_in', 'checked_out', 'cancelled', 'no_show']), changedAt: z.iso.datetime({ offset: true }).optional() }).strict()).min(1).max(2_000),
}).strict()
