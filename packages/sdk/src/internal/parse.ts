import type { Schema } from './lazy-schema.js';
import { ResponseSchemaError } from '../errors/response-schema-error.js';
import { messages } from './messages.js';

/**
 * Validates the inner part of an envelope (SP769 `data`, gateway `content`) once the envelope itself
 * said success. Paths in the error start at the envelope field, e.g. `['data', 'tran_code']`, or at the
 * root for an answer that has no envelope (`field` empty).
 */
export function parseInner<T>(
  schema: Schema<T>,
  value: unknown,
  context: {
    field: string;
    operation: string;
    requestId: string;
    status?: number;
  },
): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ResponseSchemaError({
    code: 'RESPONSE_SCHEMA_MISMATCH',
    message: messages.schemaDrift(context.operation),
    status: context.status,
    requestId: context.requestId,
    operation: context.operation,
    issues: parsed.error.issues.map((i) => ({
      path: context.field ? [context.field, ...i.path] : i.path,
      message: i.message,
      code: i.code,
    })),
  });
}
