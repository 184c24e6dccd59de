import type { components } from './api';

type Schemas = components['schemas'];

export type Category = Schemas['Category'];
export type Stage = Schemas['Stage'];
export type Severity = Schemas['Severity'];
export type InfoClass = Schemas['InfoClass'];
export type Impact = Schemas['Impact'];
/** Roles travel as plain strings in the API (several per account). */
export type Role = 'Reporter' | 'Responder' | 'Executive' | 'Admin';
export type MeasureDecision = Schemas['MeasureDecision'];

export type LoginRequest = Schemas['LoginRequest'];
export type UserDto = Schemas['UserDto'];
export type CreateUserRequest = Schemas['CreateUserRequest'];
export type UserList = Schemas['UserList'];
export type MeDto = Schemas['MeDto'];
export type LanguageRequest = Schemas['LanguageRequest'];
export type AssignableUser = Schemas['AssignableUser'];
export type AssignableUserList = Schemas['AssignableUserList'];

export type IncidentSummary = Schemas['IncidentSummary'];
export type IncidentDetail = Schemas['IncidentDetail'];
export type IncidentList = Schemas['IncidentList'];
export type FileReportRequest = Schemas['FileReportRequest'];
export type DepartmentList = Schemas['DepartmentList'];
export type TriageRequest = Schemas['TriageRequest'];
export type RerateSeverityRequest = Schemas['RerateSeverityRequest'];
export type AnalysisRequest = Schemas['AnalysisRequest'];
export type FiveWValue = Schemas['FiveWValue'];
export type RecoveryRequest = Schemas['RecoveryRequest'];
export type NotifiedParty = Schemas['NotifiedParty'];
export type FieldEvidence = Schemas['FieldEvidence'];
export type PreventionRequest = Schemas['PreventionRequest'];
export type Measure = Schemas['Measure'];
export type AdvanceStageRequest = Schemas['AdvanceStageRequest'];
export type AddNoteRequest = Schemas['AddNoteRequest'];
export type PostBriefingRequest = Schemas['PostBriefingRequest'];
export type BriefingView = Schemas['BriefingView'];
export type IncidentBriefings = Schemas['IncidentBriefings'];
export type BriefingFeed = Schemas['BriefingFeed'];
export type BriefingDue = Schemas['BriefingDue'];
export type ReclassifyRequest = Schemas['ReclassifyRequest'];
export type AssignRequest = Schemas['AssignRequest'];
export type TimelineEntry = Schemas['TimelineEntry'];
export type TimelineList = Schemas['TimelineList'];
export type ExitCriterion = Schemas['ExitCriterion'];
export type Note = Schemas['Note'];
export type TriageRecord = Schemas['TriageRecord'];
export type AnalysisRecord = Schemas['AnalysisRecord'];
export type RecoveryRecord = Schemas['RecoveryRecord'];
export type PreventionRecord = Schemas['PreventionRecord'];

export type LocalizedText = Schemas['LocalizedText'];
export type SourceView = Schemas['SourceView'];
export type PlaybookRole = Schemas['PlaybookRole'];
export type StepKind = Schemas['StepKind'];
export type StepGrade = Schemas['StepGrade'];
export type StepStatus = Schemas['StepStatus'];
export type EvidenceField = Schemas['EvidenceField'];
export type StepCondition = Schemas['StepCondition'];
export type IncidentChecklist = Schemas['IncidentChecklist'];
export type ChecklistStep = Schemas['ChecklistStep'];
export type StageProgress = Schemas['StageProgress'];
export type PlaybookRef = Schemas['PlaybookRef'];
export type CompleteStepRequest = Schemas['CompleteStepRequest'];
export type SkipStepRequest = Schemas['SkipStepRequest'];
export type ReopenStepRequest = Schemas['ReopenStepRequest'];
export type PlaybookSummary = Schemas['PlaybookSummary'];
export type PlaybookList = Schemas['PlaybookList'];
export type PlaybookDetail = Schemas['PlaybookDetail'];
export type PlaybookStepView = Schemas['StepView'];
export type SignalView = Schemas['SignalView'];
export type PlaybookVersionInfo = Schemas['PlaybookVersionInfo'];

/** RFC 7807 problem details as the API writes them (one mapping for 400/403/404/409/412). */
export interface RuleViolation {
  code: string;
  message: string;
  /** The playbook step id, for rules about a step. */
  step?: string;
}
export interface ProblemDetails {
  type?: string | null;
  title?: string | null;
  status?: number | null;
  detail?: string | null;
  instance?: string | null;
  errors?: Record<string, string[]> | null;
  rules?: RuleViolation[] | null;
  currentVersion?: number | null;
}

/** Enum values as runtime lists (the generated file only carries types). */
export const CATEGORIES = ['C1', 'C2', 'C3', 'C4', 'C5', 'C6', 'C7', 'C8', 'C9', 'C10', 'unknown'] as const satisfies readonly Category[];
export const STAGES = ['detection', 'triage', 'analysis', 'recovery', 'prevention', 'closed'] as const satisfies readonly Stage[];
export const OPEN_STAGES = ['detection', 'triage', 'analysis', 'recovery', 'prevention'] as const satisfies readonly Stage[];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const satisfies readonly Severity[];
export const INFO_CLASSES = ['public', 'business', 'confidential'] as const satisfies readonly InfoClass[];
export const IMPACTS = ['minor', 'serious', 'extremely_serious'] as const satisfies readonly Impact[];
export const ROLES = ['Reporter', 'Responder', 'Executive', 'Admin'] as const satisfies readonly Role[];
export const MEASURE_DECISIONS = ['done', 'will_do', 'not_needed'] as const satisfies readonly MeasureDecision[];

/* escalation and notification settings */
export type Contact = Schemas['Contact'];
export type ContactRequest = Schemas['ContactRequest'];
export type ContactChainView = Schemas['ContactChainView'];
export type ContactChainList = Schemas['ContactChainList'];
export type ContactChainRequest = Schemas['ContactChainRequest'];
export type SlaSpan = Schemas['SlaSpan'];
export type SlaRow = Schemas['SlaRow'];
export type SlaPolicy = Schemas['SlaPolicy'];
export type SlaPolicyView = Schemas['SlaPolicyView'];
export type SettingsChange = Schemas['SettingsChange'];
export type SettingsTimeline = Schemas['SettingsTimeline'];
export type DeliveryView = Schemas['DeliveryView'];
export type DeliveryList = Schemas['DeliveryList'];
export type MailSettingsView = Schemas['MailSettingsView'];
export type DeadlineKind = Schemas['DeadlineKind'];
export type DeadlineView = Schemas['DeadlineView'];
export type NotificationChannel = Schemas['NotificationChannel'];
export type IncidentEscalationView = Schemas['IncidentEscalationView'];
export type AckLinkView = Schemas['AckLinkView'];
export type AckByLinkRequest = Schemas['AckByLinkRequest'];
export type AckByLinkResult = Schemas['AckByLinkResult'];
export const SLA_SEVERITIES = ['unrated', 'low', 'medium', 'high', 'critical'] as const;
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'simulated'] as const;

export type EditUserRequest = Schemas['EditUserRequest'];
export type ChangePasswordRequest = Schemas['ChangePasswordRequest'];
export type SetupStatusView = Schemas['SetupStatusView'];
export type IncidentAlerts = Schemas['IncidentAlerts'];
export type AlertedPerson = Schemas['AlertedPerson'];

export type DecisionKind = Schemas['DecisionKind'];
export type DecisionStatus = Schemas['DecisionStatus'];
export type DecisionReach = Schemas['DecisionReach'];
export type Quorum = Schemas['Quorum'];
export type OnExpiry = Schemas['OnExpiry'];
export type DecisionSummary = Schemas['DecisionSummary'];
export type DecisionList = Schemas['DecisionList'];
export type DecisionDetail = Schemas['DecisionDetail'];
export type DecisionKindTemplate = Schemas['DecisionKindTemplate'];
export type DecisionKindList = Schemas['DecisionKindList'];
export type IncidentSnapshot = Schemas['IncidentSnapshot'];
export type RequestDecisionRequest = Schemas['RequestDecisionRequest'];
export type DecideRequest = Schemas['DecideRequest'];
export type SupersedeRequest = Schemas['SupersedeRequest'];
export type AskInfoRequest = Schemas['AskInfoRequest'];
export type AnswerInfoRequest = Schemas['AnswerInfoRequest'];
export type WithdrawRequest = Schemas['WithdrawRequest'];

export const DECISION_KINDS = [
  'business_stoppage',
  'ransom_payment',
  'disclosure',
  'response_policy',
  'postpone_update',
  'other',
] as const satisfies readonly DecisionKind[];
export const DECISION_STATUSES = ['requested', 'info_asked', 'decided', 'lapsed', 'withdrawn'] as const satisfies readonly DecisionStatus[];
export const ON_EXPIRY = ['escalate', 're_ask', 'record_no_decision', 'apply_safe_option'] as const satisfies readonly OnExpiry[];

/* drill runs (issue 11 §4) */
export type DrillStatus = Schemas['DrillStatus'];
export type DrillFormat = Schemas['DrillFormat'];
export type DrillTeam = Schemas['DrillTeam'];
export type ParticipantRole = Schemas['ParticipantRole'];
export type InjectChannel = Schemas['InjectChannel'];
export type ActionResult = Schemas['ActionResult'];
export type ObservationKind = Schemas['ObservationKind'];
export type DrillRunSummary = Schemas['DrillRunSummary'];
export type DrillRunList = Schemas['DrillRunList'];
export type DrillDetail = Schemas['DrillDetail'];
export type RunInjectView = Schemas['RunInjectView'];
export type RunActionView = Schemas['RunActionView'];
export type PredictionView = Schemas['PredictionView'];
export type ObservationView = Schemas['ObservationView'];
export type DrillScenarioSummary = Schemas['DrillScenarioSummary'];
export type DrillScenarioList = Schemas['DrillScenarioList'];
export type DrillScenarioDetail = Schemas['DrillScenarioDetail'];
export type ScheduleDrillRequest = Schemas['ScheduleDrillRequest'];
export type KytRequest = Schemas['KytRequest'];
export type ObservationRequest = Schemas['ObservationRequest'];
export type JudgeActionRequest = Schemas['JudgeActionRequest'];
export const DRILL_STATUSES = ['scheduled', 'running', 'paused', 'stopped', 'ended', 'cancelled'] as const satisfies readonly DrillStatus[];
export const PARTICIPANT_ROLES = ['player', 'evaluator', 'observer'] as const satisfies readonly ParticipantRole[];
/** the teams a participant plays ("all" is an audience, not a team) */
export const DRILL_TEAMS = ['responders', 'executives', 'staff'] as const satisfies readonly DrillTeam[];

export type ContactCheckView = Schemas['ContactCheckView'];
export type ContactCheckList = Schemas['ContactCheckList'];
export type ContactCheckMemberResult = Schemas['ContactCheckMemberResult'];
export type ContactOutcome = Schemas['ContactOutcome'];
export type ContactMarkItem = Schemas['ContactMarkItem'];
export type CadenceView = Schemas['CadenceView'];
export type DrillAckView = Schemas['DrillAckView'];
export type DrillAckResult = Schemas['DrillAckResult'];
