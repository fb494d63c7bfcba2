import { profileNamed } from '../../machines/sessionLogon.js';
import type { CredentialCheck, ProfileDef, ServiceRecord } from '../../machines/types.js';
import type { Profile } from '../schema/profiles.js';
import { plainCopy } from './plainCopy.js';

/** The key under which a provider's session count and outcomes are kept. */
export function providerKey(profile: string, service: string, provider: string): string {
  return JSON.stringify([profile, service, provider]);
}

/**
 * The profiles as MAPI stores them. It keeps what the machines must not see (credentials,
 * session limits) and remembers configuration that dialogs complete (B-R3, C-R1).
 */
export class ProfileStore {
  private readonly profiles: Profile[];
  private readonly defs: ProfileDef[];

  constructor(profiles: readonly Profile[]) {
    this.profiles = structuredClone(profiles as Profile[]);
    this.defs = this.profiles.map((p) => ({
      name: p.name,
      services: p.services.map((s) => ({
        name: s.name,
        providers: s.providers.map((x) => ({
          name: x.name,
          kind: x.kind,
          configured: x.configured,
          storesConfig: x.storesConfig,
          identity: x.identity ?? null,
          primaryIdentity: x.primaryIdentity,
        })),
      })),
    }));
  }

  get defaultProfile(): string | null {
    return this.profiles.find((p) => p.default)?.name ?? null;
  }

  /** A11: the profile's stored credentials are the "supplied credentials" (V-R4); A-R2: any case. */
  checkCredentials(name: string | null): CredentialCheck {
    const profile = profileNamed(this.profiles, name);
    if (!profile) return 'noProfile';
    return profile.credentials === 'valid' ? 'valid' : 'invalid';
  }

  sessionLimit(profile: string, service: string, provider: string): number | null {
    const p = profileNamed(this.profiles, profile);
    const pr = p?.services.find((s) => s.name === service)?.providers.find((x) => x.name === provider);
    return pr?.sessionLimit ?? null;
  }

  /** What the machines see: names, kinds, configuration and identity, nothing secret. */
  definitions(): ProfileDef[] {
    return this.defs;
  }

  definition(name: string): ProfileDef | undefined {
    return profileNamed(this.defs, name);
  }

  /** B-R3, C-R1: configuration completed by a dialog stays in the profile for later sessions. */
  keepConfiguration(profile: string, services: readonly ServiceRecord[]): void {
    const p = profileNamed(this.profiles, profile);
    const def = profileNamed(this.defs, profile);
    if (!p || !def) return;
    for (const record of services) {
      const i = p.services.findIndex((s) => s.name === record.name);
      if (i < 0) continue;
      for (const pr of record.providers) {
        if (!pr.configured) continue;
        const j = p.services[i]!.providers.findIndex((x) => x.name === pr.name);
        if (j < 0 || p.services[i]!.providers[j]!.configured) continue;
        p.services[i]!.providers[j]!.configured = true;
        // The machines' view changes by copy: a running logon keeps the profile it was given.
        def.services = def.services.map((s, si) =>
          si !== i ? s : { name: s.name, providers: s.providers.map((x, xj) => (xj === j ? { ...x, configured: true } : x)) },
        );
      }
    }
  }

  /** What dialogs changed (B-R3), as data: SessionTable.save's partner for the profiles. */
  save(): { configured: boolean[][][]; services: Array<ProfileDef['services']> } {
    return {
      configured: this.profiles.map((p) => p.services.map((s) => s.providers.map((x) => x.configured))),
      // Replaced, never changed in place (keepConfiguration): the arrays can be kept as they are.
      services: this.defs.map((d) => d.services),
    };
  }

  restore(saved: ReturnType<ProfileStore['save']>): void {
    this.profiles.forEach((p, i) => p.services.forEach((s, j) => s.providers.forEach((x, k) => (x.configured = saved.configured[i]![j]![k]!))));
    this.defs.forEach((d, i) => (d.services = saved.services[i]!));
  }

  snapshot(): Profile[] {
    return plainCopy(this.profiles);
  }
}
