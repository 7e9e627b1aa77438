/** The response shapes of the transfer routes live in libs/domain, shared with the portal. */
export type { TransferDetailView, TransferSummaryView } from '@ctms/domain';
