/** URL-decoded text, as the router decodes a path segment: text that is not valid URL encoding (a bare `%`) is kept as written. */
export const decodeOrKeep = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};
