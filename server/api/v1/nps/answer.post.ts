// POST /api/v1/nps/answer — answer an NPS survey through its signed link, once (no sign-in)
import { npsAnswerInput } from '../../../../shared/schemas/kpis'
import { answerNpsSurvey } from '../../../services/nps'

export default defineEventHandler(async (event) => {
  const input = await readInput(event, npsAnswerInput)
  return answerNpsSurvey(input, new Date())
})
