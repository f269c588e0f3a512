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
  }
}

export {}
