// What a person reads while the database is away: the API's 503 `database_unavailable` message and
// the error page say the same words.
export const DATABASE_UNAVAILABLE_MESSAGE = {
  ja: 'データベースに一時的に接続できません。しばらくしてからもう一度お試しください。',
  en: 'The database is temporarily unavailable. Please try again in a few moments.',
} as const
