// X-Instance: which app instance answered, for the cluster test (scripts/test-cluster.ts) and for
// anyone debugging a load balancer. Only when INSTANCE_ID is set; nothing is added otherwise.
import { setResponseHeader } from 'h3'

const INSTANCE = process.env.INSTANCE_ID

export default defineEventHandler((event) => {
  if (INSTANCE) setResponseHeader(event, 'X-Instance', INSTANCE)
})
