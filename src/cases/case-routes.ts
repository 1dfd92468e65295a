/** The case API under /api: list, the complaints map, read, change status/assignment, notes, forwarding, and the unit list. */
import { Router } from 'express';
import { z } from 'zod';
import gazetteer from '../../classifiers/gazetteer/places.json';
import { shortGovernorateName } from '../../classifiers/gazetteer-files';
import { currentUser } from '../auth/request-auth';
import { EVERYONE, SUPERVISORS, requireRole } from '../auth/require-role';
import { ValidationError } from '../errors';
import { parseInput } from '../http/validate';
import { bahrainPlaces } from '../map/place-index';
import type { CaseService } from './case-service';
import type { RoutingTable } from './routing-table';
import { CaseListQuerySchema, CaseMapQuerySchema, CaseNoteSchema, CaseNumberSchema, CasePatchSchema } from './case-schemas';

export interface CaseRouteDeps {
  cases: CaseService;
  routing: RoutingTable;
}

export function caseRoutes(deps: CaseRouteDeps): Router {
  const router = Router();
  const anyone = requireRole(...EVERYONE);

  router.get('/cases', anyone, async (req, res) => {
    const q = parseInput(CaseListQuerySchema, req.query, 'query');
    const { area, block, assignee, from, to, ...rest } = q;
    // An unreadable block would otherwise drop the filter and list every case.
    if (block !== undefined && blockNumber(block) === undefined) throw new ValidationError('invalid query parameter: block', { block: 'is not a block number like 324 (or «مجمع 324», "Block 324")' });
    const wantedBlock = blockNumber(block) ?? blockNumber(area);
    const where = wantedBlock ? { block: wantedBlock } : area === undefined ? {} : { areas: areaSpellings(area) };
    // `me` lets a link («my cases») work for whoever opens it; `none`: cases nobody holds (user ids are UUIDs).
    const held = assignee === undefined ? {} : { assignee: assignee === 'me' ? currentUser(req).id : assignee === 'none' ? null : assignee };
    res.json(await deps.cases.list({ ...rest, ...where, ...held, openedFrom: from, openedTo: to }));
  });

  // Before /cases/:number, which would take "map" for a (malformed) case number.
  router.get('/cases/map', anyone, async (req, res) => {
    const q = parseInput(CaseMapQuerySchema, req.query, 'query');
    res.json(await deps.cases.map(q));
  });

  // The console in English names places by these (locations store the gazetteer's Arabic name).
  router.get('/places', anyone, (_req, res) => {
    res.json({ items: PLACE_NAMES });
  });

  router.get('/case-units', anyone, (_req, res) => {
    res.json({ items: Object.entries(deps.routing).map(([domain, u]) => ({ domain, name: u.name, nameAr: u.nameAr })) });
  });

  router.get('/cases/:number', anyone, async (req, res) => {
    res.json(await deps.cases.get(parseNumber(req.params.number)));
  });

  router.patch('/cases/:number', anyone, async (req, res) => {
    const number = parseNumber(req.params.number);
    const patch = parseInput(CasePatchSchema, req.body, 'body');
    // `me`, as the list's filter takes it: an agent taking a case needs no user id.
    const user = currentUser(req);
    res.json(await deps.cases.update(user, number, patch.assignee === 'me' ? { ...patch, assignee: user.id } : patch));
  });

  router.post('/cases/:number/notes', anyone, async (req, res) => {
    const number = parseNumber(req.params.number);
    const { text } = parseInput(CaseNoteSchema, req.body, 'body');
    res.status(201).json(await deps.cases.addNote(currentUser(req), number, text));
  });

  // "Forward now / retry": queues a forward of the case's current state unless one is pending.
  router.post('/cases/:number/forward', requireRole(...SUPERVISORS), async (req, res) => {
    const number = parseNumber(req.params.number);
    const result = await deps.cases.forwardNow(currentUser(req), number);
    res.status(result.queued ? 202 : 200).json(result);
  });

  return router;
}

/**
 * Every gazetteer place and governorate as a location names it (Location.area is the place's
 * Arabic name, Location.governorate the governorate's short one) with its English name.
 */
const PLACE_NAMES: { ar: string; en: string }[] = [
  ...gazetteer.places.map((p) => ({ ar: p.ar, en: p.en })),
  // «المحرق» is the city and the governorate's short name: the city's entry stands.
  ...gazetteer.governorates.map((g) => ({ ar: shortGovernorateName(g.ar), en: g.en })).filter((g) => !gazetteer.places.some((p) => p.ar === g.ar)),
];

/**
 * The area filter as the stores match it: the name as typed, and, when it names a gazetteer place
 * (in Arabic or English, by any spelling: «ستره», "Sitra", "Sitrah"), every name of that place,
 * the Arabic one locations store («سترة») first. A governorate or a name the gazetteer does not
 * know is matched as written. Resolved here, before the store is asked, so every store filters on
 * the same values.
 */
/**
 * A block number as locations store it ("324"), from what is typed in the area box: «مجمع ٣٢٤»,
 * "Block 324" or the digits alone; undefined for anything else (a place's name).
 */
export function blockNumber(typed: string | undefined): string | undefined {
  if (typed === undefined) return undefined;
  const western = typed.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
  return /^\s*(?:مجمع|block|blk\.?)?\s*(\d{3,4})\s*$/i.exec(western)?.[1];
}

export function areaSpellings(area: string): string[] {
  const found = bahrainPlaces().find(area);
  const place = found && gazetteer.places.find((p) => p.id === found.id);
  return place ? [...new Set([place.ar, area, ...place.aliases, place.en])] : [area];
}

/** The path's case number, named `number` in the 400 ("invalid params parameter: number"). */
const CaseNumberParams = z.object({ number: CaseNumberSchema });

function parseNumber(value: unknown): string {
  return parseInput(CaseNumberParams, { number: value }, 'params').number;
}
