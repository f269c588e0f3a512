// Sends a stored Zengin file as a download: the stored bytes, unchanged.
import type { H3Event } from 'h3'
import { setResponseHeader } from 'h3'
import type { StoredZenginFile } from '../services/payouts'

export function sendZenginFile(event: H3Event, file: StoredZenginFile): Buffer {
  setResponseHeader(event, 'Content-Type', 'text/plain; charset=Shift_JIS')
  setResponseHeader(event, 'Content-Disposition', `attachment; filename="zengin-${file.month}-${file.sequence}.txt"`)
  setResponseHeader(event, 'X-Zengin-File-Id', file.id)
  setResponseHeader(event, 'X-Zengin-Sha256', file.sha256)
  setResponseHeader(event, 'X-Transfer-Date', file.transferDate)
  setResponseHeader(event, 'X-Zengin-Created', file.created ? '1' : '0')
  return file.content
}
