// What a service provider may be shown of a case, computed as the server computes it, so that the
// "Refer a service" form can say before sending whether consent covers the sharing or a decision
// maker must record a lawful ground. The server decides again on every referral.
//
// An adult referred with informed consent agreed to be referred for help: that covers sharing
// with a service exactly the fields that service type needs. Anything more, or anything at all
// from a case without an adult's consent (a child, an anonymous notification), needs a lawful
// ground. Identity fields cannot be shared from an anonymous notification, which has none.
// Also the order of a provider's list of services.
// This file imports nothing, so tests can load it without a browser.

export interface ShareableFieldLike {
  id: string;
  identity: boolean;
  /** Service types that need this field. */
  needed_by: readonly string[];
}

/** What the case says about consent and identity. */
export interface SharingCase {
  kind?: string;
  is_child?: boolean;
  /** Recorded only for an adult who gave informed consent (who explained it, in which language). */
  consent?: { explained_by?: string } | null;
}

/** Why consent does not cover a sharing. */
export type UncoveredReason = 'anonymous' | 'child' | 'no-consent' | 'beyond-needs';

export interface SharingCoverage {
  covered: boolean;
  /** Set when not covered: the first reason that applies, in the order of the type above. */
  reason?: UncoveredReason;
  /** Chosen fields the service type does not need, in the order chosen. */
  beyond: string[];
}

export function hasIdentity(record: SharingCase): boolean {
  return record.kind === 'identified';
}

/** An adult, identified, whose informed consent is on record. */
export function hasAdultConsent(record: SharingCase): boolean {
  return hasIdentity(record) && record.is_child === false && (record.consent?.explained_by ?? '').trim() !== '';
}

/** The fields that can be offered for sharing: identity fields only when identity was recorded. */
export function offeredFields<F extends ShareableFieldLike>(fields: readonly F[], record: SharingCase): F[] {
  return fields.filter((field) => !field.identity || hasIdentity(record));
}

/** The fields a service type needs, among those that can be offered: what the form preselects. */
export function neededFields(fields: readonly ShareableFieldLike[], type: string, record: SharingCase): string[] {
  return offeredFields(fields, record)
    .filter((field) => field.needed_by.includes(type))
    .map((field) => field.id);
}

/** Whether sharing `chosen` with a service of `type` is covered by consent, and if not, why. */
export function sharingCoverage(
  fields: readonly ShareableFieldLike[],
  record: SharingCase,
  type: string,
  chosen: readonly string[],
): SharingCoverage {
  const needed = new Set(fields.filter((field) => field.needed_by.includes(type)).map((field) => field.id));
  const beyond = chosen.filter((id) => !needed.has(id));
  let reason: UncoveredReason | undefined;
  if (!hasIdentity(record)) reason = 'anonymous';
  else if (record.is_child !== false) reason = 'child';
  else if (!hasAdultConsent(record)) reason = 'no-consent';
  else if (beyond.length > 0) reason = 'beyond-needs';
  return reason ? { covered: false, reason, beyond } : { covered: true, beyond };
}

/** What the provider's list needs to order a service. */
export interface ServiceLike {
  service_id: number;
  status: string;
}

const PROVIDER_ORDER: Record<string, number> = { referred: 0, accepted: 1 };

/**
 * The provider's list: services awaiting its answer first, then accepted ones awaiting delivery,
 * then the closed ones; the newest first within each.
 */
export function byProviderUrgency(a: ServiceLike, b: ServiceLike): number {
  return (PROVIDER_ORDER[a.status] ?? 2) - (PROVIDER_ORDER[b.status] ?? 2) || b.service_id - a.service_id;
}
