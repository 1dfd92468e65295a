/** OpenAPI path for the audit trail, with the AuditEntry record. */
import { errors, ok, pageOf, queryParams, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { AuditQuerySchema } from './audit-routes';

const paths: Paths = {
  '/api/audit': {
    get: {
      summary: 'The audit trail, newest first',
      tags: ['audit'],
      ...roles('supervisor', 'admin'),
      parameters: queryParams(AuditQuerySchema),
      responses: { ...ok('A page of entries', pageOf(ref('AuditEntry'))), ...errors(400, 403) },
    },
  },
};

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const SCHEMAS: Record<string, JsonSchema> = {
  AuditEntry: {
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'subject'],
    properties: { id: str, at: time, actor: str, action: str, subject: str, before: {}, after: {} },
  },
};

export const auditOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
