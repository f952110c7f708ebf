/** Every list of the helpdesk pages the same way: 25 records unless asked, at most 100, by offset or cursor. */
export const PAGINATION = {
  offset: true,
  keyset: true,
  defaultLimit: 25,
  maxLimit: 100,
  countable: true,
} as const;
