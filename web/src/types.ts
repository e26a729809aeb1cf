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
  nrm: NrmVocabularies;
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

// ---- The National Referral Mechanism (/api/v1/referrals, /api/v1/cases/...) ----

/** A vocabulary term: a stable id and its English label (translated by id in the UI). */
export interface Term {
  id: string;
  label: string;
  /** A deployment's own labels in other languages (its checklist of indicators); they come first. */
  labels?: Record<string, string>;
}

export interface NrmVocabularies {
  exploitation_types: Term[];
  means_of_control: Term[];
  indicators: Term[];
  immediate_needs: Term[];
  genders: Term[];
  age_bands: Term[];
  decision_kinds: Term[];
  decision_outcomes: Term[];
  review_requesters: Term[];
  closure_reasons: Term[];
  service_types: Term[];
  /** The case fields a service may be given, and the services that need each. */
  shareable_fields: ShareableField[];
  trafficking_statuses: Term[];
  case_statuses: Term[];
  legal_step_kinds: Term[];
  legal_step_outcomes: Term[];
  return_risks: Term[];
  child_situations: Term[];
}

/** The NRM vocabularies that are lists of terms (labelled as nrm.<vocabulary>.<id>). */
export type NrmVocabularyName = {
  [K in keyof NrmVocabularies]: NrmVocabularies[K] extends Term[] ? K : never;
}[keyof NrmVocabularies];

/**
 * A field of a case that may be shared with a service provider. An adult's consent covers
 * sharing with a service the fields that service type needs (`needed_by`); anything more needs
 * a lawful ground recorded by a decision maker. Identity fields are never in an anonymous
 * notification.
 */
export interface ShareableField {
  id: string;
  identity: boolean;
  /** Service types that need this field. */
  needed_by: string[];
}

export interface NewReferral {
  /** Identity fields only with consent, or for a child. */
  person: {
    given_name?: string;
    family_name?: string;
    date_of_birth?: string;
    sex?: string;
    citizenship?: string;
  };
  consent: { given: boolean; explained_by?: string; language?: string };
  is_child: boolean;
  /** Only for a child: unaccompanied, separated or accompanied; left out when not known. */
  child_situation?: string;
  exploitation_types: string[];
  country_of_exploitation?: string;
  indicators: string[];
  needs: string[];
  /** YYYY-MM-DD: for a referral recorded after the day it was made; the server's today when absent. */
  referred_on?: string;
}

export type ReferralKind = 'identified' | 'anonymous_notification';

export interface ReferralCreated {
  case_id: number;
  kind: ReferralKind;
}

/** A row of GET /api/v1/cases; kind and the rest only for the competent authority's staff. */
export interface CaseSummary {
  case_id: number;
  status: string;
  referred_on: string;
  kind?: ReferralKind;
  is_child?: boolean;
  /** unaccompanied, separated or accompanied; null when not known or not a child. */
  child_situation?: string | null;
  exploitation_types?: string[];
  /** No case worker is assigned yet. */
  in_intake?: boolean;
  /** Most urgent first. */
  deadlines?: Deadline[];
}

export type DeadlineStatus = 'overdue' | 'due_today' | 'due_soon' | 'upcoming' | 'met';

export interface Deadline {
  what: string;
  due: string;
  status: DeadlineStatus;
}

export interface ReflectionPeriod {
  start: string;
  minimum_end: string;
  end: string;
  extensions: { days: number; reason?: string }[];
}

export interface CaseDecision {
  index: number;
  kind: string;
  outcome: string;
  decided_on: string;
  user_id: number;
  organisation_id: number;
  guardian_cosigned_by?: number | null;
  /** For a review: the index of the decision it reviews. */
  reviews?: number;
}

export interface ReviewRequest {
  decision: number;
  requester: string;
  requested_on: string;
  answered: boolean;
}

export interface CaseClosure {
  reason: string;
  closed_on: string;
  reopened_on?: string | null;
}

export interface TimelineEntry {
  /** Unix seconds. */
  at: number;
  kind: string;
  user_id: number;
  /** The organisation the user acted for. */
  organisation_id?: number;
  detail?: Record<string, unknown>;
  note?: string;
}

/**
 * A case as GET /api/v1/cases/{id} shows it. The referring organisation sees the first three
 * fields only; the competent authority's staff see the rest. The fields of the case's life
 * (decisions, deadlines, timeline, ...) are optional: a server that does not send them yet
 * still shows the referral.
 */
export interface CaseRecord {
  case_id: number;
  status: string;
  referred_on: string;
  kind?: ReferralKind;
  referring_organisation_id?: number;
  is_child?: boolean;
  /** unaccompanied, separated or accompanied; null when not known or not a child. */
  child_situation?: string | null;
  sex?: string;
  citizenship?: string;
  age_band?: string;
  country_of_exploitation?: string;
  exploitation_types?: string[];
  indicators?: string[];
  needs?: string[];
  consent?: { explained_by: string; language: string };
  has_identity?: boolean;
  /** The identity was erased after the retention period that follows closure. */
  identity_erased?: boolean;
  possible_duplicates?: number;
  version?: number;
  trafficking_status?: string;
  reflection?: ReflectionPeriod | null;
  guardian?: { user_id: number; appointed_on: string } | null;
  /** The latest age assessment's answer, or null before one is made. */
  age_assessed_child?: boolean | null;
  best_interests_assessed_on?: string | null;
  /** A fact on record; no rule and no assistance depends on it. */
  cooperates_with_police?: boolean;
  decisions?: CaseDecision[];
  review_requests?: ReviewRequest[];
  closures?: CaseClosure[];
  deadlines?: Deadline[];
  timeline?: TimelineEntry[];
  assigned_case_worker?: number | null;
  assigned_decision_maker?: number | null;
  /** The assistance plan. */
  services?: CaseService[];
  /** Steps towards legal status or a remedy, in the order recorded. */
  legal_steps?: LegalStep[];
  return?: ReturnPlan | null;
  follow_ups?: FollowUp[];
  /** A follow-up contact found the person trafficked again. */
  re_trafficked?: boolean;
  tasks?: CaseTask[];
}

/** A step towards legal status or a remedy: documents, permits, asylum, compensation, ... */
export interface LegalStep {
  kind: string;
  outcome: string;
  on: string;
  /** Compensation, in minor currency units. */
  amount?: number;
  /** Asylum: what the non-refoulement check found. */
  refoulement_risk?: boolean;
}

export interface ReturnPlan {
  country: string;
  risk: string;
  receiving_organisation: string;
  on: string;
}

export interface FollowUp {
  on: string;
  reached: boolean;
  re_trafficked: boolean;
}

/** Something someone of the competent authority is to do on a case, by a date. */
export interface CaseTask {
  task_id: number;
  case_id: number;
  owner_id: number;
  due_on: string;
  title: string;
  created_by: number;
  done: boolean;
  status: DeadlineStatus;
}

/** A shelter's places: declared by its provider, occupied by accepted shelter services of open cases. */
export interface Shelter {
  organisation_id: number;
  name: string;
  places: number;
  occupied: number;
  free: number;
}

export type ServiceStatus = 'referred' | 'accepted' | 'declined' | 'delivered' | 'withdrawn';

/** A service of a case's assistance plan, as the competent authority sees it. */
export interface CaseService {
  service_id: number;
  type: string;
  provider_org: number;
  /** Exactly the fields the provider sees while the service is open. */
  shared_fields: string[];
  lawful_ground_recorded: boolean;
  status: ServiceStatus;
}

export interface NewService {
  type: string;
  provider_org: number;
  shared_fields: string[];
  /** Required when the sharing goes beyond what consent covers; only a decision maker's counts. */
  lawful_ground?: string;
}

/** A service referred to the signed-in provider's organisation (GET /api/v1/services). */
export interface ProviderService {
  service_id: number;
  case_id: number;
  type: string;
  status: ServiceStatus;
  shared_fields: string[];
}

/** One service with the values shared for it: null once the service is no longer open. */
export interface ProviderServiceDetail extends ProviderService {
  shared: Record<string, unknown> | null;
}

/** Names for the ids a case carries (GET /api/v1/nrm/directory). */
export interface DirectoryPerson {
  user_id: number;
  display_name: string;
  organisation_id: number;
  roles: string[];
}

export interface Directory {
  people: DirectoryPerson[];
  organisations: Organisation[];
}

export interface CaseIdentity {
  given_name: string;
  family_name: string;
  date_of_birth: string;
}

/** A case on the signed-in user's desk (GET /api/v1/me/cases). */
export interface MyCase {
  case_id: number;
  status: string;
  referred_on: string;
  is_child: boolean;
  child_situation: string | null;
  deadlines: Deadline[];
}

/** A published figure of a statistics table: the value, or null when suppressed. */
export interface StatsCell {
  value: number | null;
  suppressed: boolean;
  reason?: 'below_threshold' | 'protects_other_cells';
  /** How a suppressed cell is printed: "<5" or "x". */
  shown?: string;
}

/** A two-way table of NRM cases with disclosure control (GET /api/v1/stats/table). */
export interface StatsTable {
  rows_dimension: string;
  cols_dimension: string;
  rows: string[];
  cols: string[];
  cells: StatsCell[][];
  row_totals: StatsCell[];
  col_totals: StatsCell[];
  total: StatsCell;
  threshold: number;
  multi_valued: string | null;
  period: { from: string | null; to: string | null };
  suppression: { below_threshold: number; protects_other_cells: number; note: string };
}

export interface StatsDimension {
  id: string;
  multi_valued: boolean;
}

/** A count as published in the process figures. */
export interface StatsCount {
  value: number | null;
  suppressed: boolean;
}

export interface StatsDurations {
  decisions: StatsCount;
  median_days: number | null;
  p90_days: number | null;
}

/** Process figures of the NRM (GET /api/v1/stats/process). */
export interface StatsProcess {
  cases: StatsCount;
  reviews: StatsCount;
  decisions: {
    reasonable_grounds: StatsDurations & { within_deadline_share: number | null; deadline_working_days: number };
    conclusive: StatsDurations;
    reflection_period: { periods: StatsCount; median_days: number | null; p90_days: number | null };
  };
  backlog: Record<'reasonable_grounds' | 'conclusive', (StatsCount & { days: string })[]>;
  permits: { applied: StatsCount; granted: StatsCount };
  compensation: { claims: StatsCount; claimed_amount: number | null; awards: StatsCount; awarded_amount: number | null };
  returns: { returned: StatsCount; followed_up: StatsCount; re_trafficked: StatsCount };
  shelters: { shelters: number; places: number; occupied: StatsCount };
  threshold: number;
}

// ---- The hotline ----

export type HotlineKind = 'report' | 'advice';

export interface HotlinePublic {
  phones: string[];
  hours: string;
  quick_exit_url: string;
  kinds: HotlineKind[];
  children_involved: string[];
  exploitation_types: { id: string; label: string }[];
}

export interface PublicReport {
  kind: HotlineKind;
  language?: string;
  what: string;
  where?: string;
  when?: string;
  people_count?: number;
  children_involved?: string;
  exploitation_types?: string[];
  contact?: string;
  website?: string;
  pow?: PowAnswer;
}

export interface PowChallenge {
  challenge: string;
  difficulty: number;
  expires_at: number;
  required: boolean;
}

export interface PowAnswer {
  challenge: string;
  solution: string;
}

export interface ReportCreated {
  code: string;
  passphrase: string;
}

export interface HotlineMessage {
  id?: number;
  author: 'reporter' | 'operator';
  at: number;
  body: string;
}

export interface HotlineAttachment {
  id: number;
  content_type: string;
  size: number;
  added_at: number;
}

export interface ReportThread {
  attachments: HotlineAttachment[];
  code: string;
  kind: HotlineKind;
  status: string;
  received_at: number;
  what: string;
  messages: HotlineMessage[];
}

export interface HotlineContactSummary {
  id: number;
  kind: HotlineKind;
  channel: string;
  language: string;
  caller_type: string;
  received_at: number;
  urgent: boolean;
  status: string;
  outcome: string;
  awaiting_reply: boolean;
  children_involved: string;
  exploitation_types: string[];
  region: string;
  case_id: number | null;
}

export interface HotlineContact extends HotlineContactSummary {
  people_count: number | null;
  what: string;
  where: string;
  when: string;
  contact: string;
  notes: string;
  indicators: string[];
  has_follow_up_code: boolean;
  linked: number[];
  attachments: HotlineAttachment[];
  urgent_instruction?: string;
  messages: HotlineMessage[];
}

export interface HotlineSettings {
  urgent_instruction: string;
  police_organisations: { id: number; name: string }[];
  channels: string[];
  caller_types: string[];
  statuses: string[];
  outcomes: string[];
  tip_fields: string[];
}

// ---- Monitoring: the national action plan and questionnaire rounds ----

export type ProgressStatus = 'not_started' | 'in_progress' | 'completed' | 'delayed' | 'discontinued';

export interface ActionPlan {
  id: number;
  title: string;
  period_start: string;
  period_end: string;
  previous_plan_id: number | null;
  superseded: boolean;
  measures?: PlanMeasure[];
}

export interface ProgressReport {
  id: number;
  indicator_id: number;
  due_on: string;
  status: ProgressStatus;
  value: number | null;
  note: string;
  evidence: string[];
}

export interface ScheduledReport {
  due_on: string;
  urgency: 'filed' | 'overdue' | 'due_soon' | 'later';
  report: ProgressReport | null;
}

export interface PlanIndicator {
  id: number;
  measure_id: number;
  name: string;
  unit: string;
  target: number | null;
  target_text: string;
  frequency: string;
  status: ProgressStatus;
  schedule: ScheduledReport[];
}

export interface PlanMeasure {
  id: number;
  title: string;
  bodies: string[];
  partners: string[];
  budget: number | null;
  currency: string;
  start_on: string;
  due_on: string;
  provisions: string[];
  status: ProgressStatus;
  indicators: PlanIndicator[];
}

export interface NewMeasure {
  title: string;
  bodies: string[];
  partners: string[];
  budget?: number;
  currency?: string;
  start_on: string;
  due_on: string;
  provisions: string[];
}

export interface CoverageCount {
  key: string;
  total: number;
  covered: number;
  share: number;
}

export interface GroupProgress {
  key: string;
  measures: number;
  by_status: Record<ProgressStatus, number>;
  completed_share: number;
}

export interface PlanCoverage {
  total: number;
  covered: number;
  share: number;
  by_pillar: CoverageCount[];
  by_keyword: CoverageCount[];
  uncovered: { id: string; pillar: string; number: string }[];
  progress_by_pillar: GroupProgress[];
  progress_by_body: GroupProgress[];
}

export interface OverdueEntry {
  indicator_id: number;
  indicator: string;
  measure_id: number;
  measure: string;
  bodies: string[];
  due_on: string;
}

export interface PlanOverdue {
  overdue_reports: OverdueEntry[];
  due_soon: OverdueEntry[];
  overdue_measures: { id: number; title: string; due_on: string; status: ProgressStatus; bodies: string[] }[];
}

export type QuestionType = 'yes_no' | 'number' | 'choice' | 'text' | 'evidence';

export interface QuestionnaireItem {
  id: number;
  code: string;
  version: number;
  current: boolean;
  prompt: string;
  type: QuestionType;
  provision_id: string;
  pillar: string;
  unit: string;
  year: number | null;
  minimum: number | null;
  maximum: number | null;
  choices: { code: string; label: string }[];
  shown_if: { item: string; answers: string[] } | null;
}

export interface QuestionnaireRound {
  id: number;
  title: string;
  status: 'draft' | 'open' | 'closed';
  include_partners: boolean;
  items?: QuestionnaireItem[];
  respondents?: number;
  submitted?: number;
}

export interface Respondent {
  code: string;
  name: string;
  kind: string;
  organisation_id: number | null;
}

export interface GivenAnswer {
  item_id: number;
  code: string;
  item_current: boolean;
  value: string | number | string[] | null;
  evidence: string[];
  version: number;
}

export interface QuestionnaireResponse {
  code: string;
  name: string;
  status: 'draft' | 'submitted';
  answers: GivenAnswer[];
}

export interface AnswerToSave {
  item_id: number;
  value: string | number | string[];
  version?: number;
}

export interface AnswerCount {
  answer: string;
  count: number;
  share: number;
}

export interface ItemAnalysis {
  item_id: number;
  code: string;
  version: number;
  current: boolean;
  prompt: string;
  type: QuestionType;
  pillar: string;
  provision_id: string;
  responding: number;
  asked: number;
  answered: number;
  denominator: number;
  counts: AnswerCount[];
  sum: number | null;
  mean: number | null;
  texts: { code: string; name: string; text: string }[];
}

export interface RoundAnalysis {
  invited: number;
  responding: number;
  items: ItemAnalysis[];
  pillars: { pillar: string; items: number; respondents: number; denominator: number; counts: AnswerCount[] }[];
}

/** A respondent of one round, with the moment it submitted (GET .../{id}/respondents). */
export interface RoundRespondent {
  code: string;
  name: string;
  kind: string;
  submitted_at: string | null;
}

/** Two items of a round cross-tabulated over the States that answered both. */
export interface RoundCrosstab {
  rows_item: string;
  columns_item: string;
  rows: string[];
  columns: string[];
  counts: number[][];
  denominator: number;
  responding: number;
}

/** Every round that asked about a provision, oldest first (GET /questionnaires/comparison). */
export interface ProvisionComparison {
  provision: string;
  rounds: { round: QuestionnaireRound; responding: number; items: ItemAnalysis[] }[];
}
