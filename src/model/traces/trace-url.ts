// The Jaeger UI address of a trace: `<base URL>/trace/<id>`, keeping a base path
// (`--query.base-path`) and dropping any user:password, query or fragment of the base URL so
// that no credential is ever printed or put into a hyperlink.

/** `http://host:16686/jaeger/trace/<id>` for base `http://host:16686/jaeger`; null for an unusable base. */
export function traceUrl(jaegerUrl: string, traceID: string): string | null {
  let url: URL;
  try {
    url = new URL(jaegerUrl);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const base = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${base}/trace/${encodeURIComponent(traceID)}`;
}
