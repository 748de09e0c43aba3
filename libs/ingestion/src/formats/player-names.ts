const SUFFIXES = new Set(['jr', 'sr', 'ii', 'iii', 'iv', 'v']);

/**
 * Lower-case ASCII form of a player name for matching name-only feeds (players.normalized_name):
 * accents, punctuation, generational suffixes and a book's notes in parentheses dropped, so "Kelly Oubre Jr." =
 * "kelly oubre", "P.J. Tucker" = "pj tucker", "Kyle Lowry (Phi)" = "kyle lowry".
 */
export function normalizePlayerName(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[.'’`]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ');
  while (words.length > 2 && SUFFIXES.has(words[words.length - 1])) words.pop();
  return words.join(' ');
}
