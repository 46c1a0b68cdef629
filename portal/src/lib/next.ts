/** Where to go after logging in: a path of this portal only, never another site, never the login page again. */
export function safeNext(next: string | null, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\') || next.startsWith('/login')) {
    return fallback;
  }
  return next;
}
