/** Alias generation: the spellings of a place's Arabic and Latin names, and the alias list of one place. */
import { ARABIC, foldArabic, keyOf, latinFold, stripArabic } from './names';
import type { Cue, OldGazetteer, Variants } from './types';

const JOINABLE_PREFIXES = ['جد', 'أبو', 'ابو', 'بو'];

function arabicVariants(name: string, allowBare: (bare: string) => boolean): string[] {
  const base = stripArabic(name);
  const out = new Set<string>([base]);
  const add = (s: string): void => {
    out.add(s);
  };
  const words = base.split(' ');
  if (words.length === 2 && JOINABLE_PREFIXES.includes(words[0])) add(words.join(''));
  if (words.length >= 2 && (words[0] === 'أبو' || words[0] === 'ابو')) {
    const rest = words.slice(1).join(' ');
    add(`بو ${rest}`);
    add(`بو${rest}`);
  }
  if (words.length >= 2 && words[0] === 'بو') add(`أبو ${words.slice(1).join(' ')}`);
  if (words.length === 3 && words[1] === 'بو') add(`${words[0]} بو${words[2]}`);
  if (words.length === 2 && words[1].startsWith('بو') && words[1].length > 4) add(`${words[0]} بو ${words[1].slice(2)}`);
  if (words.length === 1 && words[0].startsWith('ال') && words[0].length >= 6) {
    const bare = words[0].slice(2);
    if (allowBare(bare)) add(bare);
  }
  for (const s of [...out]) {
    add(s.replace(/[أإآ]/g, 'ا'));
    add(s.replace(/ة(?=\s|$)/g, 'ه'));
    add(s.replace(/ى(?=\s|$)/g, 'ي'));
    add(s.replace(/[أإآ]/g, 'ا').replace(/ة(?=\s|$)/g, 'ه').replace(/ى(?=\s|$)/g, 'ي'));
  }
  return [...out];
}

function latinVariants(name: string, allowBare: boolean): string[] {
  const base = latinFold(name).replace(/[^a-z0-9' -]/g, '').replace(/\s+/g, ' ').trim();
  if (base.length === 0) return [];
  const out = new Set<string>([base]);
  for (const s of [...out]) {
    out.add(s.replace(/'/g, ''));
    out.add(s.replace(/-/g, ' '));
    out.add(s.replace(/'/g, '').replace(/-/g, ' '));
  }
  if (allowBare) {
    for (const s of [...out]) {
      const m = /^(al|el|ad|ar|as|ash|at|az|an)[ -](.{4,})$/.exec(s);
      if (m) out.add(m[2]);
    }
  }
  // A leading ʿayn written as an apostrophe ("'awali", "al 'awali") is dropped: the same name
  // without it is in the list, and nobody types it.
  return [...out].map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length >= 3 && !/(^|\s)'/.test(s));
}

export type BuildAliases = (
  ar: string,
  en: string,
  cue: Cue,
  arabicNames: string[],
  latinNames: string[],
  add: string[],
  drop: string[],
) => { aliases: string[]; explicit: Set<string> };

/** The alias builder for this build's stop lists (bare-article and Latin stop words, cue words). */
export function aliasBuilder(variants: Variants, oldGz: OldGazetteer): BuildAliases {
  const cueWordKeys = new Set([...oldGz.cueWords, ...oldGz.locativeWords, ...oldGz.numberWords, ...Object.values(oldGz.addressKeywords).flat()].map(keyOf));
  const bareStop = new Set(variants.bareArticleStop.map(foldArabic));
  const latinStop = new Set(variants.latinStop.map((w) => latinFold(w).replace(/'/g, '')));
  const allowBare = (cue: Cue) => (bare: string): boolean => cue === 0 && !bareStop.has(foldArabic(bare)) && !cueWordKeys.has(keyOf(bare));

  const buildAliases = (
    ar: string,
    en: string,
    cue: Cue,
    arabicNames: string[],
    latinNames: string[],
    add: string[],
    drop: string[],
  ): { aliases: string[]; explicit: Set<string> } => {
    const dropKeys = new Set(drop.map(keyOf));
    const dropExact = new Set(drop.map((d) => (ARABIC.test(d) ? foldArabic(d) : latinFold(d))));
    const out = new Set<string>();
    const explicit = new Set<string>();
    const push = (s: string, isExplicit: boolean): void => {
      const dropped = ARABIC.test(s)
        ? dropExact.has(foldArabic(s)) || dropKeys.has(keyOf(s))
        : dropExact.has(latinFold(s)) || dropKeys.has(keyOf(s)) || latinStop.has(latinFold(s).replace(/'/g, ''));
      if (dropped && !isExplicit) return;
      out.add(s);
      if (isExplicit) explicit.add(s);
    };
    for (const s of [ar, ...arabicNames]) for (const v of arabicVariants(s, allowBare(cue))) push(v, false);
    for (const s of [en, ...latinNames]) for (const v of latinVariants(s, cue === 0)) push(v, false);
    for (const s of add) {
      if (ARABIC.test(s)) for (const v of arabicVariants(s, () => false)) push(v, true);
      else for (const v of latinVariants(s, false)) push(v, true);
    }
    out.delete(ar);
    return { aliases: [...out], explicit };
  };
  return buildAliases;
}
