import { ValueTransformer } from 'typeorm';

/** pg returns NUMERIC as strings to avoid float loss; budgets in 万元 fit a double comfortably. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null || value === undefined ? null : Number(value)),
};
