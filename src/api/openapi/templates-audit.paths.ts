/** OpenAPI paths for reply templates and the audit trail. */
import { AuditQuerySchema } from '../../audit/audit-routes';
import { TemplateCreateSchema, TemplateUpdateSchema } from '../../templates/template-schemas';
import { errors, jsonBody, ok, pageOf, pathParam, queryParams, ref, roles, type Paths } from './builder';

const templateId = pathParam('id', 'Template id');
const VARIABLES = 'Bodies may use only {name}, {case_number} and {domain}; anything else in braces is refused with 422.';

export const templateAuditPaths: Paths = {
  '/api/templates': {
    get: { summary: 'Reply templates', tags: ['templates'], ...roles('agent', 'supervisor', 'admin'), responses: { ...ok('Templates', { type: 'object', properties: { items: { type: 'array', items: ref('Template') } } }), ...errors() } },
    post: {
      summary: 'Create a template (Arabic and/or English)',
      tags: ['templates'],
      'x-roles': ['supervisor', 'admin'],
      description: `${VARIABLES} Roles: supervisor, admin.`,
      requestBody: jsonBody(TemplateCreateSchema),
      responses: { ...ok('Created', ref('Template'), '201'), ...errors(400, 403, 409, 422) },
    },
  },
  '/api/templates/{id}': {
    get: { summary: 'One template', tags: ['templates'], ...roles('agent', 'supervisor', 'admin'), parameters: [templateId], responses: { ...ok('Template', ref('Template')), ...errors(404) } },
    patch: {
      summary: 'Edit a template',
      tags: ['templates'],
      'x-roles': ['supervisor', 'admin'],
      description: `${VARIABLES} Roles: supervisor, admin.`,
      parameters: [templateId],
      requestBody: jsonBody(TemplateUpdateSchema),
      responses: { ...ok('Updated', ref('Template')), ...errors(400, 403, 404, 422) },
    },
    delete: { summary: 'Delete a template (not one automatic replies use: 409 template_in_use)', tags: ['templates'], ...roles('supervisor', 'admin'), parameters: [templateId], responses: { '204': { description: 'Deleted' }, ...errors(403, 404, 409) } },
  },
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
