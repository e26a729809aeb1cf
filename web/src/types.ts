// Shapes of the JSON documents exchanged with the Lifeline server.

export interface MeUser {
  id: number;
  username: string;
  display_name: string;
  must_change_password: boolean;
  totp_enabled: boolean;
}

export interface Organisation {
  id: number;
  name: string;
  type: string;
  created_at?: string;
}

export interface Me {
  user: MeUser;
  organisation: Organisation;
  roles: string[];
  csrf_token: string;
}

export interface UserAccount {
  id: number;
  username: string;
  display_name: string;
  organisation_id: number;
  roles: string[];
  disabled: boolean;
  totp_enabled: boolean;
  must_change_password: boolean;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface Vocabularies {
  organisation_types: string[];
  roles: string[];
}

export interface SignInResult {
  csrf_token: string;
  must_change_password: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
}

export interface RecoveryCodes {
  recovery_codes: string[];
}

export interface NewUser {
  username: string;
  display_name: string;
  organisation_id: number;
  roles: string[];
  password: string;
}

export interface UserChanges {
  roles?: string[];
  disabled?: boolean;
  display_name?: string;
}

// ---- The commitments compendium (public, /api/v1/corpus/...) ----

export interface ItemList<T> {
  items: T[];
}

export interface InterpretativeStatement {
  made_by: string;
  text: string;
}

export interface CorpusDocument {
  id: string;
  /** "commitment", "source" (earlier commitments the Action Plan quotes) or "recommendations". */
  kind: string;
  title: string;
  symbol: string;
  issued_by: string;
  /** ISO date, or only a year. */
  adopted: string;
  preamble: string;
  statements: InterpretativeStatement[];
  origin: string;
  provision_count: number;
}

export interface Provision {
  id: string;
  document: string;
  chapter: string;
  heading_path: string[];
  number: string;
  text: string;
  /** Dash items, in order. */
  items: string[];
  pillar: string;
  level: string;
  actors: string[];
  keywords: string[];
  compendium_keywords: string[];
  inferred_keywords: string[];
}

export interface Resource {
  id: string;
  publisher: string;
  title: string;
  /** As printed: "2018", "End 2019". */
  year: string;
  /** Empty when the work was forthcoming. */
  url: string;
  languages: string[];
}

/** A resource as a provision cites it: under one keyword, maybe at some pages. */
export interface CitedResource extends Resource {
  keyword: string;
  pages: string;
}

export interface ResourceSummary extends Resource {
  keywords: string[];
  provisions: string[];
}

export interface ProvisionReference {
  /** Null when the reference is to a whole document. */
  provision: string | null;
  document: string;
  quote: string;
}

export interface ProvisionCitation {
  provision: string;
  quote: string;
}

export interface ProvisionDetail extends Provision {
  resources: CitedResource[];
  links_out: string[];
  links_in: string[];
  references: ProvisionReference[];
  referenced_by: ProvisionCitation[];
}

export interface KeywordSummary {
  name: string;
  provision_count: number;
  resource_count: number;
}

export interface SearchHit {
  /** A provision id, or "resource:<id>". */
  id: string;
  kind: string;
  title: string;
  score: number;
  /** HTML-escaped text with matches in <mark>…</mark>: see snippet.ts. */
  snippet: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  total: number;
  exact: boolean;
  hits: SearchHit[];
  facets: Record<string, FacetCount[]>;
  did_you_mean: string;
}
