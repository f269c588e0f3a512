// POST /api/v1/nps/answer — answer an NPS survey through its signed link, once (no sign-in)
import { npsAnswerInput } from '../../../../shared/schemas/kpis'
import { answerNpsSurvey } from '../../../services/nps'
import { defineApiMeta } from '../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Public',
  security: 'none',
  summary: 'answer an NPS survey through its mailed link, once',
  body: npsAnswerInput,
})

export default defineEventHandler(async (event) => {
  const input = await readInput(event, npsAnswerInput)
  return answerNpsSurvey(input, new Date())
})
