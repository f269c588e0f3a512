// Starts the durable queue's workers in this app instance (every instance runs them; pg-boss hands
// each job to one). QUEUE_WORKERS=off leaves them out (the instance still enqueues). Not run during
// the build or in unit tests, which never start Nitro. Stopped on shutdown: a running action finishes
// (up to 10 s) or is handed back to the queue, then the pool closes.
import { ACTION_HANDLERS } from '../services/lifecycle'
import { queue, queueWorkersEnabled, startWorkers, stopQueue } from '../services/queue'

export default defineNitroPlugin((nitroApp) => {
  if (import.meta.prerender || !queueWorkersEnabled()) return
  // Nitro does not await plugins: a database that is not up yet is reported, and the next enqueue
  // (or a restart) starts the client again.
  queue()
    .then((boss) => startWorkers(boss, ACTION_HANDLERS))
    .then(() => console.log('[queue] workers started'))
    .catch((error: Error) => console.error('[queue] workers did not start:', error.message))
  nitroApp.hooks.hook('close', () => stopQueue())
})
