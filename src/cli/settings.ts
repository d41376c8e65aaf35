// Where each setting comes from: flags > CLUSTER_TOP_* environment > the peer's service.json (and
// the daemon's own CLUSTER_* variables) > defaults. `SettingLayers` answers "what was given for
// this option, and by whom" for the first two layers; the command builder (args.ts) adds the
// peer's configuration and the defaults, and records the source of every resolved setting.

import type { PeerObservations } from '../model/service-observations.js';
import type { RestApiConfig } from '../model/service-restapi.js';
import { ENV_OPTIONS, type OptionName } from './options.js';

/** The layer a setting came from. */
export type Layer = 'flag' | 'env' | 'peer' | 'default';

/** A raw option value and who gave it: `--interval` or `CLUSTER_TOP_INTERVAL`. */
export interface Given<T> {
  readonly value: T;
  readonly layer: 'flag' | 'env';
  /** The flag (with dashes) or the variable name, used in messages and by `config`. */
  readonly label: string;
}

/** Everything the command builder needs besides argv. */
export interface SettingsContext {
  /** The environment (CLUSTER_TOP_*, the credential variables, the daemon's CLUSTER_*). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The peer's observations settings, or null when no configuration is used. */
  readonly peer: PeerObservations | null;
  /** The peer's REST API as its configuration states it; null (or absent) when no service.json was read and the daemon's variable is unset. */
  readonly restApi?: RestApiConfig | null;
}

/** A context with no environment and no peer configuration: flags and defaults only. */
export const FLAGS_ONLY: SettingsContext = { env: {}, peer: null };

/** Where each resolved setting came from, by setting name (`metrics`, `interval`, …). */
export type Origins = Readonly<Record<string, string>>;

type Flags = Readonly<Record<string, string | boolean | readonly string[] | undefined>>;

/** Thrown for a bad value; the message names the flag or variable. */
export class SettingError extends Error {}

/** The flag and environment layers of one command line. */
export class SettingLayers {
  constructor(
    private readonly flags: Flags,
    private readonly env: SettingsContext['env'],
  ) {}

  /** A string option: its flag (the last when repeated), else its CLUSTER_TOP_* variable (empty counts as unset). */
  string(name: OptionName): Given<string> | undefined {
    return this.strings(name).at(-1);
  }

  /** A repeatable string option: every value of its flag, else its CLUSTER_TOP_* variable as one value. */
  strings(name: OptionName): Given<string>[] {
    const flag = this.flags[name];
    if (typeof flag === 'string') return [{ value: flag, layer: 'flag', label: `--${name}` }];
    if (Array.isArray(flag) && flag.length > 0) return flag.map((value: string) => ({ value, layer: 'flag' as const, label: `--${name}` }));
    const variable = ENV_OPTIONS[name];
    const value = variable === undefined ? undefined : this.env[variable];
    if (variable === undefined || value === undefined || value === '') return [];
    return [{ value, layer: 'env', label: variable }];
  }

  /** A boolean option: the flag when given, else its variable (1/0, true/false, yes/no, on/off). */
  boolean(name: OptionName): Given<boolean> | undefined {
    if (this.flags[name] === true) return { value: true, layer: 'flag', label: `--${name}` };
    const variable = ENV_OPTIONS[name];
    const raw = variable === undefined ? undefined : this.env[variable];
    if (variable === undefined || raw === undefined || raw === '') return undefined;
    const value = envBoolean(raw);
    if (value === null) throw new SettingError(`${variable} must be 1 or 0 (true/false, yes/no, on/off), not ${JSON.stringify(raw.slice(0, 40))}`);
    return { value, layer: 'env', label: variable };
  }

  /** A flag only (the options that make no sense in the environment); the last value of a repeated one. */
  flag(name: OptionName): string | boolean | undefined {
    const value = this.flags[name];
    return Array.isArray(value) ? value.at(-1) : (value as string | boolean | undefined);
  }

  /** The flags that take one value, as given (for the credential chooser). */
  get singleFlags(): Readonly<Record<string, string | boolean | undefined>> {
    return Object.fromEntries(Object.entries(this.flags).filter((entry): entry is [string, string | boolean | undefined] => !Array.isArray(entry[1])));
  }
}

function envBoolean(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(t)) return true;
  if (['0', 'false', 'no', 'off'].includes(t)) return false;
  return null;
}

/** The source label of a resolved value: its Given's label, else `default`. */
export function originOf(given: { readonly label: string } | undefined, fallback = 'default'): string {
  return given?.label ?? fallback;
}
