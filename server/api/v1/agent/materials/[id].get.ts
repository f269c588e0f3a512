// GET /api/v1/agent/materials/:id — download a material (refused above the agent's rank)
import { materialFor } from '../../../../services/materials'
import { defineApiMeta } from '../../../../openapi/meta'

export const meta = defineApiMeta({
  tag: 'Agent portal',
  security: 'agent',
  summary: "download a material (refused above the agent's rank)",
})

export default defineEventHandler(async (event) => {
  const { agent } = await requireAgent(event)
  const material = await materialFor(routeParam(event, 'id'), agent.rank)
  setResponseHeader(event, 'Content-Type', material.contentType)
  setResponseHeader(
    event,
    'Content-Disposition',
    `attachment; filename*=UTF-8''${encodeURIComponent(material.filename)}`,
  )
  return Buffer.from(material.content)
})
