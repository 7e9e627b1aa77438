import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { API } from '../core/auth/auth.service';

/** One notification as the API lists it: a kind, an object id and a case number, nothing personal. */
export interface NotificationItem {
  id: string;
  kind: string;
  objectType: string;
  objectId: string;
  caseNumber: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationItem[];
  nextCursor: string | null;
  unreadCount: number;
}

@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  list(unread: boolean, cursor: string | null, limit = 50): Promise<NotificationPage> {
    let params = new HttpParams().set('limit', limit);
    if (unread) params = params.set('unread', 'true');
    if (cursor) params = params.set('cursor', cursor);
    return firstValueFrom(this.http.get<NotificationPage>(`${API}/notifications`, { params }));
  }

  /** Marks every unread notification of the signed-in user read (the API touches only the caller's own). */
  markAllRead(): Promise<{ marked: number; unreadCount: number }> {
    return firstValueFrom(this.http.post<{ marked: number; unreadCount: number }>(`${API}/notifications/read-all`, null));
  }

  markRead(id: string): Promise<{ id: string; readAt: string }> {
    return firstValueFrom(this.http.post<{ id: string; readAt: string }>(`${API}/notifications/${encodeURIComponent(id)}/read`, null));
  }
}
