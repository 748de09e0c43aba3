/**
 * NBA season of a game date (`YYYY-MM-DD`) as its starting year: games from 12 October on belong to the season that
 * starts that year, earlier ones to the season that started the year before. Regular seasons open after mid-October
 * (2020-21 on 22 December), and the latest finals ended on 11 October (2020's bubble), so the boundary never splits
 * a season.
 */
export function seasonOf(gameDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(gameDate);
  if (!match) throw new RangeError(`not a game date: "${gameDate}"`);
  const year = Number(match[1]);
  return `${match[2]}-${match[3]}` >= '10-12' ? year : year - 1;
}

/**
 * Season-decay instance weights: a row of the fit's latest season weighs 1, one season older `decay`, two seasons
 * older `decay²`, and so on (the latest season is the one of the latest date among `gameDates`). `decay` 1 gives
 * every row weight 1.
 */
export function seasonDecayWeights(gameDates: readonly string[], decay: number): Float32Array {
  if (!(decay > 0 && decay <= 1)) throw new RangeError(`recency decay must be in (0, 1], got ${decay}`);
  const weights = new Float32Array(gameDates.length).fill(1);
  if (decay === 1 || gameDates.length === 0) return weights;
  let latest = gameDates[0];
  for (const d of gameDates) if (d > latest) latest = d;
  const last = seasonOf(latest);
  gameDates.forEach((d, i) => (weights[i] = decay ** (last - seasonOf(d))));
  return weights;
}
