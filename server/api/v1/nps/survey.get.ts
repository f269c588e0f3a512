// GET /api/v1/nps/survey?token= — the NPS survey a signed link opens: its quarter, language and
// whether it is answered (no sign-in; the token is the key)
import { npsSurveyQuery } from '../../../../shared/schemas/kpis'
import { npsSurveyByToken } from '../../../services/nps'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Public',
  security: 'none',
  summary: 'the NPS survey a mailed link opens (no sign-in; the token is the key)',
  query: npsSurveyQuery,
})

export default defineEventHandler(async (event) => {
  const { token } = readQueryInput(event, npsSurveyQuery)
  return npsSurveyByToken(token, new Date())
})
