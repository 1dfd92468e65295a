/**
 * Aggregation pipelines for the weekly counts (definitions in src/summaries/store/summary-store.ts);
 * summary-facets.ts reads their single result documents as the port's counts. Everything is
 * computed on the server for one window: a `$match` on the window (index on the time field), then
 * `$facet` with one `$group` per figure. Medians and
 * p90 sort the window's durations on the server: `$push` per group (one number per answered
 * mention or resolved case of the window, so bounded by a week's volume: ~1 MB per 50,000
 * values, far below the 16 MB document and 100 MB stage limits) then `$sortArray` and
 * `$arrayElemAt` at the ranks. No `$percentile`/`$median` (7.0+), so MongoDB 6.0 works.
 */
import type { Document } from 'mongodb';
import { RESPONSE_TIME_BUCKETS, type SummaryQueryOptions, type SummaryWindow } from '../summary-store';
import { CASE_STATUS_VALUES, DOMAIN_CHANGED, NOT_STATUS_ACTIONS, OPEN_CASE_STATUSES, SLA_RESTARTED, UNIT_ASSIGNED } from '../case-history-rules';

const inRange = (w: SummaryWindow) => ({ $gte: w.start, $lt: w.end });
const groupCount = (key: string | null): Document[] => [{ $group: { _id: key, count: { $sum: 1 } } }];
/** $limit must be positive; a topN of 0 is cut in the application. */
const topLimit = (topN: number) => ({ $limit: Math.max(1, topN) });

/** Whole seconds of an ISO instant (truncated, like SQLite's unixepoch). */
const epochSeconds = (field: string) => ({ $floor: { $divide: [{ $toLong: { $toDate: field } }, 1000] } });
const secondsBetween = (from: string, to: string) => ({ $max: [0, { $subtract: [epochSeconds(to), epochSeconds(from)] }] });
const isSet = (field: string) => ({ $eq: [{ $type: field }, 'string'] });
const inWindowExpr = (field: string, w: SummaryWindow) => ({ $and: [{ $gte: [field, w.start] }, { $lt: [field, w.end] }] });
const countIf = (cond: unknown) => ({ $sum: { $cond: [cond, 1, 0] } });

/**
 * After a `$group` holding `secs` (an array of numbers, nulls allowed): count, exact median
 * (middle value or mean of the two middle ones) and p90 (nearest rank ceil(0.9 n)).
 */
export function durationStatsStages(): Document[] {
  const at = (rank1: unknown) => ({ $arrayElemAt: ['$secs', { $toInt: { $subtract: [rank1, 1] } }] });
  const half = (plus: number) => ({ $floor: { $divide: [{ $add: ['$count', plus] }, 2] } });
  return [
    { $set: { secs: { $sortArray: { input: { $filter: { input: '$secs', cond: { $ne: ['$$this', null] } } }, sortBy: 1 } } } },
    { $set: { count: { $size: '$secs' } } },
    {
      $set: {
        medianSeconds: { $cond: [{ $eq: ['$count', 0] }, null, { $avg: [at(half(1)), at(half(2))] }] },
        p90Seconds: { $cond: [{ $eq: ['$count', 0] }, null, at({ $floor: { $divide: [{ $add: [{ $multiply: [9, '$count'] }, 9] }, 10] } })] },
      },
    },
    { $unset: 'secs' },
  ];
}

// ---------------------------------------------------------------- mentions

export function mentionFiguresPipeline(w: SummaryWindow, opts: SummaryQueryOptions): Document[] {
  const complaintsBy = (field: string) => [{ $match: { intent: 'complaint', [field]: { $nin: [null, ''] } } }, ...groupCount(`$${field}`)];
  return [
    { $match: { createdAt: inRange(w) } },
    {
      $facet: {
        total: [{ $count: 'n' }],
        relevant: [{ $match: { relevant: true } }, { $count: 'n' }],
        uniqueAuthors: [{ $group: { _id: { network: '$network', author: '$author.id' } } }, { $count: 'n' }],
        byChannel: groupCount('$network'),
        byDomain: groupCount('$primaryDomain'),
        byIntent: groupCount('$intent'),
        byUrgency: groupCount('$urgency'),
        bySentiment: groupCount('$sentiment'),
        // day i is [dayStarts[i], dayStarts[i+1]); ISO strings compare in time order
        byDay: [{ $bucket: { groupBy: '$createdAt', boundaries: w.dayStarts, default: 'outside', output: { count: { $sum: 1 } } } }],
        complaintsByArea: complaintsBy('area'),
        complaintsByBlock: complaintsBy('block'),
        mostEngaged: [
          { $match: { engagement: { $gt: 0 }, relevant: true } },
          { $sort: { engagement: -1, createdAt: -1, _id: 1 } },
          topLimit(opts.topN),
          { $project: { network: 1, url: 1, authorHandle: '$author.handle', text: 1, createdAt: 1, engagement: 1, primaryDomain: 1 } },
        ],
      },
    },
  ];
}

// ---------------------------------------------------------------- responses

function bucketIndexExpr(): Document {
  return { $switch: { branches: RESPONSE_TIME_BUCKETS.map((bound, i) => ({ case: { $lt: ['$secs', bound] }, then: i })), default: RESPONSE_TIME_BUCKETS.length } };
}

/**
 * Candidates (relevant, replyable, created in the window), their first sent reply by a person ($lookup on
 * the replies' (mentionId, state, sentAt) index), then the ones needing a reply, grouped overall,
 * by channel (network) and by domain, plus the response-time distribution.
 */
export function responseFiguresPipeline(w: SummaryWindow, opts: SummaryQueryOptions, repliesCollection: string): Document[] {
  const sla = opts.responseSlaSeconds;
  const stats = (key: unknown): Document[] => [
    {
      $group: {
        _id: key,
        needingReply: { $sum: 1 },
        answered: countIf('$answered'),
        withinSla: countIf('$withinSla'),
        secs: { $push: '$secs' },
      },
    },
    ...durationStatsStages(),
  ];
  return [
    { $match: { createdAt: inRange(w), relevant: true, replyable: true } },
    {
      $lookup: {
        from: repliesCollection,
        let: { mentionId: '$_id' },
        pipeline: [
          // A person's reply (purpose agent, or none: written before purposes) answers; automatic notices do not.
          { $match: { $expr: { $and: [{ $eq: ['$mentionId', '$$mentionId'] }, { $eq: ['$state', 'sent'] }, { $eq: [{ $ifNull: ['$purpose', 'agent'] }, 'agent'] }] } } },
          { $group: { _id: null, first: { $min: '$sentAt' } } },
        ],
        as: 'firstReply',
      },
    },
    { $set: { firstAt: { $arrayElemAt: ['$firstReply.first', 0] } } },
    { $match: { $or: [{ status: { $in: ['needs_reply', 'replied'] } }, { firstAt: { $type: 'string' } }] } },
    {
      $project: {
        network: 1,
        domain: { $ifNull: ['$primaryDomain', null] },
        answered: isSet('$firstAt'),
        secs: { $cond: [isSet('$firstAt'), secondsBetween('$createdAt', '$firstAt'), null] },
        sla: { $switch: { branches: [{ case: { $eq: ['$urgency', 'high'] }, then: sla.high }, { case: { $eq: ['$urgency', 'medium'] }, then: sla.medium }], default: sla.low } },
      },
    },
    { $set: { withinSla: { $and: ['$answered', { $lte: ['$secs', '$sla'] }] } } },
    {
      $facet: {
        all: stats(null),
        byChannel: stats('$network'),
        byDomain: stats('$domain'),
        distribution: [{ $match: { secs: { $ne: null } } }, { $group: { _id: bucketIndexExpr(), count: { $sum: 1 } } }],
      },
    },
  ];
}

// ---------------------------------------------------------------- cases

const last = (array: unknown) => ({ $arrayElemAt: [array, -1] });
const first = (array: unknown) => ({ $arrayElemAt: [array, 0] });
/** A field of the document an expression gives (missing when it gives none). */
const fieldOf = (doc: unknown, name: string) => ({ $let: { vars: { doc }, in: `$$doc.${name}` } });
const entriesWhere = (cond: unknown, input: unknown = '$h') => ({ $filter: { input, as: 'e', cond } });
/** Entry $$e earlier than entry `r` in (at, order written) order. */
const entryBefore = (r: string) => ({ $or: [{ $lt: ['$$e.at', `${r}.at`] }, { $and: [{ $eq: ['$$e.at', `${r}.at`] }, { $lt: ['$$e.i', `${r}.i`] }] }] });
/** A status move (case-history-rules.ts). */
const statusMove = {
  $and: [{ $in: [{ $ifNull: ['$$e.to', null] }, [...CASE_STATUS_VALUES]] }, { $not: [{ $in: ['$$e.action', [...NOT_STATUS_ACTIONS]] }] }],
};
/**
 * What an action's entries move (unit, domain, due time) as it stood at a moment: the `to` of its
 * last entry before the moment (`before`, a condition on $$e), else the `from` of its first
 * entry, else the case's own field.
 */
const inForce = (action: string, field: string, before: unknown) => ({
  $ifNull: [
    fieldOf(last(entriesWhere({ $and: [{ $eq: ['$$e.action', action] }, before] })), 'to'),
    { $ifNull: [fieldOf(first(entriesWhere({ $eq: ['$$e.action', action] })), 'from'), field] },
  ],
});

/**
 * The case figures read the history (rules in ../case-history-rules.ts), so a week's figures do not
 * move when a case is reopened, rerouted or given a new SLA afterwards. The cases that can count:
 * opened before the end, and opened in the window, open now, or with a history entry since its
 * start (a move in it or since its end); each is seen as the window saw it, then counted.
 */
export function caseFiguresPipeline(w: SummaryWindow): Document[] {
  const inWindowAt = inWindowExpr('$$e.at', w);
  return [
    { $match: { openedAt: { $lt: w.end }, $or: [{ openedAt: { $gte: w.start } }, { status: { $in: [...OPEN_CASE_STATUSES] } }, { 'history.at': { $gte: w.start } }] } },
    // The history in (at, order written) order, each entry with its place `i` as written.
    {
      $set: {
        h: {
          $sortArray: {
            input: { $map: { input: { $range: [0, { $size: '$history' }] }, as: 'i', in: { $mergeObjects: [{ $arrayElemAt: ['$history', '$$i'] }, { i: '$$i' }] } } },
            sortBy: { at: 1, i: 1 },
          },
        },
      },
    },
    { $set: { moves: entriesWhere(statusMove) } },
    {
      $set: {
        resolution: last(entriesWhere({ $and: [{ $eq: ['$$e.to', 'resolved'] }, inWindowAt] }, '$moves')),
        statusAtEnd: fieldOf(last(entriesWhere({ $lt: ['$$e.at', w.end] }, '$moves')), 'to'),
        dueAtEnd: inForce(SLA_RESTARTED, '$slaDueAt', { $lt: ['$$e.at', w.end] }),
      },
    },
    {
      $project: {
        openedAt: 1,
        area: 1,
        opened: inWindowExpr('$openedAt', w),
        openedUnit: inForce(UNIT_ASSIGNED, '$unit', false),
        openedDomain: inForce(DOMAIN_CHANGED, '$domain', false),
        resolvedAt: { $ifNull: ['$resolution.at', null] },
        resolvedUnit: { $cond: [isSet('$resolution.at'), inForce(UNIT_ASSIGNED, '$unit', entryBefore('$resolution')), null] },
        resolvedWithinSla: {
          $cond: [isSet('$resolution.at'), { $lte: ['$resolution.at', inForce(SLA_RESTARTED, '$slaDueAt', entryBefore('$resolution'))] }, false],
        },
        closed: { $gt: [{ $size: entriesWhere({ $and: [{ $eq: ['$$e.to', 'closed'] }, inWindowAt] }, '$moves') }, 0] },
        openAtEnd: { $in: [{ $ifNull: ['$statusAtEnd', 'open'] }, [...OPEN_CASE_STATUSES]] },
        dueAtEnd: 1,
      },
    },
    { $set: { resolved: isSet('$resolvedAt'), overdueAtEnd: { $and: ['$openAtEnd', isSet('$dueAtEnd'), { $lt: ['$dueAtEnd', w.end] }] } } },
    {
      $facet: {
        totals: [
          {
            $group: {
              _id: null,
              opened: countIf('$opened'),
              resolved: countIf('$resolved'),
              closed: countIf('$closed'),
              openAtEnd: countIf('$openAtEnd'),
              overdueAtEnd: countIf('$overdueAtEnd'),
              resolvedWithinSla: countIf('$resolvedWithinSla'),
            },
          },
        ],
        timeToResolve: [{ $match: { resolved: true } }, { $group: { _id: null, secs: { $push: secondsBetween('$openedAt', '$resolvedAt') } } }, ...durationStatsStages()],
        openedByUnit: [{ $match: { opened: true } }, ...groupCount('$openedUnit')],
        openedByDomain: [{ $match: { opened: true } }, ...groupCount('$openedDomain')],
        resolvedByUnit: [{ $match: { resolved: true } }, ...groupCount('$resolvedUnit')],
        openedByArea: [{ $match: { opened: true, area: { $nin: [null, ''] } } }, ...groupCount('$area')],
      },
    },
  ];
}

// ---------------------------------------------------------------- reply activity and own posts

/** Sent replies of the window per author and per template; names joined after grouping. */
export function replyActivityPipeline(w: SummaryWindow, collections: { users: string; templates: string }): Document[] {
  const named = (key: string, from: string): Document[] => [
    { $group: { _id: { $ifNull: [key, null] }, count: { $sum: 1 } } },
    { $lookup: { from, localField: '_id', foreignField: '_id', as: 'named' } },
    { $project: { count: 1, name: { $arrayElemAt: ['$named.name', 0] } } },
  ];
  return [{ $match: { state: 'sent', sentAt: inRange(w) } }, { $facet: { byAgent: named('$author', collections.users), byTemplate: named('$templateId', collections.templates) } }];
}

export function ownPostFiguresPipeline(w: SummaryWindow, opts: SummaryQueryOptions): Document[] {
  const score = { $add: ['$likes', '$replies', '$reposts'] };
  return [
    { $match: { createdAt: inRange(w) } },
    {
      $facet: {
        byChannel: [
          {
            $group: {
              _id: '$channel',
              posts: { $sum: 1 },
              likes: { $sum: '$likes' },
              replies: { $sum: '$replies' },
              reposts: { $sum: '$reposts' },
              impressions: { $sum: '$impressions' },
              engagementWithImpressions: { $sum: { $cond: [{ $gt: ['$impressions', 0] }, score, 0] } },
            },
          },
          { $sort: { posts: -1, _id: 1 } },
        ],
        best: [{ $set: { score } }, { $sort: { score: -1, createdAt: -1, _id: 1 } }, topLimit(opts.topN)],
      },
    },
  ];
}
