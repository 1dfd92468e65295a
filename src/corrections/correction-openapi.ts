/** OpenAPI paths for correcting a mention's classification (console corrections, training labels). */
import { ClassificationCorrectionSchema } from './correction-schemas';
import { errors, jsonBody, ok, pathParam, ref, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const paths: Paths = {
  '/api/mentions/{id}/classification': {
    post: {
      summary: "Correct the classifier's domain and intent of a mention (kept beside the machine's values)",
      description:
        'Only the holder of the claim may correct a mention: 409 claim_required when nobody holds it, 409 claimed_by_other when someone else does. ' +
        '`domain: none` means not about roads, drainage or buildings (primaryDomain null). The mention keeps the machine values in ' +
        '`classification.correction.from` with `by` and `at`; primaryDomain and intent take the corrected values. Audit action `mention.reclassified`. ' +
        'Cases follow: no longer a works complaint, the case it opened is closed with reason not_a_complaint (or, when the case holds other ' +
        'mentions, only this one is unlinked); a works complaint without a case now goes through case capture (routing, SLA, numbering, de-dup), ' +
        'whatever its confidence: sending the values it already has confirms a works complaint that stayed under CASE_MIN_CONFIDENCE and opens its case; ' +
        'a works complaint again whose case an earlier correction closed: that case reopens (note corrected_to_complaint, a fresh SLA); ' +
        'another works domain: the case it opened alone moves to that domain and its unit (history domain_changed and unit_assigned, audit case.updated ' +
        'with reason domain_corrected) while it is open and still with the unit its old domain routed it to. ' +
        'Roles: agent, supervisor, admin.',
      tags: ['queue'],
      'x-roles': ['agent', 'supervisor', 'admin'],
      parameters: [pathParam('id', 'Mention id')],
      requestBody: jsonBody(ClassificationCorrectionSchema),
      responses: {
        ...ok('The corrected mention, and the case change it caused', {
          type: 'object',
          required: ['mention', 'case'],
          properties: {
            mention: ref('Mention'),
            case: {
              oneOf: [
                { type: 'null' },
                { type: 'object', required: ['number', 'change'], properties: { number: { type: 'string' }, change: { enum: ['closed', 'unlinked', 'opened', 'linked', 'reopened', 'rerouted'] } } },
              ],
            },
          },
        }),
        ...errors(400, 404, 409),
      },
    },
  },
};

export const correctionOpenApi: OpenApiArea = { paths };
