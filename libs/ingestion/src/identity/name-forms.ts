import { canonicalFirstName } from './nicknames';

/**
 * Spelling-insensitive form of (part of) a normalised name: no spaces, German transliterations folded (Pöltl is
 * "poltl" once accents go, Poeltl in English), doubled letters single (Galinari/Gallinari), a Slavic "-vich" as "-vic".
 */
export function foldSpelling(normalized: string): string {
  return normalized
    .replace(/\s+/g, '')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/ae/g, 'a')
    .replace(/vich\b/g, 'vic')
    .replace(/(.)\1+/g, '$1');
}

/** The parts of a normalised name the matcher compares. */
export interface NameForm {
  normalized: string;
  tokens: string[];
  first: string;
  /** Everything after the first name ("da silva", "gilgeous alexander"), folded. */
  surname: string;
  /** Last token, folded (the surname when the feed adds middle names). */
  last: string;
  /** Whole name folded. */
  folded: string;
}

export function nameForm(normalized: string): NameForm {
  const tokens = normalized.split(' ').filter(Boolean);
  return {
    normalized,
    tokens,
    first: tokens[0] ?? '',
    surname: foldSpelling(tokens.slice(1).join(' ')),
    last: foldSpelling(tokens[tokens.length - 1] ?? ''),
    folded: foldSpelling(normalized),
  };
}

/** The feed's name with its tokens in the other order ("Wembanyama Victor", "Portis, Bobby"), folded. */
export function reversedFold(form: NameForm): string | null {
  return form.tokens.length === 2 ? foldSpelling(`${form.tokens[1]} ${form.tokens[0]}`) : null;
}

/** How a feed's first name relates to a stored one, when they can be the same person's; null otherwise. */
export function firstNameRelation(feed: string, stored: string): 'nickname' | 'first-name prefix' | null {
  if (feed === stored) return null;
  if (canonicalFirstName(feed) === canonicalFirstName(stored)) return 'nickname';
  // "Herb"/"Herbert", "G"/"Giannis", "Mil"/"Miles": one is the start of the other.
  if (feed.length > 0 && stored.length > 0 && (stored.startsWith(feed) || feed.startsWith(stored))) return 'first-name prefix';
  return null;
}
