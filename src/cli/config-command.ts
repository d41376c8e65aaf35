// `cluster-top config [--json]`: the settings a run with the same flags and environment would use,
// and where each came from (a flag, a CLUSTER_TOP_* variable, the peer's service.json or the
// daemon's CLUSTER_* variables, or the default). Credentials show their kind and source, never
// their value; a proxy shows its host and port, its credentials masked.

import type { ServiceConfigRead } from '../sources/service-config.js';
import type { CredentialSpec } from '../sources/credentials.js';
import type { ProxyChoice, ProxyEnvironment } from '../sources/proxy-env.js';
import { formatInterval, formatSize } from '../model/units.js';
import { escapeControl } from '../util/escape-control.js';
import type { MonitorOptions } from './args.js';
import type { LabelledTarget } from './targets.js';

/** Everything `config` reports. */
export interface ConfigReport {
  readonly options: MonitorOptions;
  /** The service.json as read, or null with --no-config. */
  readonly file: ServiceConfigRead | null;
  /** What the peer's configuration says about metrics and tracing ('on'/'off' with a source), or null. */
  readonly peerStats: { readonly value: boolean; readonly source: string } | null;
  readonly peerTracing: { readonly value: boolean; readonly source: string } | null;
  /** The fleet's targets when the settings make one (two or more, or a --targets file), else null. */
  readonly targets: readonly LabelledTarget[] | null;
  /** Problems found while reading the configuration or the credentials. */
  readonly problems: readonly string[];
  /** The proxy variables of the environment, read. */
  readonly proxy: ProxyEnvironment;
}

/** One reported setting. */
export interface ReportedSetting {
  readonly name: string;
  readonly value: string;
  readonly source: string;
}

/** The precedence line printed first. */
export const PRECEDENCE = 'flags > CLUSTER_TOP_* environment > service.json (with the peer\'s CLUSTER_* variables) > defaults';

/** The settings as rows, in the order shown. */
export function reportedSettings(report: ConfigReport): ReportedSetting[] {
  const o = report.options;
  const at = (key: string): string => o.origins[key] ?? 'default';
  const rows: ReportedSetting[] = [];
  const add = (name: string, value: string, source: string): void => void rows.push({ name, value, source });
  add('service.json', report.file === null ? 'not used' : report.file.path, fileSource(report.file));
  const targets = report.targets;
  if (targets === null) add('metrics', o.demo ? 'the embedded demo peer' : o.replay ?? o.metricsUrl, at('metrics'));
  else {
    const from = [o.metricsTargets.length > 0 ? at('metrics') : null, o.targetsFile === null ? null : `--targets ${o.targetsFile}`].filter((x) => x !== null);
    add('metrics', `a fleet of ${targets.length} peer${targets.length === 1 ? '' : 's'}`, from.join(' and '));
    // As it would be typed back: name=URL for a named peer, else the URL.
    targets.forEach((t, i) => add(`target ${i + 1}`, t.peerName === null ? t.url : `${t.peerName}=${t.url}`, i < o.metricsTargets.length ? at('metrics') : `--targets ${o.targetsFile}`));
  }
  const prom = o.prometheus;
  if (prom != null) {
    add('prometheus', withoutPassword(prom.url), at('prometheus'));
    add('selector', prom.selector ?? 'every target with ipfscluster_pins', at('selector'));
    add('peer label', prom.peerLabel, at('peerLabel'));
    // Header values may be a tenant or a key: names only.
    add('prom. headers', Object.keys(prom.headers).length === 0 ? 'none' : Object.keys(prom.headers).map((name) => `${name}: ********`).join(', '), at('prometheusHeaders'));
    add('header file', prom.headerFile === null ? 'none' : `${prom.headerFile} (values not shown)`, at('prometheusHeaderFile'));
    add('prom. auth', auth(prom.auth), at('prometheusAuth'));
  }
  add('peer stats', onOff(report.peerStats), report.peerStats?.source ?? 'unknown (no service.json)');
  add('peer tracing', onOff(report.peerTracing), report.peerTracing?.source ?? 'unknown (no service.json)');
  add('metrics auth', auth(o.metricsAuth), at('metricsAuth'));
  add('cacert', o.tls.caFile ?? 'the system CAs', at('cacert'));
  add('insecure', o.tls.insecure ? 'yes: certificates are NOT verified' : 'no', at('insecure'));
  add('client cert', o.tls.certFile ?? 'none', at('cert'));
  add('client key', o.tls.keyFile ?? 'none', at('key'));
  const p = report.proxy;
  add('https proxy', proxyShown(p.https), p.https?.variable ?? 'not set');
  add('http proxy', proxyShown(p.http), p.http?.variable ?? 'not set');
  add('no proxy', `${p.noProxy.text === '' ? 'nothing' : p.noProxy.text} (and loopback, always)`, p.noProxyVariable ?? 'not set');
  add('interval', formatInterval(o.intervalMs), at('interval'));
  add('window', formatInterval(o.windowMs), at('window'));
  add('timeout', formatInterval(o.timeoutMs), at('timeout'));
  add('quantile', String(o.quantile), at('quantile'));
  add('max body', formatSize(o.maxBodyBytes), at('maxBody'));
  add('max samples', String(o.maxSamples), at('maxSamples'));
  add('promql compat', o.variant === 'prom242' ? '2.42' : '3', at('promqlCompat'));
  const t = o.traces;
  if (t === null) add('traces', 'off', at('traces'));
  else {
    add('jaeger', t.jaegerUrl, at('jaeger'));
    add('jaeger auth', auth(t.auth), at('jaegerAuth'));
    add('service', t.service ?? `the one matching ${t.servicePrefix}-*`, at('service'));
    add('service prefix', t.servicePrefix, at('servicePrefix'));
    add('lookback', formatInterval(t.lookbackMs), at('lookback'));
    add('limit', String(t.limit), at('limit'));
    add('traces interval', formatInterval(t.refreshMs), at('tracesInterval'));
  }
  const api = o.api;
  if (api === null) add('api', 'off', at('api'));
  else {
    add('api', api.demo === true ? "the demo cluster's" : api.url, at('api'));
    add('api auth', api.auth !== null ? auth(api.auth) : api.serviceAuth !== null ? 'basic auth ********' : 'none', at('apiAuth'));
    add('api interval', formatInterval(api.intervalMs), at('apiInterval'));
    add('errors interval', formatInterval(api.errorsIntervalMs), at('errorsInterval'));
  }
  add('ascii', o.ascii === true ? 'yes' : 'automatic', at('ascii'));
  add('colour', o.color ? 'yes' : 'no', at('color'));
  return rows;
}

/** The text report: the precedence, one line per setting (value, then source), then the problems. */
export function formatConfigText(report: ConfigReport): string {
  const lines = ['cluster-top settings, and where each came from', `precedence: ${PRECEDENCE}`, ''];
  for (const row of reportedSettings(report)) {
    const value = escapeControl(row.value);
    const source = escapeControl(row.source);
    if (value.length <= 34) lines.push(`${row.name.padEnd(16)}${value.padEnd(35)}${source}`);
    else lines.push(`${row.name.padEnd(16)}${value}`, `${''.padEnd(16)}from ${source}`);
  }
  if (report.problems.length > 0) lines.push('', ...report.problems.map((p) => `problem: ${escapeControl(p)}`));
  return lines.join('\n') + '\n';
}

/** The JSON report: `{precedence, serviceJson, settings: {name: {value, source}}, problems}`. */
export function formatConfigJson(report: ConfigReport): string {
  const settings: Record<string, { value: string; source: string }> = {};
  for (const row of reportedSettings(report)) settings[row.name] = { value: row.value, source: row.source };
  const f = report.file;
  const serviceJson =
    f === null ? null : { path: f.path, origin: f.location.origin, status: f.status, ...(f.status === 'ok' ? {} : { reason: f.reason }) };
  return JSON.stringify({ precedence: PRECEDENCE, serviceJson, settings, problems: report.problems }, null, 2);
}

function fileSource(file: ServiceConfigRead | null): string {
  if (file === null) return '--no-config';
  const where = file.location.origin === 'default' ? 'the default place' : file.location.origin;
  return `${file.status === 'ok' ? 'read' : `${file.status}: ${file.reason}`} (${where})`;
}

function onOff(value: { readonly value: boolean } | null): string {
  return value === null ? 'unknown' : value.value ? 'on' : 'off';
}

/** A proxy as shown: its URL with credentials masked, or why it cannot be used. */
function proxyShown(choice: ProxyChoice | null): string {
  if (choice === null) return 'none: direct';
  return 'server' in choice ? choice.server.shown : `unusable: ${choice.error}`;
}

/** A credential as shown: its kind and a mask, never the value. */
function auth(spec: CredentialSpec | null): string {
  if (spec === null) return 'none';
  return spec.kind === 'bearer' ? 'bearer token ********' : 'basic auth ********';
}

/** A URL with any password in it masked (a user may put user:password@ in --prometheus). */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '********';
    return parsed.href;
  } catch {
    return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:********@');
  }
}
