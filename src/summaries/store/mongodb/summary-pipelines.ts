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

const inRange = (w: SummaryWindow) => ({ $gte: w.start, $lt: w.end });
const groupCount = (key: string | null): Document[] => [{ $group: { _id: key, count: { $sum: 1 } } }];
/** $limit must be positive; a topN of 0 is cut in the application. */
const topLimit = (topN: number) => ({ $limit: Math.max(1, topN) });

/** Whole seconds of an ISO instant (truncated, like SQLite's unixepoch). */
const epochSeconds = (field: string) => ({ $floor: { $divide: [{ $toLong: { $toDate: field } }, 1000] } });
const secondsBetween = (from: string, to: string) => ({ $max: [0, { $subtract: [epochSeconds(to), epochSeconds(from)] }] });
const isSet = (field: string) => ({ $eq: [{ $type: field }, 'string'] });
const inWindowExpr = (field: string, w: SummaryWindow) => ({ $and: [{ $gte: [field, w.start] }, { $lt: [field, w.end] }] });
const nullOrFrom = (field: string, at: string) => ({ $or: [{ $eq: [{ $ifNull: [field, null] }, null] }, { $gte: [field, at] }] });
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

export function caseFiguresPipeline(w: SummaryWindow): Document[] {
  const openAtEnd = { $and: [{ $lt: ['$openedAt', w.end] }, nullOrFrom('$resolvedAt', w.end), nullOrFrom('$closedAt', w.end)] };
  const resolvedIn = inWindowExpr('$resolvedAt', w);
  return [
    { $match: { openedAt: { $lt: w.end } } },
    {
      $facet: {
        totals: [
          {
            $group: {
              _id: null,
              opened: countIf(inWindowExpr('$openedAt', w)),
              resolved: countIf(resolvedIn),
              closed: countIf(inWindowExpr('$closedAt', w)),
              openAtEnd: countIf(openAtEnd),
              overdueAtEnd: countIf({ $and: [openAtEnd, { $lt: ['$slaDueAt', w.end] }] }),
              resolvedWithinSla: countIf({ $and: [resolvedIn, { $lte: ['$resolvedAt', '$slaDueAt'] }] }),
            },
          },
        ],
        timeToResolve: [
          { $match: { resolvedAt: inRange(w) } },
          { $group: { _id: null, secs: { $push: secondsBetween('$openedAt', '$resolvedAt') } } },
          ...durationStatsStages(),
        ],
        openedByUnit: [{ $match: { openedAt: { $gte: w.start } } }, ...groupCount('$unit')],
        openedByDomain: [{ $match: { openedAt: { $gte: w.start } } }, ...groupCount('$domain')],
        resolvedByUnit: [{ $match: { resolvedAt: inRange(w) } }, ...groupCount('$unit')],
        openedByArea: [{ $match: { openedAt: { $gte: w.start }, area: { $nin: [null, ''] } } }, ...groupCount('$area')],
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
