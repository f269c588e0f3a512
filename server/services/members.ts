// The hotel's staff: change roles, remove (invitations: services/invitations.ts). Managers manage staff and managers;
// only owners manage owners; a hotel always keeps at least one owner.
import { privilegedDb } from '../db/index.ts'
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import { Conflict, Forbidden, msg, NotFound } from '../lib/errors.ts'
import { canManageMember, type MembershipRoleName } from '../../shared/domain/roles.ts'
import { revokeSessions } from './sessions.ts'
import { recordAudit, type Actor } from './audit.ts'

export async function listMembers(db: TenantDb) {
  const members = await db.tenantMembership.findMany({
    include: { user: { select: { id: true, email: true, name: true, lastSignInAt: true } } },
    orderBy: { createdAt: 'asc' },
  })
  return members.map((m) => ({
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    lastSignInAt: m.user.lastSignInAt,
    since: m.createdAt,
  }))
}

function refuse(actor: MembershipRoleName): never {
  throw Forbidden(
    actor === 'staff'
      ? msg(
          'staff_managed_by_managers',
          'スタッフの管理はマネージャーとオーナーのみが行えます。',
          'Only managers and owners manage the staff.',
        )
      : msg(
          'owner_managed_by_owners',
          'オーナーの追加・変更・削除はオーナーのみが行えます。',
          'Only an owner can add, change or remove an owner.',
        ),
  )
}

const NOT_A_MEMBER = msg(
  'member_not_found',
  'この方はこのホテルのメンバーではありません。',
  'This person is not a member of this hotel.',
)

async function assertAnotherOwner(tx: TenantTx, userId: string) {
  const owners = await tx.tenantMembership.count({ where: { role: 'owner', NOT: { userId } } })
  if (owners === 0)
    throw Conflict(
      msg(
        'last_owner',
        'ホテルには少なくとも1人のオーナーが必要です。先に別の方をオーナーにしてください。',
        'A hotel needs at least one owner. Make someone else owner first.',
      ),
    )
}

export async function changeMemberRole(
  db: TenantDb,
  actor: MembershipRoleName,
  userId: string,
  role: MembershipRoleName,
  who: Actor,
) {
  return db.$transaction(async (tx) => {
    const member = await tx.tenantMembership.findFirst({ where: { userId } })
    if (!member) throw NotFound(NOT_A_MEMBER)
    if (!canManageMember(actor, member.role, role)) refuse(actor)
    if (member.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, userId)
    await tx.tenantMembership.update({ where: { tenantId_userId: { tenantId: db.tenantId, userId } }, data: { role } })
    await recordAudit(tx, who, {
      action: 'update',
      entity: 'tenant_membership',
      entityId: userId,
      before: { role: member.role },
      after: { role },
    })
    return { userId, role }
  })
}

export async function removeMember(db: TenantDb, actor: MembershipRoleName, userId: string, who: Actor) {
  await db.$transaction(async (tx) => {
    const member = await tx.tenantMembership.findFirst({ where: { userId } })
    if (!member) throw NotFound(NOT_A_MEMBER)
    if (!canManageMember(actor, member.role, null)) refuse(actor)
    if (member.role === 'owner') await assertAnotherOwner(tx, userId)
    await tx.tenantMembership.delete({ where: { tenantId_userId: { tenantId: db.tenantId, userId } } })
    await recordAudit(tx, who, {
      action: 'delete',
      entity: 'tenant_membership',
      entityId: userId,
      before: { role: member.role },
    })
  })
  // Their sessions on this hotel's host end now, not when the cookie expires.
  await revokeSessions(privilegedDb(), { userId, hostTenantId: db.tenantId }, 'removed_from_hotel')
}
