/** How the content manager's form values become the body and query of its writes (pure: no React). */

export type Values = Record<string, unknown>;

/**
 * The body the content manager sends from form values (its `transformData`): a relation or media
 * value the form holds as `{ apiData }` is sent as that data.
 */
export const transformData = (data: unknown): unknown => {
  if (Array.isArray(data)) return data.map(transformData);
  if (typeof data === 'object' && data !== null) {
    if ('apiData' in data) return (data as { apiData: unknown }).apiData;
    return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, transformData(value)]));
  }
  return data;
};

/** The query the content manager sends with its writes (its `buildValidParams`): plugin options flattened in. */
export const paramsOf = (query: Values | undefined): Values => {
  const { plugins, ...rest } = query ?? {};
  const flattened = Object.values((plugins ?? {}) as Record<string, unknown>).reduce<Values>(
    (acc, value) => (typeof value === 'object' && value !== null ? { ...acc, ...(value as Values) } : acc),
    {}
  );
  return { ...rest, ...flattened };
};

/** The fields whose form value differs from the one the form was opened with. */
export const changedFields = (values: Values, initial: Values) =>
  Object.keys(values).filter((key) => JSON.stringify(transformData(values[key])) !== JSON.stringify(transformData(initial[key])));
