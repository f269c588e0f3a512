// The hotel's staff: invite by email, change roles, remove. Managers manage staff and managers;
// only owners manage owners; a hotel always keeps at least one owner.
import { privilegedDb } from '../db/index.ts'
import type { Prisma } from '../generated/prisma/client.ts'
import type { TenantDb, TenantTx } from '../db/tenancy.ts'
import { Conflict, Forbidden, NotFound } from '../lib/errors.ts'
import { canManageMember, type MembershipRoleName } from '../../shared/domain/roles.ts'
import type { MemberInviteInput } from '../../shared/schemas/members.ts'
import { hashToken, newToken } from '../lib/tokens.ts'

const INVITE_TTL_MS = 7 * 24 * 60 * 60_000
/**
 * A 7-day invitation for a person without a password: the link's token (only its hash is stored).
 * `targetTenantId` is the hotel whose host redeems it, or null for an agent's portal on the root domain.
 */
export async function createInvitation(db: Pick<Prisma.TransactionClient, 'signInToken'>, userId: string, targetTenantId: string | null): Promise<string> {
  const token = newToken()
  await db.signInToken.create({ data: { kind: 'invitation', tokenHash: hashToken(token), userId, targetTenantId, expiresAt: new Date(Date.now() + INVITE_TTL_MS) } })
  return token
}

type Audit = (tx: TenantTx, before: object | undefined, after: object | undefined, userId: string) => Promise<void>

export async function listMembers(db: TenantDb) {
  // Only the user columns the app role may read (no password hash): someone who has never signed
  // in is shown as invited (accepting an invitation signs the person in).
  const members = await db.tenantMembership.findMany({ include: { user: { select: { id: true, email: true, name: true, lastSignInAt: true } } }, orderBy: { createdAt: 'asc' } })
  return members.map((m) => ({ userId: m.userId, email: m.user.email, name: m.user.name, role: m.role, lastSignInAt: m.user.lastSignInAt, invited: m.user.lastSignInAt === null, since: m.createdAt }))
}

function refuse(actor: MembershipRoleName): never {
  throw Forbidden(actor === 'staff' ? 'Only managers and owners manage the staff.' : 'Only an owner can add, change or remove an owner.')
}

async function assertAnotherOwner(tx: TenantTx, userId: string) {
  const owners = await tx.tenantMembership.count({ where: { role: 'owner', NOT: { userId } } })
  if (owners === 0) throw Conflict('A hotel needs at least one owner. Make someone else owner first.')
}

/** Adds a member; a new person gets an account without a password and a 7-day invitation link. */
export async function inviteMember(db: TenantDb, actor: MembershipRoleName, input: MemberInviteInput, audit: Audit) {
  if (!canManageMember(actor, null, input.role)) refuse(actor)
  const email = input.email.trim().toLowerCase()
  // Users are platform-wide (one person may work at several hotels): found or created as HQ would.
  let user = await privilegedDb().user.findUnique({ where: { email } })
  if (user && (await db.tenantMembership.findFirst({ where: { userId: user.id } }))) throw Conflict(`${email} is already a member of this hotel.`, { fields: { email: 'Already a member.' } })
  let invitation: string | null = null
  if (!user) {
    user = await privilegedDb().user.create({ data: { email, name: input.name, passwordHash: '' } })
  }
  if (user.passwordHash === '') {
    invitation = await createInvitation(privilegedDb(), user.id, db.tenantId)
  }
  const member = user
  await db.$transaction(async (tx) => {
    if (await tx.tenantMembership.findFirst({ where: { userId: member.id } })) throw Conflict(`${email} is already a member of this hotel.`, { fields: { email: 'Already a member.' } })
    await tx.tenantMembership.create({ data: { tenantId: db.tenantId, userId: member.id, role: input.role } })
    await audit(tx, undefined, { email, role: input.role }, member.id)
  })
  return { userId: member.id, email, role: input.role, invitationToken: invitation }
}

export async function changeMemberRole(db: TenantDb, actor: MembershipRoleName, userId: string, role: MembershipRoleName, audit: Audit) {
  return db.$transaction(async (tx) => {
    const member = await tx.tenantMembership.findFirst({ where: { userId } })
    if (!member) throw NotFound('This person is not a member of this hotel.')
    if (!canManageMember(actor, member.role, role)) refuse(actor)
    if (member.role === 'owner' && role !== 'owner') await assertAnotherOwner(tx, userId)
    await tx.tenantMembership.update({ where: { tenantId_userId: { tenantId: db.tenantId, userId } }, data: { role } })
    await audit(tx, { role: member.role }, { role }, userId)
    return { userId, role }
  })
}

export async function removeMember(db: TenantDb, actor: MembershipRoleName, userId: string, audit: Audit) {
  await db.$transaction(async (tx) => {
    const member = await tx.tenantMembership.findFirst({ where: { userId } })
    if (!member) throw NotFound('This person is not a member of this hotel.')
    if (!canManageMember(actor, member.role, null)) refuse(actor)
    if (member.role === 'owner') await assertAnotherOwner(tx, userId)
    await tx.tenantMembership.delete({ where: { tenantId_userId: { tenantId: db.tenantId, userId } } })
    await audit(tx, { role: member.role }, undefined, userId)
  })
}

/** Accepts an invitation on the hotel's host (or, tenantId null, an agent user's on the root domain): sets the password, once. */
export async function acceptInvitation(token: string, tenantId: string | null, passwordHash: string, now = new Date()) {
  const row = await privilegedDb().signInToken.findUnique({ where: { tokenHash: hashToken(token) } })
  if (!row || row.targetTenantId !== tenantId || row.expiresAt < now || row.usedAt) return null
  return privilegedDb().$transaction(async (tx) => {
    const used = await tx.signInToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } })
    if (used.count !== 1) return null
    return tx.user.update({ where: { id: row.userId }, data: { passwordHash, lastSignInAt: now } })
  })
}
