/** The response shapes of the referral routes live in libs/domain, shared with the portal. */
export type { ReferralDetailView, ReferralHistoryEntryView, ReferralNoteView, ReferralServiceView, ReferralSummaryView, ServiceDirectoryEntryView } from '@ctms/domain';
