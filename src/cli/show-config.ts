// `cluster-top config`: gathers what the report needs — the service.json as read, the CA bundle
// and credentials (read to report their problems, never shown), and the fleet's targets — and
// prints it as text or JSON (config-command.ts formats it).

import { formatConfigJson, formatConfigText } from './config-command.js';
import { openEndpointAccess, readCaBundle, readClientCert } from './endpoint-access.js';
import { readProxyEnvironment } from '../sources/proxy-env.js';
import { loadHeaderFile } from './prometheus-access.js';
import { fleetTargets, TargetsError } from './fleet.js';
import type { Output } from './output.js';
import type { PeerConfigLoad } from './peer-config.js';
import type { LabelledTarget } from './targets.js';
import type { MonitorOptions } from './args.js';
import type { CredentialSpec, CredentialTarget } from '../sources/credentials.js';

/** `cluster-top config`: reads the credentials (to report problems) but never shows them. */
export async function showConfig(o: Output, options: MonitorOptions, json: boolean, loaded: PeerConfigLoad): Promise<number> {
  const problems = [...loaded.problems];
  const ca = await readCaBundle(options.tls, options.tls.caFrom);
  if (ca !== null && 'error' in ca) problems.push(ca.error);
  const specs: [CredentialTarget, CredentialSpec | null][] = [['metrics', options.metricsAuth], ['jaeger', options.traces?.auth ?? null], ['api', options.api?.auth ?? null], ['prometheus', options.prometheus?.auth ?? null]];
  for (const [target, spec] of specs) {
    const access = await openEndpointAccess(target, spec, options.tls, null, process.env);
    if ('error' in access) problems.push(access.error);
    else problems.push(...access.warnings);
  }
  if (options.prometheus?.headerFile != null) {
    const file = await loadHeaderFile(options.prometheus.headerFile);
    if ('error' in file) problems.push(file.error);
    else if (file.warning !== null) problems.push(file.warning);
  }
  const cert = await readClientCert(options.tls);
  if (cert !== null && 'error' in cert) problems.push(cert.error);
  else if (cert?.warning != null) problems.push(cert.warning);
  const proxy = readProxyEnvironment(process.env);
  for (const choice of [proxy.https, proxy.http]) if (choice !== null && 'error' in choice) problems.push(choice.error);
  let targets: LabelledTarget[] | null = null;
  try {
    targets = await fleetTargets(options);
  } catch (error) {
    if (!(error instanceof TargetsError)) throw error;
    problems.push(error.message);
  }
  const observations = loaded.observations;
  const report = { options, file: loaded.read, peerStats: observations?.enableStats ?? null, peerTracing: observations?.enableTracing ?? null, targets, problems, proxy };
  if (json) o.outJson(formatConfigJson(report) + '\n');
  else o.out(formatConfigText(report));
  return 0;
}
