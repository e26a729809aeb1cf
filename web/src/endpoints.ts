// One function per server endpoint, so pages never build URLs themselves.
import { api, request, type RequestOptions } from './api';
import type {
  ActionPlan,
  AnswerToSave,
  GivenAnswer,
  NewMeasure,
  PlanCoverage,
  PlanIndicator,
  PlanMeasure,
  PlanOverdue,
  ProgressReport,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireRound,
  Respondent,
  RoundAnalysis,
  RoundCrosstab,
  RoundRespondent,
  ProvisionComparison,
  CaseIdentity,
  CaseRecord,
  CaseTask,
  CaseSummary,
  CorpusDocument,
  Directory,
  HotlineContact,
  HotlineContactSummary,
  HotlinePublic,
  HotlineSettings,
  ItemList,
  KeywordSummary,
  Me,
  MyCase,
  NewReferral,
  NewUser,
  Organisation,
  Shelter,
  Page,
  Provision,
  ProviderService,
  ProviderServiceDetail,
  ProvisionDetail,
  RecoveryCodes,
  ReferralCreated,
  ReportCreated,
  ReportThread,
  PublicReport,
  PowChallenge,
  ResourceSummary,
  SearchResult,
  SignInResult,
  StatsDimension,
  StatsProcess,
  StatsTable,
  TotpEnrolment,
  UserAccount,
  UserChanges,
  Vocabularies,
} from './types';

const BASE = '/api/v1';

function pageQuery(limit: number, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

export function signIn(username: string, password: string, totp?: string): Promise<SignInResult> {
  const body = totp ? { username, password, totp } : { username, password };
  return api.post<SignInResult>(`${BASE}/auth/login`, body, { isSignIn: true });
}

export const signOut = (): Promise<void> => api.post<void>(`${BASE}/auth/logout`);
export const signOutEverywhere = (): Promise<void> => api.post<void>(`${BASE}/auth/logout-all`);
export const fetchMe = (options?: RequestOptions): Promise<Me> => api.get<Me>(`${BASE}/me`, options);

export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return api.post<void>(`${BASE}/me/password`, { current_password: currentPassword, new_password: newPassword });
}

export const enrolTotp = (): Promise<TotpEnrolment> => api.post<TotpEnrolment>(`${BASE}/me/totp/enrol`, {});
export const confirmTotp = (code: string): Promise<RecoveryCodes> =>
  api.post<RecoveryCodes>(`${BASE}/me/totp/confirm`, { code });
export const disableTotp = (password: string): Promise<void> =>
  api.post<void>(`${BASE}/me/totp/disable`, { password });

export const fetchVocabularies = (): Promise<Vocabularies> => api.get<Vocabularies>(`${BASE}/meta/vocabularies`);

export const listOrganisations = (limit: number, cursor: string | null): Promise<Page<Organisation>> =>
  api.get<Page<Organisation>>(`${BASE}/orgs?${pageQuery(limit, cursor)}`);
export const createOrganisation = (name: string, type: string): Promise<Organisation> =>
  api.post<Organisation>(`${BASE}/orgs`, { name, type });

export const listUsers = (limit: number, cursor: string | null): Promise<Page<UserAccount>> =>
  api.get<Page<UserAccount>>(`${BASE}/users?${pageQuery(limit, cursor)}`);
export const createUser = (user: NewUser): Promise<UserAccount> => api.post<UserAccount>(`${BASE}/users`, user);
export const updateUser = (id: number, changes: UserChanges): Promise<UserAccount> =>
  api.patch<UserAccount>(`${BASE}/users/${encodeURIComponent(String(id))}`, changes);

/** Reads every page of organisations; admin screens need the full list for names and selects. */
export async function listAllOrganisations(maxPages = 50): Promise<Organisation[]> {
  const all: Organisation[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: Page<Organisation> = await listOrganisations(100, cursor);
    all.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return all;
}

// ---- The commitments compendium: public, no session needed ----

const CORPUS = `${BASE}/corpus`;

export type CorpusList = 'documents' | 'provisions' | 'keywords' | 'resources' | 'search';
export type CorpusParams = Record<string, string | number | undefined>;

/** The URL of a compendium list; with format "csv" the server sends the whole list as a file. */
export function corpusUrl(list: CorpusList, params: CorpusParams = {}, format?: 'csv'): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') query.set(name, String(value));
  }
  if (format) query.set('format', format);
  const text = query.toString();
  return text ? `${CORPUS}/${list}?${text}` : `${CORPUS}/${list}`;
}

export interface ProvisionFilter {
  document?: string;
  chapter?: string;
  pillar?: string;
  level?: string;
  keyword?: string;
  actor?: string;
}

/** The server's largest page of provisions. */
export const PROVISION_PAGE_LIMIT = 200;

export const listCorpusDocuments = (): Promise<ItemList<CorpusDocument>> =>
  api.get<ItemList<CorpusDocument>>(corpusUrl('documents'));

export const listProvisions = (filter: ProvisionFilter, cursor: string | null, limit = PROVISION_PAGE_LIMIT): Promise<Page<Provision>> =>
  api.get<Page<Provision>>(corpusUrl('provisions', { ...filter, limit, cursor: cursor ?? undefined }));

/** Every provision matching the filter, in document order, following the cursor page by page. */
export async function listAllProvisions(filter: ProvisionFilter, maxPages = 100): Promise<Provision[]> {
  const all: Provision[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: Page<Provision> = await listProvisions(filter, cursor);
    all.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return all;
}

/** One provision; its id may contain "/" (e.g. "MC6/17.1"), so it travels encoded. */
export const fetchProvision = (id: string): Promise<ProvisionDetail> =>
  api.get<ProvisionDetail>(`${CORPUS}/provisions/${encodeURIComponent(id)}`);

export const listCorpusKeywords = (): Promise<ItemList<KeywordSummary>> =>
  api.get<ItemList<KeywordSummary>>(corpusUrl('keywords'));

export const listResources = (keyword?: string): Promise<ItemList<ResourceSummary>> =>
  api.get<ItemList<ResourceSummary>>(corpusUrl('resources', { keyword }));

export const searchCorpus = (params: CorpusParams): Promise<SearchResult> =>
  api.get<SearchResult>(corpusUrl('search', params));

// ---- The National Referral Mechanism ----

export const submitReferral = (referral: NewReferral): Promise<ReferralCreated> =>
  api.post<ReferralCreated>(`${BASE}/referrals`, referral);

export const listCases = (limit: number, cursor: string | null): Promise<Page<CaseSummary>> =>
  api.get<Page<CaseSummary>>(`${BASE}/cases?${pageQuery(limit, cursor)}`);

const casePath = (id: number): string => `${BASE}/cases/${encodeURIComponent(String(id))}`;

export const fetchCase = (id: number): Promise<CaseRecord> => api.get<CaseRecord>(casePath(id));

/** The person's identity: every call is written to the audit trail, so call it only on request. */
export const fetchCaseIdentity = (id: number): Promise<CaseIdentity> => api.get<CaseIdentity>(`${casePath(id)}/identity`);

export const listMyCases = (): Promise<ItemList<MyCase>> => api.get<ItemList<MyCase>>(`${BASE}/me/cases`);

/** Names of the authority's staff, the guardians and every organisation (case workers and decision makers). */
export const fetchDirectory = (): Promise<Directory> => api.get<Directory>(`${BASE}/nrm/directory`);

/** The changes a case accepts; each answers with the whole case as it now is. */
export type CaseAction =
  | 'decisions'
  | 'review-requests'
  | 'reflection-extensions'
  | 'guardian'
  | 'age-assessments'
  | 'best-interests-assessments'
  | 'police-cooperation'
  | 'closure'
  | 'reopening'
  | 'notes'
  | 'assignment'
  | 'services'
  | `services/${number}/withdrawal`
  | 'legal-steps'
  | 'return'
  | 'follow-ups'
  | 'tasks'
  | `tasks/${number}/done`;

/** The withdrawal of a service of the assistance plan: sharing with its provider ends. */
export const serviceWithdrawal = (serviceId: number): CaseAction => `services/${serviceId}/withdrawal`;
/** A task of the case done. Tasks are not part of the case's version: the server ignores If-Match for them. */
export const taskDone = (taskId: number): CaseAction => `tasks/${taskId}/done`;

/** The signed-in case worker's or decision maker's open tasks, the earliest due first. */
export const listMyTasks = (): Promise<ItemList<CaseTask>> => api.get<ItemList<CaseTask>>(`${BASE}/me/tasks`);

/**
 * Changes a case. `version` is the version the user saw: if the case changed since,
 * the server answers 412 and nothing is changed.
 */
export const changeCase = (id: number, action: CaseAction, body: Record<string, unknown>, version: number): Promise<CaseRecord> =>
  api.post<CaseRecord>(`${casePath(id)}/${action}`, body, { ifMatch: version });

// ---- A service provider's side of the assistance plan ----

const servicePath = (id: number): string => `${BASE}/services/${encodeURIComponent(String(id))}`;

export const listProviderServices = (limit: number, cursor: string | null): Promise<Page<ProviderService>> =>
  api.get<Page<ProviderService>>(`${BASE}/services?${pageQuery(limit, cursor)}`);

/** Every service referred to the provider's organisation, page by page. */
export async function listAllProviderServices(maxPages = 20): Promise<ProviderService[]> {
  const all: ProviderService[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result: Page<ProviderService> = await listProviderServices(100, cursor);
    all.push(...result.items);
    cursor = result.next_cursor;
    if (!cursor) break;
  }
  return all;
}

/**
 * A service with the values shared for it while it is open. When identity fields are shared,
 * the server writes this reading to the audit trail: call it once per page.
 */
export const fetchProviderService = (id: number): Promise<ProviderServiceDetail> =>
  api.get<ProviderServiceDetail>(servicePath(id));

export const answerService = (id: number, accept: boolean, note: string): Promise<ProviderService> =>
  api.post<ProviderService>(`${servicePath(id)}/answer`, note ? { accept, note } : { accept });

export const recordServiceDelivery = (id: number, note: string): Promise<ProviderService> =>
  api.post<ProviderService>(`${servicePath(id)}/delivery`, note ? { note } : {});

/** Every shelter that declared its places, with those taken and free. */
export const listShelters = (): Promise<ItemList<Shelter>> => api.get<ItemList<Shelter>>(`${BASE}/shelters`);

/** Declares the places of the signed-in provider's own shelter. */
export const setShelterPlaces = (places: number): Promise<Shelter> => api.put<Shelter>(`${BASE}/me/shelter`, { places });

export interface StatsQuery {
  rows: string;
  cols: string;
  from?: string;
  to?: string;
}

/** The table's URL; with format "csv" the server's CSV file of it. */
export function statsTableUrl(query: StatsQuery, format?: 'csv' | 'xlsx'): string {
  const params = new URLSearchParams({ rows: query.rows, cols: query.cols });
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  if (format) params.set('format', format);
  return `${BASE}/stats/table?${params.toString()}`;
}

export const fetchStatsTable = (query: StatsQuery): Promise<StatsTable> => api.get<StatsTable>(statsTableUrl(query));

export const fetchStatsDimensions = (): Promise<{ dimensions: StatsDimension[]; threshold: number }> =>
  api.get<{ dimensions: StatsDimension[]; threshold: number }>(`${BASE}/stats/dimensions`);

export function fetchStatsProcess(query: { from?: string; to?: string }): Promise<StatsProcess> {
  const params = new URLSearchParams();
  if (query.from) params.set('from', query.from);
  if (query.to) params.set('to', query.to);
  const text = params.toString();
  return api.get<StatsProcess>(text ? `${BASE}/stats/process?${text}` : `${BASE}/stats/process`);
}

// ---- The hotline ----

const PUBLIC_REPORTS = `${BASE}/public/reports`;
const passphraseHeader = (passphrase: string): RequestOptions => ({ headers: { 'X-Passphrase': passphrase }, isSessionProbe: true });
const reportPath = (code: string): string => `${PUBLIC_REPORTS}/${encodeURIComponent(code)}`;

export const fetchHotlinePublic = (): Promise<HotlinePublic> => api.get<HotlinePublic>(`${BASE}/public/hotline`);
export const fetchPowChallenge = (): Promise<PowChallenge> => api.get<PowChallenge>(`${BASE}/public/challenge`);
export const submitPublicReport = (report: PublicReport): Promise<ReportCreated> =>
  api.post<ReportCreated>(PUBLIC_REPORTS, report, { isSessionProbe: true });
export const fetchReportThread = (code: string, passphrase: string): Promise<ReportThread> =>
  api.get<ReportThread>(reportPath(code), passphraseHeader(passphrase));
export const addReportMessage = (code: string, passphrase: string, body: string): Promise<{ at: number }> =>
  api.post<{ at: number }>(`${reportPath(code)}/messages`, { body }, passphraseHeader(passphrase));

/** The file in base64; the server takes JPEG and PNG and removes their metadata. */
export const addReportAttachment = (code: string, passphrase: string, data: string): Promise<{ id: number }> =>
  api.post<{ id: number }>(`${reportPath(code)}/attachments`, { data }, passphraseHeader(passphrase));

const CONTACTS = `${BASE}/hotline/contacts`;
export const hotlineAttachmentUrl = (contactId: number, attachmentId: number): string =>
  `${CONTACTS}/${contactId}/attachments/${attachmentId}`;
export const fetchHotlineSettings = (): Promise<HotlineSettings> => api.get<HotlineSettings>(`${BASE}/hotline/settings`);
export const listHotlineContacts = (status: string, limit: number, cursor: string | null): Promise<Page<HotlineContactSummary>> =>
  api.get<Page<HotlineContactSummary>>(`${CONTACTS}?status=${encodeURIComponent(status)}&${pageQuery(limit, cursor)}`);
export const fetchHotlineContact = (id: number): Promise<HotlineContact> => api.get<HotlineContact>(`${CONTACTS}/${id}`);
export const logHotlineContact = (contact: Record<string, unknown>): Promise<{ id: number }> =>
  api.post<{ id: number }>(CONTACTS, contact);
export type HotlineAction = 'messages' | 'triage' | 'links' | 'referral' | 'tips';
export const hotlineAction = <T>(id: number, action: HotlineAction, body: Record<string, unknown>): Promise<T> =>
  api.post<T>(`${CONTACTS}/${id}/${action}`, body);

// ---- Monitoring: the national action plan and questionnaire rounds ----

const PLANS = `${BASE}/action-plans`;
const ROUNDS = `${BASE}/questionnaires`;

export const listActionPlans = (): Promise<ItemList<ActionPlan>> => api.get<ItemList<ActionPlan>>(PLANS);
export const fetchActionPlan = (id: number): Promise<ActionPlan> => api.get<ActionPlan>(`${PLANS}/${id}`);
export const createActionPlan = (title: string, periodStart: string, periodEnd: string): Promise<ActionPlan> =>
  api.post<ActionPlan>(PLANS, { title, period_start: periodStart, period_end: periodEnd });
export const startNextPlanPeriod = (id: number, title: string, periodStart: string, periodEnd: string): Promise<ActionPlan> =>
  api.post<ActionPlan>(`${PLANS}/${id}/next-period`, { title, period_start: periodStart, period_end: periodEnd });
export const addPlanMeasure = (planId: number, measure: NewMeasure): Promise<PlanMeasure> =>
  api.post<PlanMeasure>(`${PLANS}/${planId}/measures`, measure);
export const addPlanIndicator = (planId: number, indicator: Record<string, unknown>): Promise<PlanIndicator> =>
  api.post<PlanIndicator>(`${PLANS}/${planId}/indicators`, indicator);
export const addProgressReport = (planId: number, report: Record<string, unknown>): Promise<ProgressReport> =>
  api.post<ProgressReport>(`${PLANS}/${planId}/progress-reports`, report);
export const fetchPlanCoverage = (id: number): Promise<PlanCoverage> => api.get<PlanCoverage>(`${PLANS}/${id}/coverage`);
export const fetchPlanOverdue = (id: number): Promise<PlanOverdue> => api.get<PlanOverdue>(`${PLANS}/${id}/overdue`);

export const listRounds = (): Promise<ItemList<QuestionnaireRound>> => api.get<ItemList<QuestionnaireRound>>(ROUNDS);
export const fetchRound = (id: number): Promise<QuestionnaireRound> => api.get<QuestionnaireRound>(`${ROUNDS}/${id}`);
export const createRound = (title: string, provisions: string[], includePartners: boolean): Promise<QuestionnaireRound> =>
  api.post<QuestionnaireRound>(ROUNDS, { title, provisions, include_partners: includePartners });
export const addRoundItem = (roundId: number, item: Record<string, unknown>): Promise<QuestionnaireItem> =>
  api.post<QuestionnaireItem>(`${ROUNDS}/${roundId}/items`, item);
export const openRound = (id: number): Promise<QuestionnaireRound> => api.post<QuestionnaireRound>(`${ROUNDS}/${id}/open`);
export const closeRound = (id: number): Promise<QuestionnaireRound> => api.post<QuestionnaireRound>(`${ROUNDS}/${id}/close`);
export const listRespondents = (): Promise<ItemList<Respondent>> => api.get<ItemList<Respondent>>(`${ROUNDS}/respondents`);
export const fetchResponse = (roundId: number, code: string): Promise<QuestionnaireResponse> =>
  api.get<QuestionnaireResponse>(`${ROUNDS}/${roundId}/responses/${encodeURIComponent(code)}`);
export const saveResponse = (roundId: number, code: string, answers: AnswerToSave[]): Promise<{ answers: GivenAnswer[] }> =>
  request<{ answers: GivenAnswer[] }>('PUT', `${ROUNDS}/${roundId}/responses/${encodeURIComponent(code)}`, { answers });
export const submitResponse = (roundId: number, code: string): Promise<unknown> =>
  api.post<unknown>(`${ROUNDS}/${roundId}/responses/${encodeURIComponent(code)}/submit`);
export const fetchRoundAnalysis = (id: number): Promise<RoundAnalysis> => api.get<RoundAnalysis>(`${ROUNDS}/${id}/analysis`);
/** Links the browser follows to download a file (the session cookie goes along). */
export const roundAnalysisCsvUrl = (id: number): string => `${ROUNDS}/${id}/analysis.csv`;
export const roundXlsFormUrl = (id: number): string => `${ROUNDS}/${id}/xlsform`;
export const roundReportUrl = (id: number): string => `${ROUNDS}/${id}/report`;
export const roundReportPdfUrl = (id: number): string => `${ROUNDS}/${id}/report?format=pdf`;
export const roundAnalysisXlsxUrl = (id: number): string => `${ROUNDS}/${id}/analysis.xlsx`;
/** A new draft round from an XLSForm; the .xlsx file travels in base64 inside JSON. */
export const importXlsForm = (fileBase64: string, title: string): Promise<QuestionnaireRound> =>
  api.post<QuestionnaireRound>(`${ROUNDS}/import-xlsform`, title ? { file: fileBase64, title } : { file: fileBase64 });
export const listRoundRespondents = (id: number): Promise<ItemList<RoundRespondent>> =>
  api.get<ItemList<RoundRespondent>>(`${ROUNDS}/${id}/respondents`);
export const fetchRoundCrosstab = (id: number, rows: string, columns: string): Promise<RoundCrosstab> =>
  api.get<RoundCrosstab>(`${ROUNDS}/${id}/crosstab?${new URLSearchParams({ rows, columns }).toString()}`);
export const fetchProvisionComparison = (provision: string): Promise<ProvisionComparison> =>
  api.get<ProvisionComparison>(`${ROUNDS}/comparison?${new URLSearchParams({ provision }).toString()}`);
/** Links a State to the organisation whose co-ordinators answer for it (null: to none). */
export const linkRespondent = (code: string, organisationId: number | null): Promise<Respondent> =>
  request<Respondent>('PUT', `${ROUNDS}/respondents/${encodeURIComponent(code)}`, { organisation_id: organisationId });
/** Changes an item; in an open round the change is a new version of it. */
export const changeRoundItem = (roundId: number, itemId: number, item: Record<string, unknown>): Promise<QuestionnaireItem> =>
  request<QuestionnaireItem>('PUT', `${ROUNDS}/${roundId}/items/${itemId}`, item);

/** The National Rapporteur's annual report of a year, a link the browser follows. */
export function statsReportUrl(year: number, lang: 'en' | 'ru', format: 'html' | 'pdf'): string {
  const params = new URLSearchParams({ year: String(year), lang, format });
  return `${BASE}/stats/report?${params.toString()}`;
}
