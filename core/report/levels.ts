import type { Agency } from '../plan/schema.ts';

/**
 * How the report names a set of agencies of one administrative level: "sở, ngành" for the
 * province's agencies, and for districts or communes the kinds of unit the plan actually has,
 * read from their names ("huyện, thị xã, thành phố"; "quận, huyện"; "xã, phường, đặc khu"), so
 * that a two-tier province never reads "huyện" and a city reads "quận".
 */

export type LevelCode = Agency['level'];

/** Levels in the order the report lists them. */
export const LEVEL_ORDER: readonly LevelCode[] = ['province', 'district', 'commune'];

const UNIT_WORDS: Record<Exclude<LevelCode, 'province'>, readonly string[]> = {
  district: ['quận', 'huyện', 'thị xã', 'thành phố'],
  commune: ['xã', 'phường', 'thị trấn', 'đặc khu'],
};
const FALLBACK: Record<LevelCode, string> = { province: 'sở, ngành', district: 'huyện', commune: 'xã' };
const PEOPLES_COMMITTEE = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+/iu;

/** The unit word an agency's name starts with after "UBND" ("thị xã" for "UBND thị xã Đức Phổ"). */
function unitWord(level: Exclude<LevelCode, 'province'>, name: string): string | undefined {
  const rest = name.normalize('NFC').replace(PEOPLES_COMMITTEE, '').toLowerCase();
  // Longest first, so "thị xã" is not read as "xã" nor "thành phố" cut short.
  return [...UNIT_WORDS[level]].sort((a, b) => b.length - a.length).find((w) => rest.startsWith(`${w} `));
}

/** The label of a level for the given agencies ("huyện, thị xã, thành phố"). */
export function levelLabel(level: LevelCode, agencies: readonly Pick<Agency, 'name'>[]): string {
  if (level === 'province') return FALLBACK.province;
  const found = new Set(agencies.map((a) => unitWord(level, a.name)).filter((w): w is string => !!w));
  const words = UNIT_WORDS[level].filter((w) => found.has(w));
  return words.length ? words.join(', ') : FALLBACK[level];
}

/** Labels of every level the plan's reporting agencies have, named from all of the plan's units of that level. */
export function planLevelLabels(reporting: readonly Agency[]): Map<LevelCode, string> {
  const out = new Map<LevelCode, string>();
  for (const level of LEVEL_ORDER) {
    const members = reporting.filter((a) => a.level === level);
    if (members.length) out.set(level, levelLabel(level, members));
  }
  return out;
}
