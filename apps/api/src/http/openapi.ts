import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiQuery } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

const jsonSchema = (schema: z.ZodType): SchemaObject => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
};

/** Documents a zod-validated body in OpenAPI, from the same schema that validates it. */
export const ApiZodBody = (schema: z.ZodType): MethodDecorator => applyDecorators(ApiBody({ schema: jsonSchema(schema) }));

export const ApiZodQuery = (schema: z.ZodObject): MethodDecorator =>
  applyDecorators(
    ...Object.entries(schema.shape).map(([name, field]) =>
      ApiQuery({ name, required: !(field as z.ZodType).safeParse(undefined).success, schema: jsonSchema(field as z.ZodType) }),
    ),
  );

export const Authenticated = (): ClassDecorator & MethodDecorator => ApiBearerAuth();
