// The 1st of January, April, July and October at 10:00 (Asia/Tokyo): the quarter's NPS survey to
// every hotel owner, once per quarter (runJobOnce; the survey rows are unique per quarter and person).
import { defineCronHandler } from '#nuxt/cron'
import { privilegedDb } from '../db/index'
import { runJobOnce } from '../services/jobs'
import { quarterOf, sendNpsSurveys } from '../services/nps'
import { deliverMailSoon } from '../services/mail'

export default defineCronHandler(
  () => '0 10 1 1,4,7,10 *',
  async () => {
    const now = new Date()
    const outcome = await runJobOnce(privilegedDb(), 'nps', quarterOf(now), (tx) => sendNpsSurveys(tx, now))
    if (outcome.status === 'failed') console.error('[cron] nps failed:', outcome.error)
    else if (outcome.status === 'ran') deliverMailSoon()
  },
)
