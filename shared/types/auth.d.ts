declare module '#auth-utils' {
  interface User {
    id: string
    email: string
    name: string
  }
  interface UserSession {
    /** Epoch ms of sign-in; sessions end session.maxAge seconds after it, whatever the cookie says. */
    loggedInAt: number
    portal: 'hotel' | 'agent' | 'hq'
    /** The user_sessions row this cookie names; revoked or expired rows end the session at once. */
    sid: string
  }
}

export {}
