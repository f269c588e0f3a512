// Inputs of HQ's task list (/hq/tasks) and the queue's actions on /hq/jobs.
import { z } from 'zod'
import { fk } from '../i18n/field-messages.ts'

export const HQ_TASK_FILTERS = ['open', 'mine', 'urgent', 'closed', 'all'] as const
export const hqTaskListQuery = z.object({ filter: z.enum(HQ_TASK_FILTERS).default('open') })
export type HqTaskFilter = (typeof HQ_TASK_FILTERS)[number]

/** Assign a task to an HQ user, or unassign it (null). */
export const hqTaskAssignInput = z.object({ assigneeUserId: z.string().trim().min(1).max(64).nullable() }).strict()

export const hqTaskCommentInput = z
  .object({
    body: z
      .string()
      .trim()
      .min(1, fk('taskComment'))
      .max(2000, fk('maxChars', { max: 2000 })),
  })
  .strict()
export type HqTaskCommentInput = z.infer<typeof hqTaskCommentInput>
