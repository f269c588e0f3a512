// PATCH /api/v1/hq/agents/:id — edit, suspend, or give a territory to an agent (HQ; audited)
import { agentUpdateInput } from '../../../../../shared/schemas/hq'
import { NotFound } from '../../../../lib/errors'
import { assertTerritoryClaim } from '../../../../services/agents'
import { revokeSessions } from '../../../../services/sessions'

export default defineEventHandler(async (event) => {
  const { db } = await requireHq(event)
  const input = await readInput(event, agentUpdateInput)
  const id = routeParam(event, 'id')
  return db.$transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } })
    if (!before) throw NotFound('This agent does not exist.')
    if (input.territory) await assertTerritoryClaim(tx, id, input.territory)
    const after = await tx.agent.update({
      where: { id },
      data: { ...input, ...(input.email ? { email: input.email.toLowerCase() } : {}) },
    })
    await writeAudit(tx, event, { action: 'update', entity: 'agent', entityId: id, before, after })
    // A suspended agent's people are signed out of the agent portal now.
    if (after.status !== 'active' && before.status === 'active')
      await revokeSessions(tx, { portal: 'agent', user: { agentId: id } }, 'agent_suspended')
    return after
  })
})
