/**
 * OpenAPI paths for cases, the national complaints integration and Open311 (issue 5b). Owned by
 * the cases engineer: add one entry per route here; test/api/openapi.test.ts checks every route
 * of the app is documented and every documented path exists.
 */
import type { Paths } from './builder';

export const casePaths: Paths = {};
