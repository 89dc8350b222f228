/** The admin's backend URL (`window.strapi.backendURL`), as Strapi's admin prefixes the upload's relative URLs. */
export const fileUrl = (url: string): string => {
  const backend = (window as { strapi?: { backendURL?: string } }).strapi?.backendURL ?? '';
  return url.startsWith('/') ? `${backend}${url}` : url;
};
