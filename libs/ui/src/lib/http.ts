/** The API's base path: every call of the portal goes to the same origin, under this prefix. */
export const API = '/api/v1';
