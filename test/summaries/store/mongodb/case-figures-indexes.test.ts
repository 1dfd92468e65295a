/**
 * The weekly case figures' first $match is an $or: MongoDB serves it from indexes only when every
 * branch has one that starts with its field; one branch without reads every case opened before the
 * week's end (no mongod runs here, so the plan is checked against the index definitions).
 */
import { CASE_INDEXES } from '../../../../src/cases/store/mongo-case-store';
import { caseFiguresPipeline } from '../../../../src/summaries/store/mongodb/summary-pipelines';

it('has an index for every branch of the case figures\' $or', () => {
  const [first] = caseFiguresPipeline({ start: '2026-11-30T00:00:00.000Z', end: '2026-12-07T00:00:00.000Z', dayStarts: [] });
  const branches = (first.$match as { $or: Record<string, unknown>[] }).$or;
  const fields = branches.map((b) => Object.keys(b)).flat();
  expect(fields).toEqual(['openedAt', 'status', 'history.at']);
  const leading = CASE_INDEXES.filter((ix) => !ix.partialFilterExpression).map((ix) => Object.keys(ix.key)[0]);
  expect(fields.filter((f) => !leading.includes(f))).toEqual([]);
});
