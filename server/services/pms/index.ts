// PMS connections, by concern: connect (credentials checked with the vendor, sealed with
// AES-256-GCM), sync (pull, the 5-minute job), webhooks (stored at once, processed right after),
// the vendor's own API (pushes), and the hotel's page. Every path upserts on (tenant, vendor,
// external id), so replays and overlapping paths converge on the same rows.
export { assertVendor, errorKind, redact, vendorFailure, type SyncOptions, type SyncSummary } from './common.ts'
export { connectPms, disconnectPms } from './connect.ts'
export { syncConnection, syncNow } from './sync.ts'
export { processWebhookEvents, receiveWebhook } from './webhooks.ts'
export { hotelConnectedTo, pushReservations, pushRooms, vendorHotels } from './vendor-api.ts'
export { pmsOverview } from './overview.ts'
export { connectionsToSync, runPmsSyncJob } from './job.ts'
