/**
 * First names that books and box scores use for the same person, one group per line (a curated list, not a
 * dictionary: each form here was seen in a real feed, or is the common English short form of a listed name).
 * A nickname only matches a player of the game's two teams with the same surname, so a broad group cannot join
 * strangers.
 */
const GROUPS: readonly (readonly string[])[] = [
  ['nicolas', 'nicholas', 'nic', 'nick', 'nico'],
  ['herbert', 'herb'],
  ['moritz', 'moe'],
  ['cameron', 'cam'],
  ['joshua', 'josh'],
  ['obadiah', 'obi'],
  ['mohamed', 'mohammed', 'mohamad', 'mo'],
  ['robert', 'rob', 'robbie', 'bob', 'bobby'],
  ['william', 'will', 'willie', 'bill', 'billy'],
  ['michael', 'mike'],
  ['matthew', 'matt'],
  ['christopher', 'chris'],
  ['jonathan', 'jon'],
  ['nathan', 'nathaniel', 'nate'],
  ['patrick', 'pat'],
  ['daniel', 'dan', 'danny'],
  ['anthony', 'tony'],
  ['kenneth', 'ken', 'kenny'],
  ['james', 'jim', 'jimmy'],
  ['joseph', 'joe', 'joey'],
  ['zachary', 'zach', 'zack', 'zac'],
  ['samuel', 'sam'],
  ['timothy', 'tim', 'timmy'],
  ['thomas', 'tom', 'tommy'],
  ['benjamin', 'ben'],
  ['alexander', 'alexandre', 'aleksandar', 'alex', 'sasha'],
  ['andrew', 'drew', 'andy'],
  ['edward', 'ed', 'eddie'],
  ['frederick', 'fred', 'freddie'],
  ['gabriel', 'gabe'],
  ['jeffrey', 'jeff'],
  ['maximilian', 'max'],
  ['vincent', 'vince'],
  ['gregory', 'greg', 'gg'],
  ['ishmael', 'ishmail', 'ish'],
  ['walter', 'walt'],
  ['lawrence', 'larry'],
  ['ronald', 'ron'],
  ['donald', 'don'],
  ['douglas', 'doug'],
  ['theodore', 'theo'],
  ['raymond', 'ray'],
  ['richard', 'rich', 'rick', 'ricky'],
  ['charles', 'charlie'],
  ['jacob', 'jake'],
  ['mitchell', 'mitch'],
  ['terrence', 'terence', 'terry'],
  ['kentavious', 'kcp'],
  ['sviatoslav', 'svi'],
  ['carlton', 'bub'],
];

const CANONICAL = new Map<string, string>(GROUPS.flatMap((g) => g.map((name) => [name, g[0]] as const)));

/** The group's first form of a (normalised) first name, or the name itself when it is in no group. */
export function canonicalFirstName(first: string): string {
  return CANONICAL.get(first) ?? first;
}
