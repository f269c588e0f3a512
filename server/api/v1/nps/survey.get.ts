// GET /api/v1/nps/survey?token= — the NPS survey a signed link opens: its quarter, language and
// whether it is answered (no sign-in; the token is the key)
import { npsSurveyQuery } from '../../../../shared/schemas/kpis'
import { npsSurveyByToken } from '../../../services/nps'

export default defineEventHandler(async (event) => {
  const { token } = readQueryInput(event, npsSurveyQuery)
  return npsSurveyByToken(token, new Date())
})
