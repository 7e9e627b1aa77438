/** Wire shapes of the notification routes: a kind, an object id and a case number, nothing personal. */
import type { Page } from './api-types';

export interface NotificationView {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  caseNumber: string | null;
  /** how many records it stands for, when more than its object (a bulk reassignment's cases) */
  count?: number;
  createdAt: string;
  readAt: string | null;
}

/** GET /notifications: one page and how many are unread in all. */
export interface NotificationPageView extends Page<NotificationView> {
  unreadCount: number;
}

/** POST /notifications/:id/read */
export interface NotificationReadView {
  id: string;
  readAt: string;
}

/** POST /notifications/read-all: how many changed, and what is still unread (0 unless new ones came) */
export interface NotificationsReadAllView {
  marked: number;
  unreadCount: number;
}
