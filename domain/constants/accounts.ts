// Password bounds shared by the api's schema and the web's forms, so a form refuses exactly what the
// api would.
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;
