/** OpenAPI paths for reply templates, with the Template record. */
import { errors, jsonBody, ok, pathParam, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { TemplateCreateSchema, TemplateUpdateSchema } from './template-schemas';

const templateId = pathParam('id', 'Template id');
const VARIABLES =
  'Bodies may use only {name}, {case_number} and {domain}; anything else in braces is refused with 422 unknown_template_variable, and a brace that opens or closes no placeholder (e.g. "{case_number" without "}") with 422 template_brace_unbalanced, whose details name the field (bodies.ar) and the position (characters from 1). The system templates (case_ack, case_<status>) must keep {case_number} in every body (422 template_case_number_required, details.fields). PATCH bodies: a language given replaces that language, null or "" removes it, a language left out is kept.';

const paths: Paths = {
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
};

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const SCHEMAS: Record<string, JsonSchema> = {
  Template: {
    type: 'object',
    required: ['id', 'key', 'name', 'bodies', 'createdAt', 'updatedAt', 'updatedBy'],
    properties: {
      id: str,
      key: str,
      name: str,
      bodies: { type: 'object', properties: { ar: str, en: str } },
      createdAt: time,
      updatedAt: time,
      updatedBy: str,
    },
  },
};

export const templateOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
