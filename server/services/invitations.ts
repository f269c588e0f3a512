// Invitations: one membership (a hotel and a role, or an agent's portal) for one email. The link is
// mailed to that address and never returned to the inviter. Accepting it:
//  - signed in here as the invited address → the membership is added;
//  - an account exists for the address → its own password is required (throttled like sign-in):
//    an invitation never sets or skips the password of an existing account;
//  - no account yet → the person chooses a password and the account is created.
// Tokens are checked before any password hashing; each is single use and expires after 72 hours.
import { privilegedDb } from '../db/index.ts'
import type { TenantDb } from '../db/tenancy.ts'
import { Conflict, Forbidden, Invalid, msg, NotFound, Unauthorized, type Lang } from '../lib/errors.ts'
import { createPasswordHash } from '../lib/password.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { canManageMember, type MembershipRoleName } from '../../shared/domain/roles.ts'
import { deliverMailSoon, enqueueMail } from './mail.ts'
import { spendQuota, verifyCredentials } from './auth.ts'
import { HOTEL_MAIL_LIMITS } from '../../shared/domain/throttle.ts'
import { recordAudit, userActor, type Actor } from './audit.ts'

export const INVITE_TTL_MS = 72 * 60 * 60_000

const INVITE_INVALID = msg(
  'invitation_invalid',
  'この招待リンクは期限切れか、すでに使われたか、取り消されています。招待した方に新しい招待を依頼してください。',
  'This invitation link has expired, was already used or was withdrawn. Ask the person who invited you for a new one.',
)

const normalize = (email: string) => email.trim().toLowerCase()
const localeOf = (value: string | null | undefined, fallback: Lang): Lang =>
  value === 'en' || value === 'ja' ? value : fallback

// ---------------------------------------------------------------- a hotel's invitations

export interface HotelInviteContext {
  tenant: { id: string; name: string }
  inviter: { id: string; name: string; role: MembershipRoleName }
  /** The hotel's origin, from APP_DOMAIN (never the request's Host header). */
  linkBase: string
  lang: Lang
}

/** Invites `email` to the hotel with `role`; mails the link. A second invitation replaces the first. */
export async function inviteToHotel(
  db: TenantDb,
  ctx: HotelInviteContext,
  input: { email: string; name: string; role: MembershipRoleName },
  actor: Actor,
  now = new Date(),
) {
  if (!canManageMember(ctx.inviter.role, null, input.role)) {
    throw Forbidden(
      ctx.inviter.role === 'staff'
        ? msg(
            'staff_cannot_manage',
            'スタッフの招待・変更はマネージャーとオーナーだけができます。',
            'Only managers and owners manage the staff.',
          )
        : msg(
            'owner_only',
            'オーナーの追加・変更・削除はオーナーだけができます。',
            'Only an owner can add, change or remove an owner.',
          ),
    )
  }
  const email = normalize(input.email)
  const existing = await privilegedDb().user.findUnique({ where: { email }, select: { id: true, locale: true } })
  if (existing && (await db.tenantMembership.findFirst({ where: { userId: existing.id } }))) {
    throw Conflict(
      msg(
        'already_member',
        `${email} はすでにこのホテルのメンバーです。`,
        `${email} is already a member of this hotel.`,
      ),
      { fields: { email: 'already_member' } },
    )
  }
  await spendQuota(`hotel-mail:${ctx.tenant.id}`, HOTEL_MAIL_LIMITS, now)
  const token = newToken()
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS)
  const locale = localeOf(existing?.locale, ctx.lang)
  const invitation = await privilegedDb().$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { tenantId: ctx.tenant.id, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    const row = await tx.invitation.create({
      data: {
        tenantId: ctx.tenant.id,
        email,
        name: input.name,
        role: input.role,
        locale,
        tokenHash: hashToken(token),
        invitedByUserId: ctx.inviter.id,
        expiresAt,
      },
    })
    await enqueueMail(tx, {
      to: email,
      locale,
      template: 'hotel_invitation',
      data: {
        hotelName: ctx.tenant.name,
        role: input.role,
        inviterName: ctx.inviter.name,
        url: `${ctx.linkBase}/invite?token=${token}`,
        expiresAt,
        existingAccount: Boolean(existing),
      },
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'invitation',
      entityId: row.id,
      tenantId: ctx.tenant.id,
      after: { email, role: input.role },
    })
    return row
  })
  deliverMailSoon()
  return { id: invitation.id, email, name: input.name, role: input.role, expiresAt }
}

/** The hotel's open invitations (never their token hashes). */
export async function listHotelInvitations(db: TenantDb, now = new Date()) {
  return db.invitation.findMany({
    where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, name: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: 'asc' },
  })
}

/** Withdraws an open invitation of the hotel. */
export async function revokeHotelInvitation(
  db: TenantDb,
  actorRole: MembershipRoleName,
  id: string,
  actor: Actor,
  now = new Date(),
) {
  if (!canManageMember(actorRole, null, 'staff'))
    throw Forbidden(
      msg(
        'staff_cannot_manage',
        'スタッフの招待・変更はマネージャーとオーナーだけができます。',
        'Only managers and owners manage the staff.',
      ),
    )
  return db.$transaction(async (tx) => {
    const row = await tx.invitation.findFirst({
      where: { id, acceptedAt: null, revokedAt: null },
      select: { id: true, email: true, role: true },
    })
    if (!row)
      throw NotFound(
        msg(
          'invitation_not_found',
          'この招待は見つかりません（承諾済みか取り消し済みです）。',
          'This invitation was not found (accepted or withdrawn already).',
        ),
      )
    if (row.role === 'owner' && actorRole !== 'owner')
      throw Forbidden(
        msg(
          'owner_only',
          'オーナーの追加・変更・削除はオーナーだけができます。',
          'Only an owner can add, change or remove an owner.',
        ),
      )
    // Only if still open: an acceptance that committed since the read above wins, and is reported.
    const withdrawn = await tx.invitation.updateMany({
      where: { id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    if (withdrawn.count !== 1)
      throw NotFound(
        msg(
          'invitation_not_found',
          'この招待は見つかりません（承諾済みか取り消し済みです）。',
          'This invitation was not found (accepted or withdrawn already).',
        ),
      )
    await recordAudit(tx, actor, {
      action: 'revoke',
      entity: 'invitation',
      entityId: id,
      before: { email: row.email, role: row.role },
    })
  })
}

// ---------------------------------------------------------------- an agent's invitations (HQ)

/** HQ invites `email` to an agent's portal; mails the link (root domain). */
export async function inviteToAgent(
  agentId: string,
  input: { email: string; name: string },
  ctx: { inviterId: string; linkBase: string; lang: Lang },
  actor: Actor,
  now = new Date(),
) {
  const db = privilegedDb()
  const email = normalize(input.email)
  const agent = await db.agent.findUnique({ where: { id: agentId } })
  if (!agent) throw NotFound(msg('agent_not_found', 'この代理店は存在しません。', 'This agent does not exist.'))
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, agentId: true, isHqAdmin: true, locale: true },
  })
  if (user?.agentId && user.agentId !== agentId)
    throw Conflict(
      msg(
        'other_agent',
        `${email} はほかの代理店のアカウントです。1つのアカウントは1つの代理店に属します。`,
        `${email} already works for another agent. One account belongs to one agent.`,
      ),
      { fields: { email: 'other_agent' } },
    )
  if (user?.isHqAdmin)
    throw Conflict(
      msg(
        'hq_account',
        `${email} は本部アカウントです。代理店ポータルには別のアドレスを招待してください。`,
        `${email} is an HQ account; invite another address for the agent portal.`,
      ),
      { fields: { email: 'hq_account' } },
    )
  if (user?.agentId === agentId)
    throw Conflict(
      msg(
        'already_agent_user',
        `${email} はすでにこの代理店のポータルを利用できます。`,
        `${email} can already sign in to this agent's portal.`,
      ),
      { fields: { email: 'already_user' } },
    )
  const token = newToken()
  const expiresAt = new Date(now.getTime() + INVITE_TTL_MS)
  const locale = localeOf(user?.locale, ctx.lang)
  const row = await db.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { agentId, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    })
    const created = await tx.invitation.create({
      data: {
        agentId,
        email,
        name: input.name,
        locale,
        tokenHash: hashToken(token),
        invitedByUserId: ctx.inviterId,
        expiresAt,
      },
    })
    await enqueueMail(tx, {
      to: email,
      locale,
      template: 'agent_invitation',
      data: {
        agentName: agent.companyName,
        url: `${ctx.linkBase}/agent/invite?token=${token}`,
        expiresAt,
        existingAccount: Boolean(user),
      },
    })
    await recordAudit(tx, actor, {
      action: 'create',
      entity: 'invitation',
      entityId: created.id,
      after: { agentId, email },
    })
    return created
  })
  deliverMailSoon()
  return { id: row.id, email, name: input.name, expiresAt }
}

/** The people of an agent's portal, and its open invitations. */
export async function agentPeople(agentId: string, now = new Date()) {
  const db = privilegedDb()
  const [users, invitations] = await Promise.all([
    db.user.findMany({
      where: { agentId },
      orderBy: { createdAt: 'asc' },
      select: { id: true, email: true, name: true, lastSignInAt: true, disabled: true },
    }),
    db.invitation.findMany({
      where: { agentId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      orderBy: { createdAt: 'asc' },
      select: { id: true, email: true, name: true, expiresAt: true, createdAt: true },
    }),
  ])
  return { users, invitations }
}

// ---------------------------------------------------------------- accepting

/** An open invitation for this host (a hotel's on its host, an agent's on the root domain), or 400. */
async function openInvitation(token: string, hostTenantId: string | null, now: Date) {
  const row = await privilegedDb().invitation.findUnique({ where: { tokenHash: hashToken(token) } })
  const forThisHost =
    row && (hostTenantId ? row.tenantId === hostTenantId : row.tenantId === null && row.agentId !== null)
  if (!row || !forThisHost || row.acceptedAt || row.revokedAt || row.expiresAt <= now) throw Invalid(INVITE_INVALID)
  return row
}

/** What the invitation page shows: to whom, for what, and whether a password or a sign-in is needed. */
export async function describeInvitation(
  token: string,
  hostTenantId: string | null,
  signedInEmail: string | null,
  now = new Date(),
) {
  const row = await openInvitation(token, hostTenantId, now)
  const [tenant, agent, account] = await Promise.all([
    row.tenantId ? privilegedDb().tenant.findUnique({ where: { id: row.tenantId }, select: { name: true } }) : null,
    row.agentId ? privilegedDb().agent.findUnique({ where: { id: row.agentId }, select: { companyName: true } }) : null,
    privilegedDb().user.findUnique({ where: { email: row.email }, select: { id: true } }),
  ])
  return {
    kind: row.tenantId ? ('hotel' as const) : ('agent' as const),
    hotelName: tenant?.name ?? null,
    agentName: agent?.companyName ?? null,
    role: row.role,
    email: row.email,
    name: row.name,
    expiresAt: row.expiresAt,
    existingAccount: Boolean(account),
    signedInAs: signedInEmail,
  }
}

export interface AcceptInput {
  token: string
  password?: string
  name?: string
}

/**
 * Accepts an invitation. `signedIn` is the person signed in on this host (if any). Returns the user
 * and the portal to start a session in.
 */
export async function acceptInvitation(
  input: AcceptInput,
  hostTenantId: string | null,
  signedIn: { id: string; email: string } | null,
  address: string,
  now = new Date(),
) {
  const invitation = await openInvitation(input.token, hostTenantId, now)
  const existing = await privilegedDb().user.findUnique({ where: { email: invitation.email } })
  let userId: string | null = null
  let newPasswordHash: string | null = null
  let verifiedHash: string | undefined
  if (signedIn) {
    if (signedIn.email !== invitation.email) {
      throw Forbidden(
        msg(
          'invitation_other_account',
          `この招待は ${invitation.email} 宛てです。${signedIn.email} でサインイン中のため承諾できません。` +
            `サインアウトしてからもう一度開いてください。`,
          `This invitation is for ${invitation.email}, and you are signed in as ${signedIn.email}. Sign out, then ` +
            `open the link again.`,
        ),
      )
    }
    userId = signedIn.id
  } else if (existing) {
    if (!input.password) {
      throw Unauthorized(
        msg(
          'invitation_sign_in_required',
          `${invitation.email} のアカウントはすでにあります。承諾するには、` +
            `そのアカウントのパスワードを入力してください（未設定・お忘れの場合はサインイン画面からパスワードを再設定` +
            `できます）。`,
          `An account already exists for ${invitation.email}. Enter its password to accept (if you never set one or ` +
            `forgot it, reset it from the sign-in page).`,
        ),
      )
    }
    const verified = await verifyCredentials(invitation.email, input.password, address, now)
    userId = verified.id
    verifiedHash = verified.passwordHash
  } else {
    if (!input.password || input.password.length < 10) {
      throw Invalid(
        msg(
          'password_too_short',
          'パスワードは10文字以上で設定してください。',
          'Choose a password of at least 10 characters.',
        ),
        { fields: { password: 'min_10' } },
      )
    }
    newPasswordHash = await createPasswordHash(input.password)
  }

  const result = await privilegedDb().$transaction(async (tx) => {
    const taken = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    })
    if (taken.count !== 1) throw Invalid(INVITE_INVALID)
    const user = userId
      ? await tx.user.findUniqueOrThrow({ where: { id: userId } })
      : await tx.user.create({
          data: {
            email: invitation.email,
            name: input.name?.trim() || invitation.name,
            passwordHash: newPasswordHash!,
            locale: invitation.locale,
            lastSignInAt: now,
          },
        })
    if (invitation.tenantId) {
      await tx.tenantMembership.upsert({
        where: { tenantId_userId: { tenantId: invitation.tenantId, userId: user.id } },
        create: { tenantId: invitation.tenantId, userId: user.id, role: invitation.role ?? 'staff' },
        update: {},
      })
    } else {
      if (user.isHqAdmin)
        throw Conflict(
          msg(
            'hq_account',
            `${user.email} は本部アカウントのため、代理店ポータルには参加できません。`,
            `${user.email} is an HQ account and cannot join an agent's portal.`,
          ),
        )
      if (user.agentId && user.agentId !== invitation.agentId)
        throw Conflict(
          msg(
            'other_agent',
            `${user.email} はほかの代理店のアカウントです。`,
            `${user.email} already works for another agent.`,
          ),
        )
      await tx.user.update({ where: { id: user.id }, data: { agentId: invitation.agentId } })
    }
    await tx.invitation.updateMany({ where: { id: invitation.id }, data: { acceptedUserId: user.id } })
    await recordAudit(tx, userActor(user.id, address), {
      tenantId: invitation.tenantId,
      action: 'accept',
      entity: 'invitation',
      entityId: invitation.id,
      after: { email: user.email, role: invitation.role, agentId: invitation.agentId, newAccount: !userId },
    })
    return user
  })
  return {
    user: { id: result.id, email: result.email, name: result.name },
    portal: invitation.tenantId ? ('hotel' as const) : ('agent' as const),
    verifiedHash,
  }
}
