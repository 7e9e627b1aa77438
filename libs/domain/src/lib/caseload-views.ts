/**
 * Wire shapes of the caseload (supervisors) and "my day" (every worker): issue 15 items 5 and 6,
 * docs/decisions/0034-caseload-and-reassignment.md. Ids, codes, case numbers and dates only.
 */
import type { Role } from './enums';
import type { LabelMap } from './i18n';

/**
 * The kinds of due work the API knows today, one per work item source (apps/api/src/caseload/
 * work-items.ts). A new source (case plan tasks, follow-up visits …) adds its kind here, its labels
 * below, and its SELECT there.
 */
export const WORK_ITEM_KINDS = [
  'REFERRAL_TO_ACKNOWLEDGE',
  'REFERRAL_TO_SERVE',
  'SCREENING_DRAFT',
  'IDENTIFICATION_TO_DECIDE',
  'TRANSFER_TO_ANSWER',
  'PLAN_TASK',
  'VISIT_DUE',
] as const;
export type WorkItemKind = (typeof WORK_ITEM_KINDS)[number];

export const WORK_ITEM_KIND_LABELS: LabelMap<WorkItemKind> = {
  REFERRAL_TO_ACKNOWLEDGE: { lo: 'ການສົ່ງຕໍ່ທີ່ຕ້ອງຕອບຮັບ', en: 'Referral to acknowledge' },
  REFERRAL_TO_SERVE: { lo: 'ການສົ່ງຕໍ່ທີ່ຕ້ອງໃຫ້ບໍລິການ', en: 'Referral to serve' },
  SCREENING_DRAFT: { lo: 'ຮ່າງການຄັດກອງທີ່ຍັງບໍ່ສຳເລັດ', en: 'Screening draft to finish' },
  IDENTIFICATION_TO_DECIDE: { lo: 'ຄຳຮ້ອງກຳນົດຕົວຕົນທີ່ຕ້ອງຕັດສິນ', en: 'Identification to decide' },
  TRANSFER_TO_ANSWER: { lo: 'ການໂອນກໍລະນີທີ່ຕ້ອງຕອບ', en: 'Case transfer to answer' },
  PLAN_TASK: { lo: 'ວຽກໃນແຜນຊ່ວຍເຫຼືອ', en: 'Case plan task' },
  VISIT_DUE: { lo: 'ການຢ້ຽມຢາມຕິດຕາມທີ່ຮອດກຳນົດ', en: 'Follow-up visit due' },
};

/** When an item is due, in Lao time: past its due time, later today, within seven days, later, or no due date. */
export const WORK_ITEM_BUCKETS = ['OVERDUE', 'TODAY', 'WEEK', 'LATER', 'UNDATED'] as const;
export type WorkItemBucket = (typeof WORK_ITEM_BUCKETS)[number];

export const WORK_ITEM_BUCKET_LABELS: LabelMap<WorkItemBucket> = {
  OVERDUE: { lo: 'ກາຍກຳນົດ', en: 'Overdue' },
  TODAY: { lo: 'ມື້ນີ້', en: 'Today' },
  WEEK: { lo: 'ອາທິດນີ້', en: 'This week' },
  LATER: { lo: 'ພາຍຫຼັງ', en: 'Later' },
  UNDATED: { lo: 'ບໍ່ມີກຳນົດ', en: 'No due date' },
};

/** One due thing: the record it is (its kind and id), its case, when it is due. */
export interface WorkItemView {
  kind: WorkItemKind;
  /** the referral, screening, identification request or transfer */
  recordId: string;
  caseId: string | null;
  caseNumber: string | null;
  dueAt: string | null;
  overdue: boolean;
  bucket: WorkItemBucket;
}

/** GET /me/work: the caller's due work, overdue first, then by due time (undated last); at most MY_WORK_LIMIT. */
export interface MyWorkView {
  items: WorkItemView[];
  /** more items were due than the page holds */
  truncated: boolean;
}

export const MY_WORK_LIMIT = 100;

/** Counts of one worker (or of nobody: the unassigned row). */
export interface CaseloadCountsView {
  /** cases not closed */
  activeCases: number;
  openItems: number;
  overdueItems: number;
}

export interface CaseloadWorkerView extends CaseloadCountsView {
  user: { id: string; username: string; displayName: string; roles: Role[] };
}

/** GET /caseload: every active worker of the caller's agency whose scope meets the caller's, and what nobody carries. */
export interface CaseloadView {
  workers: CaseloadWorkerView[];
  /** cases with no active assignee (none, or a disabled one) and the agency's items no worker holds */
  unassigned: CaseloadCountsView;
}

/** GET /caseload/cases: one worker's open cases (`assignee`), or the open cases nobody active carries (`unassigned=true`). */
export interface CaseloadCasesQuery {
  assignee?: string;
  unassigned?: 'true';
  cursor?: string;
  limit?: number;
}

/** How many cases one bulk reassignment moves at most. */
export const MAX_BULK_REASSIGN = 100;

/** POST /caseload/reassign: all or nothing. */
export interface BulkReassignRequest {
  caseIds: string[];
  assigneeId: string;
  /** why (encrypted in each case's audit row) */
  reason: string;
}

export interface BulkReassignView {
  assigneeId: string;
  /** cases whose assignee changed */
  reassigned: number;
  /** cases already assigned to the assignee: nothing written for them */
  unchanged: number;
}
