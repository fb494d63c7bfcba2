import type { ProfileDef } from '../../machines/types.js';
import type { Profile } from '../schema/profiles.js';
import type { CredentialCheck, ServiceRecord } from '../../machines/types.js';

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

  constructor(profiles: readonly Profile[]) {
    this.profiles = structuredClone(profiles as Profile[]);
  }

  get defaultProfile(): string | null {
    return this.profiles.find((p) => p.default)?.name ?? null;
  }

  has(name: string | null): boolean {
    return name !== null && this.profiles.some((p) => p.name === name);
  }

  /** A11: the profile's stored credentials are the "supplied credentials" (V-R4). */
  checkCredentials(name: string | null): CredentialCheck {
    const profile = this.profiles.find((p) => p.name === name);
    if (!profile) return 'noProfile';
    return profile.credentials === 'valid' ? 'valid' : 'invalid';
  }

  sessionLimit(profile: string, service: string, provider: string): number | null {
    const p = this.profiles.find((x) => x.name === profile);
    const pr = p?.services.find((s) => s.name === service)?.providers.find((x) => x.name === provider);
    return pr?.sessionLimit ?? null;
  }

  /** What the machines see: names, kinds and configuration, nothing secret. */
  definitions(): ProfileDef[] {
    return this.profiles.map((p) => ({
      name: p.name,
      services: p.services.map((s) => ({
        name: s.name,
        providers: s.providers.map(({ name, kind, configured, storesConfig }) => ({ name, kind, configured, storesConfig })),
      })),
    }));
  }

  /** B-R3, C-R1: configuration completed by a dialog stays in the profile for later sessions. */
  keepConfiguration(profile: string, services: readonly ServiceRecord[]): void {
    const p = this.profiles.find((x) => x.name === profile);
    if (!p) return;
    for (const record of services) {
      const service = p.services.find((s) => s.name === record.name);
      for (const pr of record.providers) {
        const stored = service?.providers.find((x) => x.name === pr.name);
        if (stored && pr.configured) stored.configured = true;
      }
    }
  }

  snapshot(): Profile[] {
    return structuredClone(this.profiles);
  }
}
