import { STATEMENT_KINDS, STATEMENT_STAGES, TERRITORIAL_SCOPES, countryCode, isoDate } from '@depositary/domain';
import { z } from 'zod';
import { optionalText } from './participants';

const textInOneLanguage = z.string().trim().min(1, 'must not be empty').max(20_000);

/** `POST /api/treaties/{slug}/participants/{code}/statements`. */
export const statementSchema = z
  .strictObject({
    kind: z.enum(STATEMENT_KINDS, `must be one of ${STATEMENT_KINDS.join(', ')}`),
    date: isoDate,
    text: z.union([
      textInOneLanguage,
      z
        .strictObject({ en: textInOneLanguage.optional(), fr: textInOneLanguage.optional(), ar: textInOneLanguage.optional() })
        .refine((text) => Object.keys(text).length > 0, 'give the text in at least one of en, fr, ar'),
    ]),
    at: z.enum(STATEMENT_STAGES, `must be one of ${STATEMENT_STAGES.join(', ')}`).optional(),
    objectsTo: z.int('must be the id of a statement').min(1).optional(),
    territories: z.array(z.string().trim().min(1).max(200)).min(1, 'name at least one territory').max(100).optional(),
    scope: z.enum(TERRITORIAL_SCOPES, `must be one of ${TERRITORIAL_SCOPES.join(', ')}`).optional(),
    reference: optionalText(500),
  })
  .superRefine((value, ctx) => {
    const objection = value.kind === 'objection';
    if (objection !== (value.objectsTo !== undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['objectsTo'],
        message: objection ? 'an objection names the statement it objects to' : 'objectsTo goes only with an objection',
      });
    const territorial = value.kind === 'territorial_application';
    for (const field of ['territories', 'scope'] as const)
      if (territorial !== (value[field] !== undefined))
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: territorial ? `a territorial application gives its ${field}` : `${field} goes only with a territorial application`,
        });
  });

/** `POST .../statements/{id}/confirm` and `.../withdraw`. */
export const statementDateSchema = z.strictObject({ date: isoDate });

/** `GET /api/treaties/{slug}/statements`. */
export const statementQuerySchema = z.strictObject({
  country: countryCode.optional(),
  kind: z.enum(STATEMENT_KINDS, `must be one of ${STATEMENT_KINDS.join(', ')}`).optional(),
  asOf: isoDate.optional(),
});
