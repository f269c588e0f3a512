/** Remembers the `?ref=CODE` of a visit to the root domain for 90 days, for the signup form. */
export const REFERRAL_COOKIE = 'omotenasu_ref'
export const REFERRAL_COOKIE_MAX_AGE = 90 * 24 * 60 * 60
