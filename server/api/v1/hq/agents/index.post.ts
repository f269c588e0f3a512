// POST /api/v1/hq/agents — register an agent (bronze) (HQ; audited)
import { agentInput } from '../../../../../shared/schemas/hq'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const input = await readInput(event, agentInput)
  const agent = await db.$transaction(async (tx) => {
    const created = await tx.agent.create({ data: { ...input, email: input.email.toLowerCase() } })
    await writeAudit(tx, event, { action: 'create', entity: 'agent', entityId: created.id, after: created })
    return created
  })
  setResponseStatus(event, 201)
  return agent
})
